namespace ContribBot.Core.Runs.Build;

/// <summary>How strict <c>merge</c> is.</summary>
public sealed record MergeOptions
{
    /// <summary>Merge even when leaves failed or were not built; the dataset card and manifest then say it is partial.</summary>
    public bool AllowPartial { get; init; }

    /// <summary>The dataset card's licence (a Hugging Face licence id).</summary>
    public string License { get; init; } = "cc-by-4.0";

    public string Language { get; init; } = "en";

    /// <summary>
    /// With <c>build.near_duplicates</c>: the index of the rows the previous dataset version kept (read when it exists,
    /// rewritten with this version's); new rows that nearly repeat a row still in the dataset are dropped, never the
    /// old row. Null: this version's rows only.
    /// </summary>
    public string? NearDuplicateIndex { get; init; }

    /// <summary>The taxonomy the shards were built from, where the <c>mix:</c> files are; needed only when the shards name a mix.</summary>
    public string? TaxonomyRoot { get; init; }
}
