namespace ContribBot.Core.Runs.Build;

/// <summary>How strict <c>merge</c> is.</summary>
public sealed record MergeOptions
{
    /// <summary>Merge even when leaves failed or were not built; the dataset card and manifest then say it is partial.</summary>
    public bool AllowPartial { get; init; }

    /// <summary>The dataset card's licence (a Hugging Face licence id).</summary>
    public string License { get; init; } = "cc-by-4.0";

    public string Language { get; init; } = "en";

    /// <summary>The taxonomy the shards were built from, where the <c>mix:</c> files are; needed only when the shards name a mix.</summary>
    public string? TaxonomyRoot { get; init; }
}
