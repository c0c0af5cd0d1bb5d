using ContribBot.Bot.Auth;
using ContribBot.Bot.Hosting;
using ContribBot.Bot.Jobs;
using ContribBot.Bot.Mirrors;
using ContribBot.Bot.Operations;
using ContribBot.Bot.Storage;
using ContribBot.GitHub;
using Microsoft.Extensions.Logging;
using Octokit;

namespace ContribBot.Bot.Work;

/// <summary>What every job works with: the queue, the records, the App's clients, the mirror, metrics and logs.</summary>
public sealed class BotContext(
    BotOptions options, JobStore jobs, BotRecords records, InstallationTokens tokens, RepositoryMirror mirror, BotMetrics metrics, ILogger logger,
    TimeProvider time)
{
    public BotOptions Options => options;

    public JobStore Jobs => jobs;

    public BotRecords Records => records;

    public InstallationTokens Tokens => tokens;

    public RepositoryMirror Mirror => mirror;

    public BotMetrics Metrics => metrics;

    public ILogger Logger => logger;

    public TimeProvider Time => time;

    /// <summary>
    /// GitHub calls from a job: faults of the way there are retried in place, but a rate limit is not slept on (the
    /// job is given back with GitHub's time to try again instead).
    /// </summary>
    public GitHubRetry Retry { get; } = new(clock: time) { MaxWait = TimeSpan.Zero };

    public PullRequestPublisher Publisher(IGitHubClient client) => new(client, Retry);
}
