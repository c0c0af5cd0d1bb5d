using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ContribBot.Bot.Auth;

/// <summary>
/// The App's id and private key, read from <c>CONTRIBBOT_APP_ID</c> and <c>CONTRIBBOT_PRIVATE_KEY_FILE</c> (or the
/// PEM itself in <c>CONTRIBBOT_PRIVATE_KEY</c>). Every way of getting it wrong is a <see cref="BotConfigException"/>
/// that names the variable and says what it should hold.
/// </summary>
public sealed partial class AppIdentity : IDisposable
{
    private AppIdentity(string appId, RSA key)
    {
        AppId = appId;
        Key = key;
    }

    public string AppId { get; }

    public RSA Key { get; }

    /// <exception cref="BotConfigException">A variable is missing, or the key is not an RSA private key in PEM.</exception>
    public static AppIdentity FromEnvironment(Func<string, string?> environment)
    {
        var appId = environment("CONTRIBBOT_APP_ID")?.Trim();
        if (string.IsNullOrEmpty(appId))
        {
            throw new BotConfigException("CONTRIBBOT_APP_ID is not set: give the App ID (or client ID) shown on the App's settings page.");
        }

        if (!AppIdShape().IsMatch(appId))
        {
            throw new BotConfigException("CONTRIBBOT_APP_ID must be the App's numeric ID or its client ID (letters, digits, '.', '_' and '-').");
        }

        string pem;
        string source;
        if (environment("CONTRIBBOT_PRIVATE_KEY_FILE") is { Length: > 0 } file)
        {
            source = $"CONTRIBBOT_PRIVATE_KEY_FILE ({file})";
            if (!File.Exists(file)) throw new BotConfigException($"{source} does not exist; download a private key from the App's settings page.");
            if (new FileInfo(file).Length > 64 * 1024) throw new BotConfigException($"{source} is larger than 64 KiB: not a private key.");
            pem = File.ReadAllText(file);
        }
        else if (environment("CONTRIBBOT_PRIVATE_KEY") is { Length: > 0 } inline)
        {
            source = "CONTRIBBOT_PRIVATE_KEY";
            // Secret stores often keep a PEM on one line with literal \n.
            pem = inline.Replace("\\n", "\n", StringComparison.Ordinal);
        }
        else
        {
            throw new BotConfigException("neither CONTRIBBOT_PRIVATE_KEY_FILE nor CONTRIBBOT_PRIVATE_KEY is set: give the App's private key (a .pem file from its settings page).");
        }

        return new AppIdentity(appId, ReadKey(pem, source));
    }

    /// <summary>For tests and callers that hold the key already.</summary>
    public static AppIdentity Of(string appId, string pem) => new(appId, ReadKey(pem, "the private key"));

    private static RSA ReadKey(string pem, string source)
    {
        var key = RSA.Create();
        try
        {
            key.ImportFromPem(pem);
            // A public key imports too, and fails only when signing: refuse it here.
            key.ExportParameters(includePrivateParameters: true);
            return key;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new BotConfigException($"{source} does not hold an RSA private key in PEM form (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----): " +
                                         "use the .pem file GitHub gives under the App's \"Private keys\".", exception);
        }
    }

    public void Dispose() => Key.Dispose();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex AppIdShape();
}
