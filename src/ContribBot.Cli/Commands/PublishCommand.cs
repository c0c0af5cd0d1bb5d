using System.CommandLine;
using ContribBot.Core.Http.Hub;
using ContribBot.Core.Runs.Publish;

namespace ContribBot.Cli.Commands;

/// <summary><c>contribbot publish DATASET_DIR --hub ORG/NAME [--revision REV]</c>: the finished dataset as a Hugging Face Hub dataset repository.</summary>
public sealed class PublishCommand(CliIo io)
{
    public const string TokenVariable = "HF_TOKEN";

    /// <summary>Where the Hub is (as huggingface_hub reads it); --hub-url wins.</summary>
    public const string EndpointVariable = "HF_ENDPOINT";

    public static Command Create(CliIo io)
    {
        var dataset = new Argument<string>("DATASET_DIR") { Description = "The dataset folder `contribbot build` or `merge` wrote (with manifest.json and README.md)." };
        var hub = new Option<string>("--hub") { Description = "The dataset repository on the Hugging Face Hub, ORG/NAME (made if it does not exist).", HelpName = "ORG/NAME", Required = true };
        var revision = new Option<string>("--revision") { Description = "The branch to commit to (made from the default branch if it does not exist).", HelpName = "REV", DefaultValueFactory = _ => "main" };
        var isPrivate = new Option<bool>("--private") { Description = "Make the repository private when it is created (an existing one keeps its visibility)." };
        var hubUrl = new Option<string?>("--hub-url") { Description = $"The Hub's address (default: {EndpointVariable}, else https://huggingface.co).", HelpName = "URL" };
        var command = new Command("publish", $"Publish a built dataset to the Hugging Face Hub as a dataset repository (token from {TokenVariable}).")
        {
            dataset, hub, revision, isPrivate, hubUrl,
        };
        command.SetAction((parse, cancellationToken) => new PublishCommand(io).ExecuteAsync(
            parse.GetValue(dataset)!, parse.GetValue(hub)!, parse.GetValue(revision) ?? "main", parse.GetValue(isPrivate), parse.GetValue(hubUrl), cancellationToken));
        return command;
    }

    public async Task<int> ExecuteAsync(string dataset, string hub, string revision, bool isPrivate, string? hubUrl, CancellationToken cancellationToken)
    {
        if (HubRepository.TryParse(hub) is not { } repository)
        {
            return await UsageAsync($"--hub is ORG/NAME (letters, digits, '-', '_', '.'), not '{hub}'.").ConfigureAwait(false);
        }

        if (revision.Length is 0 or > 200 || revision.Any(char.IsControl) || revision.Contains("..", StringComparison.Ordinal))
        {
            return await UsageAsync("--revision is a branch name.").ConfigureAwait(false);
        }

        if (io.Environment(TokenVariable) is not { Length: > 0 } token)
        {
            return await UsageAsync($"{TokenVariable} is not set: publishing needs a Hugging Face token with write access (https://huggingface.co/settings/tokens).").ConfigureAwait(false);
        }

        var address = hubUrl ?? io.Environment(EndpointVariable) ?? "https://huggingface.co";
        if (!Uri.TryCreate(address, UriKind.Absolute, out var endpoint) || !(endpoint.Scheme == Uri.UriSchemeHttps || endpoint.IsLoopback))
        {
            // The token goes with every request: never over plain http to another machine.
            return await UsageAsync($"the Hub's address must be https (or loopback): '{address}'.").ConfigureAwait(false);
        }

        HubPublishOutcome outcome;
        try
        {
            outcome = await HubPublish.RunAsync(dataset, repository, revision, isPrivate, HubClient.Create(endpoint, token), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            return await UsageAsync(exception.Message).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HubRefusedException or HubUnreachableException)
        {
            await io.Stderr.WriteLineAsync($"error: {exception.Message} Nothing was committed; run the command again to retry (uploaded files are not sent twice).").ConfigureAwait(false);
            return ExitCodes.Findings;
        }

        await io.Stderr.WriteLineAsync($"Published {outcome.Files} file(s) to {repository.Id}@{outcome.Revision} ({outcome.LfsFiles} through LFS, {outcome.Uploaded} uploaded, " +
                                       $"the rest already there); commit {outcome.Commit.Oid ?? "(id not given)"}.").ConfigureAwait(false);
        if (outcome.Commit.Url is { } url) await io.Stdout.WriteLineAsync(url).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private async Task<int> UsageAsync(string message)
    {
        await io.Stderr.WriteLineAsync($"error: {message}").ConfigureAwait(false);
        return ExitCodes.UsageError;
    }
}
