using System.CommandLine;
using ContribBot.Core.Configuration;
using ContribBot.Core.Documents;
using ContribBot.Core.Reports;
using ContribBot.Core.Runs.Checking;
using ContribBot.Core.Runs.Files;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation;
using ContribBot.Core.Validation.Policy;
namespace ContribBot.Cli.Commands;

/// <summary><c>contribbot validate [PATH...]</c>: checks whole taxonomy trees (or single files) and reports.</summary>
public sealed class ValidateCommand(CliIo io)
{
    public static Command Create(CliIo io)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Taxonomy roots (folders holding knowledge/, compositional_skills/…) or qna.yaml files. Default: the current directory.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text (compiler-style), json, sarif (SARIF 2.1.0), github (workflow commands) or markdown.",
            HelpName = "text|json|sarif|github|markdown",
            DefaultValueFactory = _ => "text",
        };
        format.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (ParseFormat(value) is null) result.AddError($"Unknown format '{value}'. Use one of: text, json, sarif, github, markdown.");
        });
        format.CompletionSources.Add("text", "json", "sarif", "github", "markdown");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output.", HelpName = "FILE" };
        var strict = new Option<bool>("--strict") { Description = "Treat warnings as errors (exit code 1 when there are any; config validate.strict)." };
        var maxFileSize = new Option<long?>("--max-file-size")
        {
            Description = "Largest qna.yaml read, in bytes (default: config validate.max_file_size, else 1 MiB).",
            HelpName = "BYTES",
        };
        maxFileSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is <= 0) result.AddError("--max-file-size must be a positive number of bytes.");
        });
        var config = new Option<string?>("--config")
        {
            Description = $"Settings file whose validate: section sets rule levels, overrides and ignored paths (default: PATH/{ContribBotConfig.DefaultRelativePath} when it exists).",
            HelpName = "FILE",
        };
        var maxSeedTokens = CommandOptions.Positive("--max-seed-tokens", "TOKENS",
            $"Warn when one seed example is estimated to be longer than this many teacher tokens (default: config validate.max_seed_tokens, else {SeedTokenBudget.Default.PerExample}).");
        var maxTotalSeedTokens = CommandOptions.Positive("--max-total-seed-tokens", "TOKENS",
            $"Warn when a leaf's seed examples together are estimated to be longer than this many teacher tokens (default: config validate.max_total_seed_tokens, else {SeedTokenBudget.Default.Total}).");
        var baseRef = new Option<string?>("--base")
        {
            Description = "Pull-request mode: check only the leaves changed since the merge base with this ref (default origin/main, then main).",
            HelpName = "REF",
        };
        var headRef = new Option<string?>("--head")
        {
            Description = "Pull-request mode: the ref whose changes are checked, read from git objects (default: the working tree, uncommitted and untracked files included).",
            HelpName = "REF",
        };
        var allowLocalRepos = new Option<bool>("--allow-local-repos")
        {
            Description = "Pull-request mode: also fetch knowledge documents from local paths and file:// URLs (tests, self-hosted mirrors); https only otherwise.",
        };
        var offline = new Option<bool>("--offline")
        {
            Description = "Pull-request mode: never fetch knowledge documents; check what the cache holds and say what was skipped.",
        };
        var baseline = new Option<string?>("--baseline")
        {
            Description = "Report only findings that are not in this baseline (written by --write-baseline); findings are matched by file, code and message, not line.",
            HelpName = "FILE",
        };
        var writeBaseline = new Option<string?>("--write-baseline")
        {
            Description = "Write every finding to this file as a baseline (exit 0), to adopt rules on a taxonomy that does not meet them yet.",
            HelpName = "FILE",
        };
        var documentMirror = CommandOptions.DocumentMirror();
        var requireDocuments = CommandOptions.RequireDocuments();
        var untouchedAsNotices = new Option<bool>("--untouched-as-notices")
        {
            Description = "Pull-request mode: show warnings on lines the change did not touch as notices (config validate.untouched_as_notices).",
        };
        var noColor = new Option<bool>("--no-color") { Description = "Never use colours (they are used only on a terminal anyway; NO_COLOR is honoured)." };

        var command = new Command("validate", "Check taxonomy leaves against the schema, the taxonomy's lint rules and ContribBot's quality checks.")
        {
            paths, baseRef, headRef, allowLocalRepos, offline, documentMirror, requireDocuments, untouchedAsNotices, format, output, strict, config, maxFileSize, maxSeedTokens, maxTotalSeedTokens, baseline, writeBaseline, noColor,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var check = new CheckSettings(parse.GetValue(paths) is { Length: > 0 } given ? given : ["."])
            {
                Strict = parse.GetValue(strict),
                UntouchedAsNotices = parse.GetValue(untouchedAsNotices),
                MaxFileBytes = parse.GetValue(maxFileSize),
                MaxSeedTokens = parse.GetValue(maxSeedTokens),
                MaxTotalSeedTokens = parse.GetValue(maxTotalSeedTokens),
                Base = parse.GetValue(baseRef),
                Head = parse.GetValue(headRef),
                AllowLocalRepos = parse.GetValue(allowLocalRepos),
                Offline = parse.GetValue(offline),
                RequireDocuments = parse.GetValue(requireDocuments),
                DocumentMirrors = CommandOptions.Mirrors(parse.GetValue(documentMirror)),
                ConfigFile = parse.GetValue(config),
                DocumentCacheDirectory = DocumentOptions.DefaultCacheDirectory(io.Environment),
            };
            var settings = new ValidateSettings(check, ParseFormat(parse.GetValue(format)) ?? ReportFormat.Text, parse.GetValue(output), parse.GetValue(noColor))
            {
                Baseline = parse.GetValue(baseline),
                WriteBaseline = parse.GetValue(writeBaseline),
            };
            return new ValidateCommand(io).ExecuteAsync(settings, cancellationToken);
        });
        return command;
    }

    public async Task<int> ExecuteAsync(ValidateSettings settings, CancellationToken cancellationToken)
    {
        using var checkedTaxonomy = await ProgressConsole.CountingAsync(io.Progress, progress => TaxonomyCheck.RunAsync(settings.Check, progress, cancellationToken))
            .ConfigureAwait(false);
        if (checkedTaxonomy.Comparison is { } comparison) await io.Stderr.WriteLineAsync(comparison).ConfigureAwait(false);
        var report = checkedTaxonomy.Report;
        if (settings.WriteBaseline is { } target)
        {
            var written = Baseline.Of(report);
            await AtomicFile.WriteAsync(target, written.ToJson()).ConfigureAwait(false);
            await io.Stderr.WriteLineAsync($"{written.Count} finding(s) written to the baseline {target}; run with --baseline {target} to see only new ones.").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (settings.Baseline is { } known)
        {
            report = Baseline.Read(known).Without(report, out var hidden);
            await io.Stderr.WriteLineAsync($"{hidden} finding(s) already in the baseline {known} are not shown.").ConfigureAwait(false);
        }

        if (report.LeafCount == 0 && !settings.Check.ChangesOnly)
        {
            await io.Stderr.WriteLineAsync(
                $"warning: no qna.yaml found under {string.Join(", ", settings.Check.Paths)}; is this the root of a taxonomy " +
                "(the folder holding knowledge/ and compositional_skills/)?").ConfigureAwait(false);
        }

        var toTerminal = settings.Output is null && ReferenceEquals(io.Stdout, Console.Out) && !Console.IsOutputRedirected;
        var color = toTerminal && !settings.NoColor && string.IsNullOrEmpty(io.Environment("NO_COLOR"));
        // People read paths from where they stand; machines (code scanning, annotations, scripts) from the repository root.
        var docs = DocsLocation.From(io.Environment);
        var context = settings.Format == ReportFormat.Text
            ? new ReportContext(Environment.CurrentDirectory, color) { CatalogUrl = docs }
            : ReportContext.ForMachines(report, Environment.CurrentDirectory, docs);
        var rendered = ReportRenderer.Render(settings.Format, report, context);
        if (settings.Output is { } file)
        {
            await AtomicFile.WriteAsync(file, rendered).ConfigureAwait(false);
            await io.Stderr.WriteLineAsync($"{TextReportRenderer.Summary(report)}; report written to {file}").ConfigureAwait(false);
        }
        else
        {
            await io.Stdout.WriteAsync(rendered).ConfigureAwait(false);
            if (settings.Format != ReportFormat.Text) await io.Stderr.WriteLineAsync(TextReportRenderer.Summary(report)).ConfigureAwait(false);
        }

        return report.HasErrors ? ExitCodes.Findings : ExitCodes.Success;
    }

    private static ReportFormat? ParseFormat(string? value) => value?.ToLowerInvariant() switch
    {
        "text" => ReportFormat.Text,
        "json" => ReportFormat.Json,
        "sarif" => ReportFormat.Sarif,
        "github" => ReportFormat.GitHub,
        "markdown" => ReportFormat.Markdown,
        _ => null,
    };
}
