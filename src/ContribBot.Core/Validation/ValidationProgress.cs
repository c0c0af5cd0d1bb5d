namespace ContribBot.Core.Validation;

/// <summary>Progress of a validation run, reported after each file.</summary>
/// <param name="Total">Files in all, or 0 while the trees are still being walked.</param>
public readonly record struct ValidationProgress(int Done, int Total);
