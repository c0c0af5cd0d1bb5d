namespace ContribBot.Core.Generation.Methods;

/// <summary>
/// How a sample was made beyond its seed and chunk: its depth (how many times its text was written from other generated
/// text: 0 for a sample written from the seeds or documents, k for a question evolved k times from a generated one),
/// the evolution steps that led to its question, whether its answer was revised (and the critic's scores before), and
/// the voice it was written in.
/// </summary>
public sealed record SampleLineage
{
    public static SampleLineage Direct { get; } = new();

    public int Depth { get; init; }

    public IReadOnlyList<string> Evolution { get; init; } = [];

    public bool Revised { get; init; }

    public IReadOnlyDictionary<string, double>? ScoresBefore { get; init; }

    /// <summary>Calls the revision took: the revision itself, and the new verdict when the revised answer could be judged.</summary>
    public int RevisionCalls { get; init; }

    public string? Voice { get; init; }

    public bool IsDirect => Depth == 0 && Evolution.Count == 0 && !Revised && Voice is null;
}
