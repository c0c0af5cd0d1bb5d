using System.Threading.Channels;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Limits;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Taxonomy.Sources;
using ContribBot.Core.Validation.Schema;

namespace ContribBot.Core.Validation;

/// <summary>
/// Validates whole taxonomy trees (and single files) from disk, in parallel. One bad file never stops the others:
/// read failures and even bugs in a rule become diagnostics on that file.
/// </summary>
public sealed class TaxonomyValidator
{
    private readonly ValidationOptions options;
    private readonly LeafValidator _leafValidator;

    public TaxonomyValidator(SchemaSet schemas, ValidationOptions options)
        : this(RuleSet.Default(schemas), options)
    {
    }

    /// <summary>With a rule set of the caller's choosing (tests use a rule that throws).</summary>
    internal TaxonomyValidator(IReadOnlyList<ILeafRule> rules, ValidationOptions options)
    {
        this.options = options;
        _leafValidator = new LeafValidator(rules, options);
    }

    public static async Task<TaxonomyValidator> CreateAsync(ValidationOptions options, CancellationToken cancellationToken) =>
        new(await SchemaSet.LoadAsync(cancellationToken).ConfigureAwait(false), options);

    /// <summary>A validator whose schemas are still loading: the tree walk and the first files' other rules go on meanwhile.</summary>
    public static TaxonomyValidator StartCreating(ValidationOptions options) => new(RuleSet.Default(SchemaSet.StartLoading()), options);

    public async Task<ValidationReport> ValidateAsync(
        IReadOnlyList<string> paths, IProgress<ValidationProgress>? progress, CancellationToken cancellationToken)
    {
        var roots = paths.Select(Path.GetFullPath).ToList();
        foreach (var path in paths)
        {
            if (!Directory.Exists(path) && !File.Exists(path)) throw InputPathException.NotFound(path);
            if (File.Exists(path) && !LeafFinder.IsYamlFileName(Path.GetFileName(path))) throw InputPathException.NotYaml(path);
        }

        // One task walks the trees while the workers check what it has found so far; the walk is mostly system
        // calls, so it overlaps well with parsing. The report is put in path order within each root at the end.
        var found = Channel.CreateUnbounded<(int Root, TaxonomyFile File)>(new UnboundedChannelOptions { SingleWriter = true });
        var walk = Task.Run(() =>
        {
            try
            {
                foreach (var item in Discover(paths))
                {
                    if (cancellationToken.IsCancellationRequested) break;
                    if (options.Policy.Ignores(item.File.RelativePath)) continue; // validate.ignore: not checked at all
                    found.Writer.TryWrite(item);
                }

                found.Writer.Complete();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                found.Writer.Complete(exception);
            }
        }, cancellationToken);

        var reports = new List<(int Root, FileReport Report)>();
        var done = 0;
        var workers = Enumerable.Range(0, Math.Max(1, options.MaxParallelism)).Select(_ => Task.Run(async () =>
        {
            await foreach (var item in found.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var report = ValidateFile(item.File).Finished(options);
                lock (reports) reports.Add((item.Root, report));
                progress?.Report(new ValidationProgress(Interlocked.Increment(ref done)));
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll([walk, .. workers]).ConfigureAwait(false);

        var ordered = reports
            .OrderBy(r => r.Root)
            .ThenBy(r => r.Report.File.RelativePath, StringComparer.Ordinal)
            .Select(r => r.Report)
            .ToList();
        return new ValidationReport(roots, ordered) { RepositoryRoot = roots.Count > 0 ? WorkTreeRoot.Find(roots[0]) : null };
    }

    /// <summary>Every file under the given roots, once, tagged with the index of the root it was found under.</summary>
    private static IEnumerable<(int Root, TaxonomyFile File)> Discover(IReadOnlyList<string> paths)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var root = 0; root < paths.Count; root++)
        {
            var path = paths[root];
            var found = Directory.Exists(path) ? LeafFinder.Enumerate(path) : [LeafFinder.ForFile(path)];
            foreach (var file in found)
            {
                if (seen.Add(file.FullPath)) yield return (root, file);
            }
        }
    }

    private FileReport ValidateFile(TaxonomyFile file)
    {
        try
        {
            return file.Role switch
            {
                TaxonomyFileRole.LinkOutsideRoot => Single(file, FileDiagnostics.SymlinkOutsideRoot.At(
                    file.FullPath, SourcePosition.FileStart, LeafFinder.LinkTargetOf(file.FullPath))),
                TaxonomyFileRole.Misnamed => Single(file, FileDiagnostics.MisnamedFile.At(
                    file.FullPath, SourcePosition.FileStart, Path.GetFileName(file.FullPath))),
                TaxonomyFileRole.NotAFile => Single(file, FileDiagnostics.NotARegularFile.At(file.FullPath, SourcePosition.FileStart, file.Problem)),
                TaxonomyFileRole.UnreadableFolder => Single(file, FileDiagnostics.UnreadableFolder.At(file.FullPath, SourcePosition.FileStart, file.Problem)),
                _ => ValidateLeaf(file),
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Single(file, FileDiagnostics.Unreadable.At(file.FullPath, SourcePosition.FileStart, exception.Message));
        }
#pragma warning disable CA1031 // The per-file edge: a bug in one rule must not hide every other file's results.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return Single(file, FileDiagnostics.InternalError.At(
                file.FullPath, SourcePosition.FileStart, $"{exception.GetType().Name}: {exception.Message}"));
        }
    }

    private FileReport ValidateLeaf(TaxonomyFile file)
    {
        // Opening a FIFO would block until a writer came, a device might never end: asked first, on this worker thread.
        if (FileKind.Of(file.FullPath, followLinks: true) == FileKindValue.Special)
        {
            return Single(file, FileDiagnostics.NotARegularFile.At(file.FullPath, SourcePosition.FileStart, "a FIFO, socket or device"));
        }

        if (ReadShared(file.FullPath, options.Limits.MaxFileBytes, out var length) is not { } bytes)
        {
            return Single(file, FileDiagnostics.FileTooLarge.At(file.FullPath, SourcePosition.FileStart, length, options.Limits.MaxFileBytes));
        }

        return _leafValidator.Validate(file, bytes, AttributionOf(file));
    }

    private static AttributionState AttributionOf(TaxonomyFile file)
    {
        var info = new FileInfo(Path.Combine(file.Directory, AttributionFile.Name));
        return info.Exists
            ? AttributionFile.Classify(info.Length, () => FileKind.Of(info.FullName, followLinks: true) == FileKindValue.Special ? [] : ReadShared(info.FullName, AttributionFile.ContentCheckLimit, out _) ?? [])
            : AttributionState.Missing;
    }

    /// <summary>
    /// The file's bytes, or null when it is longer than <paramref name="maxBytes"/> (its length is read first, from the
    /// open handle, so a huge file is never read). Shares everything: on Unix, narrower sharing makes .NET take an
    /// advisory lock on every file it opens.
    /// </summary>
    private static byte[]? ReadShared(string path, long maxBytes, out long length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        length = RandomAccess.GetLength(handle);
        if (length > maxBytes) return null;
        var bytes = new byte[length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (n == 0) break;
            read += n;
        }

        return read == bytes.Length ? bytes : bytes[..read];
    }

    private static FileReport Single(TaxonomyFile file, Diagnostic diagnostic) => new(file, null, [diagnostic]);
}
