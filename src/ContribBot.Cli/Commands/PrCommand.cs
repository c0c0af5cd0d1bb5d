using System.CommandLine;
using System.Text.Json;
using ContribBot.Core.Configuration;
using ContribBot.Core.Documents;
using ContribBot.Core.Git;
using ContribBot.Core.Runs.Checking;
using ContribBot.Core.Validation;
using ContribBot.Core.Reports;
using ContribBot.Core.Reports.Preview;
using ContribBot.GitHub;

namespace ContribBot.Cli.Commands;

/// <summary>
/// <c>contribbot pr</c>: publishes a report folder (from <c>preview</c>) to a pull request: the check run with every
/// annotation, the one sticky comment, and the job summary when run in Actions. The Markdown is rendered again from
/// report.json, so a report folder from an untrusted run cannot post Markdown of its own; with <c>--taxonomy</c> the
/// verdict is computed here from git objects too, and the folder only adds preview samples (<see cref="VerifiedReport"/>).
/// </summary>
public sealed class PrCommand(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
{
    /// <summary>GitHub's limit on one step's job summary.</summary>
    private const int MaxJobSummaryBytes = 1024 * 1024;

    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var repo = new Option<string?>("--repo") { Description = "The repository, OWNER/NAME (default: GITHUB_REPOSITORY).", HelpName = "OWNER/NAME" };
        var pr = new Option<int?>("--pr") { Description = "The pull request number (default: from the event in GITHUB_EVENT_PATH).", HelpName = "N" };
        var report = new Option<string>("--report")
        {
            Description = $"The report folder written by preview (holding report.json), or report.json itself (default: {PreviewCommand.DefaultOutDirectory}).",
            HelpName = "DIR|FILE",
            DefaultValueFactory = _ => PreviewCommand.DefaultOutDirectory,
        };
        var taxonomy = new Option<string?>("--taxonomy")
        {
            Description = "Compute the verdict here instead of taking it from the report: check the pull request's changes from the git objects of the " +
                          "taxonomy at PATH (a trusted checkout of the base repository into which the pull request's head commit was fetched; nothing is " +
                          "checked out). The check run and annotations then come from this check only; the report adds its preview samples, labelled.",
            HelpName = "PATH",
        };
        var sha = new Option<string?>("--sha")
        {
            Description = "The commit the report was made from; publishing is refused when the pull request's head is another commit (default: the head, unchecked).",
            HelpName = "SHA",
        };
        var artifactUrl = new Option<string?>("--artifact-url") { Description = "An https link to the full report, named when the comment must be cut to GitHub's size limit.", HelpName = "URL" };
        var noComment = new Option<bool>("--no-comment") { Description = "Do not create or update the pull request comment." };
        var noCheck = new Option<bool>("--no-check") { Description = "Do not create or update the check run." };
        var reviewBoxes = new Option<bool>("--review-boxes")
        {
            Description = "Show good and bad boxes under each sample, for maintainers to tick (only where the command workflow, `contribbot command`, reads the ticks).",
        };
        var command = new Command("pr", "Publish a report to a pull request: a check run with annotations, one comment edited in place, and the job summary. Token from GITHUB_TOKEN.")
        {
            repo, pr, report, taxonomy, sha, artifactUrl, noComment, noCheck, reviewBoxes,
        };
        command.SetAction((parse, cancellationToken) => new PrCommand(stdout, stderr, environment).ExecuteAsync(
            new PrRequest(parse.GetValue(repo), parse.GetValue(pr), parse.GetValue(report) ?? PreviewCommand.DefaultOutDirectory, parse.GetValue(taxonomy), parse.GetValue(sha),
                parse.GetValue(artifactUrl), !parse.GetValue(noComment), !parse.GetValue(noCheck)) { ReviewBoxes = parse.GetValue(reviewBoxes) }, cancellationToken));
        return command;
    }

    /// <summary>What to publish where; see the options of <see cref="Create"/>.</summary>
    public sealed record PrRequest(
        string? Repository, int? PullRequest, string ReportPath, string? Taxonomy, string? Sha, string? ArtifactUrl, bool Comment, bool CheckRun)
    {
        public bool ReviewBoxes { get; init; }
    }

    public async Task<int> ExecuteAsync(PrRequest request, CancellationToken cancellationToken)
    {
        var read = await ReadReportAsync(request.ReportPath, cancellationToken).ConfigureAwait(false);
        using var clients = request.Taxonomy is not null || request.Comment || request.CheckRun ? Clients() : null;
        var client = clients?.ForToken(environment("GITHUB_TOKEN")!);
        var target = client is null ? null : Target(request.Repository, request.PullRequest);
        var publisher = client is null ? null : new PullRequestPublisher(client, new GitHubRetry());
        var headSha = request.Sha;
        PublishedReport report;
        try
        {
            if (request.Taxonomy is { } taxonomy)
            {
                var commits = await publisher!.ReadCommitsAsync(target!, request.Sha, cancellationToken).ConfigureAwait(false);
                report = VerifiedReport.Combine(await VerdictAsync(taxonomy, commits, cancellationToken).ConfigureAwait(false), read);
                headSha = commits.HeadSha;
            }
            else
            {
                report = read;
                if (request.Comment || request.CheckRun)
                {
                    await stderr.WriteLineAsync("note: the verdict is taken from the report as it is; for a report made by a pull request's own workflow run " +
                                                "(which a fork controls), pass --taxonomy so that the verdict is computed here.").ConfigureAwait(false);
                }
            }
        }
        catch (GitHubPublishException exception)
        {
            await stderr.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        report = report with { Context = report.Context with { CatalogUrl = DocsLocation.From(environment) } };
        var markdown = PullRequestPublisher.Markdown(report);
        if (environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } summaryFile)
        {
            var note = "\n\n> [!NOTE]\n> Cut to fit the job summary's limit; the full report is in the report artifact.\n";
            await File.AppendAllTextAsync(summaryFile, MarkdownFit.Cut(markdown, MaxJobSummaryBytes / 4, note) + "\n", cancellationToken).ConfigureAwait(false);
            await stderr.WriteLineAsync($"Job summary written ({summaryFile}).").ConfigureAwait(false);
        }

        if (!request.Comment && !request.CheckRun) return ExitCodes.Success;

        var options = new PublishOptions
        {
            Comment = request.Comment,
            CheckRun = request.CheckRun,
            HeadSha = headSha,
            FullReportUrl = request.ArtifactUrl ?? RunUrl(),
        };
        PublishOutcome outcome;
        try
        {
            // The maintainers' verdicts the comment carries survive a new report (they go to the dataset build).
            if (request.Comment && report.Preview is not null)
            {
                report = report with { Review = new HumanReview(await publisher!.CarriedReviewsAsync(target!, cancellationToken).ConfigureAwait(false)) { ShowBoxes = request.ReviewBoxes } };
            }

            outcome = await publisher!.PublishAsync(target!, report, options, cancellationToken).ConfigureAwait(false);
        }
        catch (GitHubPublishException exception)
        {
            await stderr.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (outcome.CheckRunId is { } id)
        {
            await stdout.WriteLineAsync($"Check run {CheckRunWord(outcome)} (id {id}) on {outcome.HeadSha[..Math.Min(12, outcome.HeadSha.Length)]}: {report.Headline()}; " +
                                        $"{outcome.AnnotationsSent} annotation(s) sent in {outcome.AnnotationRequests} request(s)" +
                                        (outcome.AnnotationsSkipped > 0 ? $", {outcome.AnnotationsSkipped} not annotated (paths not inside the repository; the summary and comment say so)" : string.Empty) + ".").ConfigureAwait(false);
        }

        if (outcome.CommentId is not null)
        {
            await stdout.WriteLineAsync($"Comment {(outcome.CommentCreated ? "created" : "updated")}{(outcome.CommentTrimmed ? " (cut to GitHub's size limit)" : string.Empty)}: {outcome.CommentUrl}")
                .ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Our own check of what the pull request changes, from git objects: the merge base of its base and head commits
    /// against its head commit. Documents are fetched without credentials, over https only.
    /// </summary>
    private async Task<ValidationReport> VerdictAsync(string taxonomy, PullRequestCommits commits, CancellationToken cancellationToken)
    {
        var settings = new CheckSettings([taxonomy])
        {
            Base = commits.BaseSha,
            Head = commits.HeadSha,
            DocumentCacheDirectory = DocumentOptions.DefaultCacheDirectory(environment),
        };
        CheckedTaxonomy checkedTaxonomy;
        try
        {
            checkedTaxonomy = await TaxonomyCheck.RunAsync(settings, null, cancellationToken).ConfigureAwait(false);
        }
        catch (GitInputException exception)
        {
            throw new GitInputException(
                $"{exception.Message} To compute the verdict, the pull request's commits must be in the repository at {taxonomy}: check out the base " +
                "repository with its history (actions/checkout with fetch-depth: 0), then `git fetch origin +refs/pull/N/head` (the action's publish command does this).",
                exception);
        }

        using var held = checkedTaxonomy;
        if (checkedTaxonomy.Comparison is { } comparison) await stderr.WriteLineAsync(comparison).ConfigureAwait(false);
        return checkedTaxonomy.Report;
    }

    private GitHubClientFactory Clients() => GitHubConnection.Clients(environment, "checks: write, pull-requests: write");

    private static string CheckRunWord(PublishOutcome outcome) => outcome.CheckRunCreated ? "created" : "updated";

    private static async Task<PublishedReport> ReadReportAsync(string path, CancellationToken cancellationToken)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, "report.json") : path;
        if (!File.Exists(file)) throw new ConfigException($"no report at {file}; run `contribbot preview --out DIR` first and pass --report DIR.");
        if (new FileInfo(file).Length > ReportJsonReader.MaxBytes) throw new ConfigException($"{file} is larger than {ReportJsonReader.MaxBytes / (1024 * 1024)} MiB.");
        try
        {
            // The report may come from a fork's run: a regular file only (not a FIFO or device that never ends), read as a stream.
            if (Core.Limits.FileKind.Of(file, followLinks: true) is Core.Limits.FileKindValue.Special)
            {
                throw new ConfigException($"{file} is not a regular file (a FIFO, socket or device); not reading it.");
            }

            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return await ReportJsonReader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            throw new ConfigException($"{file}: {exception.Message}.", exception);
        }
    }

    private GitHubTarget Target(string? repository, int? pullRequest)
    {
        var parsed = GitHubConnection.Repository(repository, environment);
        var number = pullRequest ?? PullRequestFromEvent();
        return number is > 0
            ? new GitHubTarget(parsed.Owner, parsed.Name, number.Value)
            : throw new ConfigException("no pull request number: pass --pr N (the event in GITHUB_EVENT_PATH names none).");
    }

    /// <summary>The pull request of the event that started the workflow (<c>pull_request</c> or an issue comment on one).</summary>
    private int? PullRequestFromEvent()
    {
        if (environment("GITHUB_EVENT_PATH") is not { Length: > 0 } path || !File.Exists(path) || new FileInfo(path).Length > 25 * 1024 * 1024) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            foreach (var container in new[] { "pull_request", "issue" })
            {
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(container, out var item) && item.ValueKind == JsonValueKind.Object &&
                    item.TryGetProperty("number", out var number) && number.TryGetInt32(out var value))
                {
                    return value;
                }
            }
        }
        catch (JsonException)
        {
            // Not an event we understand: the caller asks for --pr.
        }

        return null;
    }

    /// <summary>The workflow run's page (where its artifacts are listed), when running in Actions.</summary>
    private string? RunUrl() =>
        environment("GITHUB_SERVER_URL") is { Length: > 0 } server && environment("GITHUB_REPOSITORY") is { Length: > 0 } repository &&
        environment("GITHUB_RUN_ID") is { Length: > 0 } run
            ? $"{server.TrimEnd('/')}/{repository}/actions/runs/{run}"
            : null;
}
