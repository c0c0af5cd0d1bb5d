using Microsoft.Extensions.Logging;

namespace ContribBot.Bot.Operations;

/// <summary>The service's log lines, structured: each names its delivery or job, so one event can be followed through.</summary>
public static partial class BotLog
{
    [LoggerMessage(1, LogLevel.Information, "Delivery {DeliveryId} ({Event}) {Outcome}")]
    public static partial void Delivery(ILogger logger, string deliveryId, string @event, string outcome);

    [LoggerMessage(2, LogLevel.Information, "Job {JobId} ({Kind}, {Subject}) started, try {Attempt}")]
    public static partial void JobStarted(ILogger logger, long jobId, string kind, string subject, int attempt);

    [LoggerMessage(3, LogLevel.Information, "Job {JobId} ({Kind}, {Subject}) {Outcome} in {Milliseconds} ms")]
    public static partial void JobEnded(ILogger logger, long jobId, string kind, string subject, string outcome, long milliseconds);

    [LoggerMessage(4, LogLevel.Warning, "Job {JobId} ({Kind}, {Subject}) failed on try {Attempt}: {Error}")]
    public static partial void JobFailed(ILogger logger, long jobId, string kind, string subject, int attempt, string error);

    [LoggerMessage(5, LogLevel.Information, "Job {JobId}: published {PullRequest} at {HeadSha}: {Comment}")]
    public static partial void Published(ILogger logger, long jobId, string pullRequest, string headSha, string comment);

    [LoggerMessage(6, LogLevel.Information, "Check run {CheckRunId} on {Repository} completed by the sweeper: {Reason}")]
    public static partial void Swept(ILogger logger, long checkRunId, string repository, string reason);

    [LoggerMessage(7, LogLevel.Information, "Delivery {DeliveryId} ({Event}) was not received; redelivery asked for")]
    public static partial void Redelivery(ILogger logger, string deliveryId, string @event);

    [LoggerMessage(8, LogLevel.Warning, "{Task} failed: {Error}")]
    public static partial void BackgroundFailed(ILogger logger, string task, string error);

    [LoggerMessage(10, LogLevel.Information, "Review boxes ticked on {PullRequest} by {Login} ignored: their permission is {Permission}")]
    public static partial void ReviewIgnored(ILogger logger, string pullRequest, string login, string permission);

    [LoggerMessage(9, LogLevel.Information, "{Message}")]
    public static partial void Note(ILogger logger, string message);
}
