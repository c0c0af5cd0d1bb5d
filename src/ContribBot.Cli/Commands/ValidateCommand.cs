using System.CommandLine;
using ContribBot.Core.Documents;
using ContribBot.Core.Git;
using ContribBot.Core.Reports;
using ContribBot.Core.Taxonomy.Sources;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation;
using ContribBot.Core.Validation.Schema;
using Spectre.Console;

namespace ContribBot.Cli.Commands;

/// <summary><c>contribbot validate [PATH...]</c>: checks whole taxonomy trees (or single files) and reports.</summary>
public sealed class ValidateCommand(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
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
        var strict = new Option<bool>("--strict") { Description = "Treat warnings as errors (exit code 1 when there are any)." };
        var maxFileSize = new Option<long>("--max-file-size")
        {
            Description = "Largest qna.yaml read, in bytes (1 MiB by default).",
            HelpName = "BYTES",
            DefaultValueFactory = _ => YamlLimits.Default.MaxFileBytes,
        };
        maxFileSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() <= 0) result.AddError("--max-file-size must be a positive number of bytes.");
        });
        var maxSeedTokens = PositiveIntOption("--max-seed-tokens", "TOKENS", SeedTokenBudget.Default.PerExample,
            "Warn when one seed example is estimated to be longer than this many teacher tokens.");
        var maxTotalSeedTokens = PositiveIntOption("--max-total-seed-tokens", "TOKENS", SeedTokenBudget.Default.Total,
            "Warn when a leaf's seed examples together are estimated to be longer than this many teacher tokens.");
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
        var noColor = new Option<bool>("--no-color") { Description = "Never use colours (they are used only on a terminal anyway; NO_COLOR is honoured)." };

        var command = new Command("validate", "Check taxonomy leaves against the schema, the taxonomy's lint rules and ContribBot's quality checks.")
        {
            paths, baseRef, headRef, allowLocalRepos, offline, format, output, strict, maxFileSize, maxSeedTokens, maxTotalSeedTokens, noColor,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var settings = new ValidateSettings(
                parse.GetValue(paths) is { Length: > 0 } given ? given : ["."],
                ParseFormat(parse.GetValue(format)) ?? ReportFormat.Text,
                parse.GetValue(output),
                parse.GetValue(strict),
                parse.GetValue(maxFileSize),
                parse.GetValue(maxSeedTokens),
                parse.GetValue(maxTotalSeedTokens),
                parse.GetValue(noColor),
                parse.GetValue(baseRef),
                parse.GetValue(headRef),
                parse.GetValue(allowLocalRepos),
                parse.GetValue(offline));
            return new ValidateCommand(stdout, stderr, environment).ExecuteAsync(settings, cancellationToken);
        });
        return command;
    }

    public async Task<int> ExecuteAsync(ValidateSettings settings, CancellationToken cancellationToken)
    {
        using var checkedTaxonomy = await CheckAsync(settings, cancellationToken).ConfigureAwait(false);
        var report = checkedTaxonomy.Report;
        if (report.LeafCount == 0 && !settings.ChangesOnly)
        {
            await stderr.WriteLineAsync(
                $"warning: no qna.yaml found under {string.Join(", ", settings.Paths)}; is this the root of a taxonomy " +
                "(the folder holding knowledge/ and compositional_skills/)?").ConfigureAwait(false);
        }

        var toTerminal = settings.Output is null && ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        var color = toTerminal && !settings.NoColor && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        // People read paths from where they stand; machines (code scanning, annotations, scripts) from the repository root.
        var context = settings.Format == ReportFormat.Text
            ? new ReportContext(Environment.CurrentDirectory, color) { CatalogUrl = DocsLocation.From(environment) }
            : ReportContext.ForMachines(report, Environment.CurrentDirectory, DocsLocation.From(environment));
        var rendered = ReportRenderer.Render(settings.Format, report, context);
        if (settings.Output is { } file)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(file));
            if (directory is not null) Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(file, rendered, cancellationToken).ConfigureAwait(false);
            await stderr.WriteLineAsync($"{TextReportRenderer.Summary(report)}; report written to {file}").ConfigureAwait(false);
        }
        else
        {
            await stdout.WriteAsync(rendered).ConfigureAwait(false);
            if (settings.Format != ReportFormat.Text) await stderr.WriteLineAsync(TextReportRenderer.Summary(report)).ConfigureAwait(false);
        }

        return report.HasErrors ? ExitCodes.Findings : ExitCodes.Success;
    }

    /// <summary>
    /// Validates as the settings say (whole trees, or the changes of a pull request) and keeps the means to read the
    /// checked leaves again, for commands that go on to use them (preview).
    /// </summary>
    internal async Task<CheckedTaxonomy> CheckAsync(ValidateSettings settings, CancellationToken cancellationToken)
    {
        var options = new ValidationOptions
        {
            Strict = settings.Strict,
            Limits = YamlLimits.Default with { MaxFileBytes = settings.MaxFileSize },
            TokenBudget = new SeedTokenBudget(settings.MaxSeedTokens, settings.MaxTotalSeedTokens),
        };
        if (settings.ChangesOnly) return await ValidateChangesAsync(settings, options, cancellationToken).ConfigureAwait(false);
        var validator = await TaxonomyValidator.CreateAsync(options, cancellationToken).ConfigureAwait(false);
        var report = await ValidateWithProgressAsync(validator, settings.Paths, cancellationToken).ConfigureAwait(false);
        return new CheckedTaxonomy(report, options, null, string.Empty);
    }

    private async Task<CheckedTaxonomy> ValidateChangesAsync(ValidateSettings settings, ValidationOptions options, CancellationToken cancellationToken)
    {
        if (settings.Paths.Count != 1 || !Directory.Exists(settings.Paths[0]))
        {
            throw new InputPathException("Pull-request mode (--base/--head) takes one taxonomy folder inside a git repository.");
        }

        var root = settings.Paths[0];
        var changes = GitChanges.Find(root, settings.Base, settings.Head);
        var schemas = await SchemaSet.LoadAsync(cancellationToken).ConfigureAwait(false);
        var source = changes.HeadSha is { } head
            ? (ILeafSource)new CommitLeafSource(changes.RepositoryRoot, head)
            : new WorkingTreeLeafSource(changes.RepositoryRoot);
        var documents = DocumentOptions.Default with
        {
            AllowLocalRepos = settings.AllowLocalRepos,
            Offline = settings.Offline,
            CacheDirectory = DocumentOptions.DefaultCacheDirectory(), // read CONTRIBBOT_CACHE_DIR now, not at first use
        };
        ValidationReport report;
        try
        {
            report = await new ChangedLeavesValidator(schemas, options, new GitDocumentResolver(documents))
                .ValidateAsync(root, changes, source, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            source.Dispose();
            throw;
        }

        var against = changes.HeadRef is null ? "the working tree" : $"'{changes.HeadRef}' ({changes.HeadSha![..12]})";
        await stderr.WriteLineAsync(
            $"Checking changes between '{changes.BaseRef}' (merge base {changes.MergeBaseSha[..12]}) and {against}: " +
            $"{changes.Files.Count} changed file(s), {report.LeafCount} leaf file(s) to check.").ConfigureAwait(false);
        var prefix = Path.GetRelativePath(changes.RepositoryRoot, Path.GetFullPath(root)).Replace('\\', '/');
        return new CheckedTaxonomy(report, options, source, prefix == "." ? string.Empty : prefix + "/");
    }

    /// <summary>A live count on an interactive terminal; silent otherwise (CI logs, pipes, tests).</summary>
    private async Task<ValidationReport> ValidateWithProgressAsync(
        TaxonomyValidator validator, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (ProgressConsole.For(stderr, Environment.GetEnvironmentVariable) is not { } console)
        {
            return await validator.ValidateAsync(paths, null, cancellationToken).ConfigureAwait(false);
        }

        return await console.Progress().AutoClear(true).Columns(new SpinnerColumn(), new TaskDescriptionColumn()).StartAsync(async context =>
        {
            // The tree is walked while it is checked, so the total is unknown until the end: count, do not bar.
            var task = context.AddTask("Validating").IsIndeterminate();
            return await validator.ValidateAsync(paths, new LiveCount(task), cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Updates the terminal line directly from the worker that finished a file. Progress&lt;T&gt; would post to the
    /// thread pool, whose threads are all busy validating, and the count would lag far behind.
    /// </summary>
    private sealed class LiveCount(ProgressTask task) : IProgress<ValidationProgress>
    {
        public void Report(ValidationProgress value) => task.Description = $"Validating: {value.Done:N0} files checked";
    }

    internal static Option<int> PositiveIntOption(string name, string helpName, int defaultValue, string description)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0) result.AddError($"{name} must be a positive number.");
        });
        return option;
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
