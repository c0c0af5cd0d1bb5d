namespace ContribBot.Core.Configuration;

/// <summary>
/// Where reports link each diagnostic code to: the diagnostics page of the copy of ContribBot in use, from
/// <c>CONTRIBBOT_DOCS_URL</c> (the action sets it to its own repository at its own ref). Unset means no links: a
/// report never points at an address nobody checked.
/// </summary>
public static class DocsLocation
{
    public const string Variable = "CONTRIBBOT_DOCS_URL";

    public static Uri? From(Func<string, string?> environment)
    {
        if (environment(Variable) is not { Length: > 0 } value) return null;
        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Fragment.Length == 0
            ? uri
            : throw new ConfigException(
                $"{Variable} is '{value}', not an http(s) address of a page without a #fragment " +
                "(e.g. https://github.com/OWNER/contribbot/blob/v1/docs/diagnostics.md); unset it to leave links out.");
    }
}
