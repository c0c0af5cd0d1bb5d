namespace ContribBot.Bot.Jobs;

/// <summary>A job a worker holds until <see cref="LeaseUntil"/>; <see cref="Attempt"/> counts from 1.</summary>
public sealed record LeasedJob(long Id, string Kind, string Subject, byte[] Payload, int Attempt, string Worker, DateTimeOffset LeaseUntil);
