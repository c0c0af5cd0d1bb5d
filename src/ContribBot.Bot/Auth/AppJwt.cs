using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ContribBot.Bot.Auth;

/// <summary>
/// The JSON Web Token a GitHub App signs to speak as itself (RS256): issued 60 seconds in the past, for clock drift
/// between us and GitHub, and expiring 9 minutes from now, inside GitHub's limit of 10 minutes after issue.
/// </summary>
public static class AppJwt
{
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    public static string Create(string appId, RSA key, DateTimeOffset now)
    {
        var header = Encode("""{"alg":"RS256","typ":"JWT"}""");
        var issued = (now - Backdate).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var expires = (now + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        // The id is digits (an App id) or a client id (Iv1.…, Iv23…): both are plain ASCII, quoted as a JSON string.
        var payload = Encode($"{{\"iat\":{issued},\"exp\":{expires},\"iss\":\"{appId}\"}}");
        var signed = header + "." + payload;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url.EncodeToString(signature);
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
