namespace ContribBot.Core.Git;

/// <summary>The repository or refs given for a pull-request run cannot be used: a usage error (exit code 2).</summary>
public sealed class GitInputException : Exception
{
    public GitInputException()
    {
    }

    public GitInputException(string message) : base(message)
    {
    }

    public GitInputException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public static GitInputException NotARepository(string path) =>
        new($"'{path}' is not inside a git repository. Pull-request mode (--base/--head) reads changes from git; " +
            "leave both out to check the whole tree.");

    public static GitInputException UnknownRef(string reference, IEnumerable<string> tried) =>
        new($"Unknown git ref '{reference}' (tried {string.Join(", ", tried)}). Fetch it first, e.g. `git fetch origin {reference}`, or pass another with --base/--head.");

    public static GitInputException NoDefaultBase() =>
        new("No base to compare with: neither 'origin/main' nor 'main' exists. Pass one with --base REF.");

    public static GitInputException NoMergeBase(string baseRef, string head, bool shallow) => shallow
        ? new($"'{baseRef}' and {head} have no common ancestor in this shallow clone. Fetch more history: " +
              "`git fetch --unshallow` (or `fetch-depth: 0` in actions/checkout).")
        : new($"'{baseRef}' and {head} have no common ancestor; they are unrelated histories.");
}
