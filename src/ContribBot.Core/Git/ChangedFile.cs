namespace ContribBot.Core.Git;

/// <summary>A changed file, by its path from the repository root ('/'-separated); renames and copies keep the old path.</summary>
public sealed record ChangedFile(string Path, string? OldPath, ChangeKind Kind);
