namespace ContribBot.Core.Taxonomy.Sources;

/// <summary>
/// The commit that last changed a file, as recorded in a leaf's provenance. <see cref="FallbackReason"/> is set when
/// the history could not tell and <see cref="CommitSha"/> is the head commit instead: provenance is information, so
/// not knowing it never fails a run, but the report says so.
/// </summary>
public sealed record LastChange(string CommitSha, string? FallbackReason = null);
