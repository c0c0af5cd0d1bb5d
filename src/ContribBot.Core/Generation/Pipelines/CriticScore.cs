namespace ContribBot.Core.Generation.Pipelines;

/// <summary>A score the critic prompt asks for, with the scale the prompt gives it.</summary>
internal sealed record CriticScore(string Name, double Minimum, double Maximum)
{
    public bool Allows(double score) => score >= Minimum && score <= Maximum;
}
