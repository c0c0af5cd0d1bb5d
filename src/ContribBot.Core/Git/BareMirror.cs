using LibGit2Sharp;

namespace ContribBot.Core.Git;

/// <summary>
/// A bare repository that commits are fetched into and only read from (the App's mirror of a taxonomy): nothing is
/// checked out. Fetches go through named remotes, one per source, with the credentials given for https sources only.
/// </summary>
public static class BareMirror
{
    /// <summary>Creates the bare repository at <paramref name="path"/> when there is none.</summary>
    public static void Ensure(string path)
    {
        if (Repository.IsValid(path)) return;
        Directory.CreateDirectory(path);
        Repository.Init(path, isBare: true);
    }

    public static bool HasCommit(string path, string sha)
    {
        using var repository = new Repository(path);
        return repository.Lookup<Commit>(sha) is not null;
    }

    /// <summary>Fetches <paramref name="refspecs"/> from <paramref name="source"/>; false (with git's reason) when git could not.</summary>
    /// <param name="password">Sent as the password of user <c>x-access-token</c> (an installation token), to https sources only.</param>
    public static (bool Fetched, string? Failure) TryFetch(string path, string source, IReadOnlyList<string> refspecs, string? password, CancellationToken cancellationToken)
    {
        using var repository = new Repository(path);
        var name = "r" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source)))[..16];
        if (repository.Network.Remotes[name] is null) repository.Network.Remotes.Add(name, source);
        var options = new FetchOptions
        {
            TagFetchMode = TagFetchMode.None,
            OnTransferProgress = _ => !cancellationToken.IsCancellationRequested,
            CredentialsProvider = password is not null && source.StartsWith("https://", StringComparison.Ordinal)
                ? (_, _, _) => new UsernamePasswordCredentials { Username = "x-access-token", Password = password }
                : null,
        };
        try
        {
            Commands.Fetch(repository, name, refspecs, options, null);
            return (true, null);
        }
        catch (LibGit2SharpException exception)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return (false, exception.Message.TrimEnd('.'));
        }
    }

    /// <summary>
    /// The file at <paramref name="filePath"/> in the commit <paramref name="reference"/> points at, copied to
    /// <paramref name="destination"/> (at most <paramref name="maxBytes"/> and a little more, so an oversized file
    /// is still seen as one); false when the commit has no such file.
    /// </summary>
    public static bool CopyFile(string path, string reference, string filePath, string destination, int maxBytes)
    {
        using var repository = new Repository(path);
        if (repository.Refs[reference]?.ResolveToDirectReference()?.Target is not Commit commit) return false;
        if (commit[filePath]?.Target is not Blob blob) return false;
        using var content = blob.GetContentStream();
        using var output = File.Create(destination);
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while (copied <= maxBytes && (read = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
            copied += read;
        }

        return true;
    }
}
