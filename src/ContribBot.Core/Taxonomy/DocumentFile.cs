namespace ContribBot.Core.Taxonomy;

/// <summary>One document file a knowledge leaf resolves to: its path in the document repository and its blob id.</summary>
public sealed record DocumentFile(string Repo, string Commit, string Path, string BlobId, long Size);
