using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ContribBot.Testing;

/// <summary>Kestrel on 127.0.0.1 at a free port, quiet, for the in-process fakes; nothing leaves the machine.</summary>
internal static class LoopbackServer
{
    /// <returns>The started app and its root URL (ending in '/').</returns>
    public static async Task<(WebApplication App, Uri Root)> StartAsync(Action<WebApplication> routes, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        routes(app);
        await app.StartAsync().ConfigureAwait(false);
        return (app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }
}
