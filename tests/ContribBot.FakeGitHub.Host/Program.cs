using System.Security.Cryptography;
using ContribBot.Testing.FakeGitHub;

// Starts the fake GitHub REST API on loopback with a GitHub App installed on one repository, for trying
// `contribbot serve` without GitHub: the fake checks the App's JWT and tokens as GitHub does, and can send the
// App signed deliveries (POST /_fake/deliver/pull_request, /_fake/deliver/issue_comment?body=…) and show what the
// App did (GET /_fake/state).
var options = Arguments.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: fake-github --public-key PEM --repository OWNER/NAME --clone-url PATH --head SHA --webhook URL --secret SECRET [--port N] [--app-id ID]");
    return 2;
}

using var key = RSA.Create();
key.ImportFromPem(File.ReadAllText(options.PublicKeyFile));
await using var github = await FakeGitHubServer.StartAsync(options.Port);
github.EnableApp(options.AppId, key, new Dictionary<string, long> { [options.Repository] = options.Installation });
github.HeadSha = options.Head;
github.HeadRef = "pr";
github.CloneUrl = options.CloneUrl;
github.Webhook = (new Uri(options.Webhook), options.Secret);
github.Demo = new FakeDemo(options.Repository, 1, options.Installation);
Console.WriteLine($"Fake GitHub listening on {github.BaseUrl}");
Console.Out.Flush();
var done = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    done.TrySetResult();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => done.TrySetResult();
await done.Task;
return 0;

internal sealed record Arguments(string PublicKeyFile, string Repository, string CloneUrl, string Head, string Webhook, string Secret, int Port, string AppId, long Installation)
{
    public static Arguments? Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) map[args[i]] = args[i + 1];
        string? Get(string name) => map.TryGetValue(name, out var value) ? value : null;
        if (Get("--public-key") is not { } key || Get("--repository") is not { } repository || Get("--clone-url") is not { } clone || Get("--head") is not { } head ||
            Get("--webhook") is not { } webhook || Get("--secret") is not { } secret)
        {
            return null;
        }

        return new Arguments(key, repository, clone, head, webhook, secret, int.Parse(Get("--port") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            Get("--app-id") ?? "1", 1);
    }
}
