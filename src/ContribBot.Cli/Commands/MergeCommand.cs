using System.CommandLine;
using ContribBot.Core.Runs.Build;

namespace ContribBot.Cli.Commands;

/// <summary><c>contribbot merge SHARD_DIR... --out DIR</c>: checks the shards of a build belong together and joins them into the dataset.</summary>
public sealed class MergeCommand(CliIo io)
{
    public static Command Create(CliIo io)
    {
        var shards = new Argument<string[]>("SHARD_DIR") { Description = "The shard folders written by `contribbot build --shard K/N --out DIR`, all N of them.", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out") { Description = "The dataset folder.", HelpName = "DIR", DefaultValueFactory = _ => BuildSettings.DefaultOutDirectory };
        var allowPartial = new Option<bool>("--allow-partial") { Description = "Merge even when leaves failed or were not built; the dataset card and manifest say so." };
        var license = new Option<string>("--license") { Description = "The dataset card's licence (a Hugging Face licence id).", HelpName = "ID", DefaultValueFactory = _ => "cc-by-4.0" };
        var taxonomy = new Option<string?>("--taxonomy")
        {
            Description = "The taxonomy the shards were built from; needed when its settings name a mix: (the replayed files are read from it).", HelpName = "PATH",
        };
        var index = new Option<string?>("--near-duplicate-index")
        {
            Description = "With build.near_duplicates: the index of the rows the previous dataset version kept (read if it exists, then rewritten); new rows repeating them are dropped.",
            HelpName = "FILE",
        };
        var command = new Command("merge", "Join the shards of a build into one dataset, after checking they come from the same commit and settings and are whole.")
        {
            shards, outDir, allowPartial, license, taxonomy, index,
        };
        command.SetAction((parse, cancellationToken) => new MergeCommand(io).ExecuteAsync(
            parse.GetValue(shards) ?? [], parse.GetValue(outDir) ?? BuildSettings.DefaultOutDirectory,
            new MergeOptions
            {
                AllowPartial = parse.GetValue(allowPartial), License = parse.GetValue(license) ?? "cc-by-4.0", TaxonomyRoot = parse.GetValue(taxonomy),
                NearDuplicateIndex = parse.GetValue(index),
            }, cancellationToken));
        return command;
    }

    public async Task<int> ExecuteAsync(IReadOnlyList<string> shards, string outDirectory, MergeOptions options, CancellationToken cancellationToken)
    {
        Core.Reports.Dataset.DatasetManifest dataset;
        try
        {
            dataset = await DatasetMerge.RunAsync(shards, outDirectory, options, cancellationToken).ConfigureAwait(false);
        }
        catch (MergeException exception)
        {
            await io.Stderr.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Findings;
        }

        await io.Stderr.WriteLineAsync($"Merged {dataset.Shards} shard(s), {dataset.Leaves.Count} leaf(s) into {outDirectory}/: " +
                                       string.Join(", ", dataset.Files.Select(file => $"{file.Name} {file.Rows:N0} rows")) + ", manifest.json, README.md" +
                                       (dataset.Partial ? $"; PARTIAL ({dataset.Failed.Count()} leaf(s) without rows)." : ".")).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
