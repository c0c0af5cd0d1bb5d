using ContribBot.Core.Taxonomy.Sources;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Runs.Checking;

/// <summary>
/// A validation report and where its leaves were read from: the disk for whole-tree runs, or the pull request's head
/// (working tree or commit) in pull-request mode, so a later stage reads exactly the bytes that were validated.
/// </summary>
public sealed class CheckedTaxonomy(ValidationReport report, ValidationOptions options, ILeafSource? source, string repositoryPrefix) : IDisposable
{
    public ValidationReport Report => report;

    public ValidationOptions Options => options;

    /// <summary>Pull-request mode: what was compared, in a sentence (for the log); null for whole trees.</summary>
    public string? Comparison { get; init; }

    /// <summary>The bytes of a checked leaf as validation read them, or null when it is gone or too large now.</summary>
    public byte[]? Read(FileReport file)
    {
        if (source is null)
        {
            var info = new FileInfo(file.File.FullPath);
            return info.Exists && info.Length <= options.Limits.MaxFileBytes ? File.ReadAllBytes(info.FullName) : null;
        }

        return source.Read(repositoryPrefix + file.File.RelativePath, options.Limits.MaxFileBytes)?.Content;
    }

    public void Dispose() => source?.Dispose();
}
