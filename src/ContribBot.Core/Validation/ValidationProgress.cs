namespace ContribBot.Core.Validation;

/// <summary>Progress of a validation run, reported after each file.</summary>
public readonly record struct ValidationProgress(int Done, int Total);
