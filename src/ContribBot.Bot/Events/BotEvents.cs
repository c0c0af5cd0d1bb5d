using System.Text.Json;
using Octokit.Webhooks;
using Octokit.Webhooks.Events;

namespace ContribBot.Bot.Events;

/// <summary>
/// Reads a stored delivery into Octokit.Webhooks' payload types (their source-generated JSON, so it works compiled
/// ahead of time) and then into the few facts the bot acts on. A payload GitHub would not send (missing required
/// fields, wrong shapes, too deep) is a <see cref="BotEventException"/>, which makes the job a dead letter with the reason.
/// </summary>
public static class BotEvents
{
    private static readonly Reader Events = new();

    /// <exception cref="BotEventException">The payload is not a well-formed event of that name.</exception>
    public static WebhookEvent Read(string eventName, byte[] payload)
    {
        try
        {
            return Events.DeserializeWebhookEvent(new WebhookHeaders { Event = eventName }, System.Text.Encoding.UTF8.GetString(payload));
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new BotEventException($"the {eventName} payload is not one GitHub sends: {exception.Message}", exception);
        }
    }

    /// <summary>The pull request a <c>pull_request</c> event is about, when its action calls for a new check.</summary>
    public static PullRequestHead? NewHead(PullRequestEvent pull) =>
        pull.Action is "opened" or "synchronize" or "reopened" && pull.Repository is { } repository
            ? new PullRequestHead(
                new PullRequestAddress(repository.Owner.Login, repository.Name, checked((int)pull.Number), pull.Installation?.Id),
                pull.PullRequest.Head.Sha, pull.PullRequest.Head.Ref, pull.PullRequest.Head.Repo?.CloneUrl ?? repository.CloneUrl ?? string.Empty,
                pull.PullRequest.Base.Ref, repository.CloneUrl ?? string.Empty)
            : null;

    /// <summary>The pull request a comment was made on (null for a comment on an issue).</summary>
    public static PullRequestComment? Comment(IssueCommentEvent comment) =>
        comment.Issue.PullRequest is not null && comment.Repository is { } repository && comment.Action is "created" or "edited"
            ? new PullRequestComment(
                new PullRequestAddress(repository.Owner.Login, repository.Name, checked((int)comment.Issue.Number), comment.Installation?.Id),
                comment.Comment.Id, comment.Comment.Body, comment.Comment.User.Login, comment.Comment.AuthorAssociation.StringValue,
                comment.Comment.User.Type.StringValue, comment.Action == "edited")
            {
                Sender = comment.Sender?.Login ?? comment.Comment.User.Login,
                SenderType = comment.Sender?.Type.StringValue ?? comment.Comment.User.Type.StringValue,
                PreviousBody = (comment as Octokit.Webhooks.Events.IssueComment.IssueCommentEditedEvent)?.Changes?.Body?.From,
            }
            : null;

    /// <summary>The pull requests of a ContribBot check run someone asked to run again.</summary>
    public static IReadOnlyList<PullRequestAddress> Rerequested(CheckRunEvent run, string checkName) =>
        run.Action == "rerequested" && run.CheckRun.Name == checkName && run.Repository is { } repository
            ? run.CheckRun.PullRequests.Select(pull => new PullRequestAddress(repository.Owner.Login, repository.Name, checked((int)pull.Number), run.Installation?.Id)).ToList()
            : [];

    private sealed class Reader : WebhookEventProcessor;
}

/// <summary>A pull request, and the App installation that may act on it.</summary>
public sealed record PullRequestAddress(string Owner, string Name, int Number, long? InstallationId)
{
    /// <summary>The job subject: one per pull request, so a newer request supersedes an older one.</summary>
    public string Subject => $"{Owner}/{Name}#{Number}";

    public override string ToString() => Subject;
}

/// <summary>The commit to check and where its objects are: the head (perhaps in a fork) and the base repository.</summary>
public sealed record PullRequestHead(PullRequestAddress PullRequest, string HeadSha, string HeadRef, string HeadCloneUrl, string BaseRef, string BaseCloneUrl);

/// <summary>A comment on a pull request, with who wrote it and their association with the repository.</summary>
public sealed record PullRequestComment(
    PullRequestAddress PullRequest, long CommentId, string Body, string Author, string AuthorAssociation, string AuthorType, bool Edited)
{
    /// <summary>Who caused the event: for an edit, the editor (who may not be the author).</summary>
    public string Sender { get; init; } = Author;

    public string SenderType { get; init; } = AuthorType;

    /// <summary>For an edit, the body before it (GitHub's <c>changes.body.from</c>); null when not given.</summary>
    public string? PreviousBody { get; init; }
}

/// <summary>A payload that is not a well-formed event.</summary>
public sealed class BotEventException : Exception
{
    public BotEventException()
    {
    }

    public BotEventException(string message)
        : base(message)
    {
    }

    public BotEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
