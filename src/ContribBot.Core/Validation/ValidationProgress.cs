namespace ContribBot.Core.Validation;

/// <summary>
/// Progress of a validation run, reported after each file. There is no total: the trees are walked while they are
/// checked, so it is known only at the end.
/// </summary>
public readonly record struct ValidationProgress(int Done);
