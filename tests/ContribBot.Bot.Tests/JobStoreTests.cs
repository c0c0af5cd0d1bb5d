using System.Text;
using ContribBot.Bot.Jobs;
using ContribBot.Bot.Storage;
using ContribBot.Testing;

namespace ContribBot.Bot.Tests;

/// <summary>
/// The durable job store, the same behaviour on a real SQLite file and on a real PostgreSQL database (skipped, and
/// saying why, where no PostgreSQL server can be had), with a clock the test moves.
/// </summary>
public sealed class JobStoreTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly List<JobStore> _opened = [];
    private DatabaseLocation? _database;
    private JobStore _store = null!;

    /// <summary>The test's database, empty (made, not yet opened) on first use.</summary>
    private async Task<DatabaseLocation> DatabaseAsync(string backend)
    {
        if (_database is null)
        {
            if (backend == "postgres") Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
            _database = backend == "postgres" ? await PostgresServer.NewDatabaseAsync() : DatabaseLocation.SqliteFile(Path.Combine(_folder.Path, "contribbot.db"));
        }

        return _database;
    }

    public static TheoryData<string> Backends => new() { "sqlite", "postgres" };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>The test's database, made on first use; every call is another process's connection to it.</summary>
    private async Task<JobStore> OpenAsync(string backend)
    {
        var store = await JobStore.OpenAsync(await DatabaseAsync(backend), _clock);
        _opened.Add(store);
        return store;
    }

    private static JobRequest Preview(string subject = "octo-org/taxonomy#12", string body = "{}") =>
        new("preview", subject, Encoding.UTF8.GetBytes(body)) { Supersedes = true };

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task A_delivery_is_stored_once_and_a_replay_of_its_id_stores_nothing(string backend)
    {
        _store = await OpenAsync(backend);
        Assert.True(await _store.EnqueueDeliveryAsync("d-1", "pull_request", Preview()));
        Assert.False(await _store.EnqueueDeliveryAsync("d-1", "pull_request", Preview(body: "{\"forged\": true}")));

        Assert.True(await _store.HasDeliveryAsync("d-1"));
        Assert.Equal(1, (await _store.CountsAsync())["queued"]);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task A_job_survives_the_process_and_a_dead_workers_job_is_taken_again_after_its_lease(string backend)
    {
        _store = await OpenAsync(backend);
        await _store.EnqueueDeliveryAsync("d-1", "pull_request", Preview(body: "payload"));
        var first = await _store.LeaseAsync("worker-a", TimeSpan.FromMinutes(2));
        Assert.NotNull(first);
        // worker-a dies without a word; the service restarts on the same file.
        await _store.DisposeAsync();
        _opened.Remove(_store);
        _store = await OpenAsync(backend);

        Assert.Null(await _store.LeaseAsync("worker-b", TimeSpan.FromMinutes(2))); // the lease still runs
        _clock.Advance(TimeSpan.FromMinutes(3));
        var again = await _store.LeaseAsync("worker-b", TimeSpan.FromMinutes(2));

        Assert.Equal((first!.Id, 2, "payload"), (again!.Id, again.Attempt, Encoding.UTF8.GetString(again.Payload)));
        Assert.False(await _store.CompleteAsync(first)); // the dead worker's late answer does not count
        Assert.True(await _store.CompleteAsync(again));
        Assert.Equal(1, (await _store.CountsAsync())["done"]);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task A_renewed_lease_keeps_the_job_from_other_workers(string backend)
    {
        _store = await OpenAsync(backend);
        await _store.EnqueueDeliveryAsync("d-1", "pull_request", Preview());
        var job = (await _store.LeaseAsync("worker-a", TimeSpan.FromMinutes(2)))!;

        _clock.Advance(TimeSpan.FromMinutes(1.5));
        Assert.True(await _store.RenewAsync(job, TimeSpan.FromMinutes(2)));
        _clock.Advance(TimeSpan.FromMinutes(1.5));

        Assert.Null(await _store.LeaseAsync("worker-b", TimeSpan.FromMinutes(2)));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task Failures_are_retried_with_growing_waits_then_kept_as_dead_letters_with_the_last_error(string backend)
    {
        _store = await OpenAsync(backend);
        var limited = _store;
        await limited.EnqueueDeliveryAsync("d-1", "pull_request", Preview());
        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= limited.MaxAttempts; attempt++)
        {
            var job = await LeaseWhenReadyAsync(limited, waits);
            Assert.Equal(attempt, job.Attempt);
            await limited.FailAsync(job, $"GitHub answered 502 (try {attempt})");
        }

        Assert.Null(await limited.LeaseAsync("w", TimeSpan.FromMinutes(1)));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(await limited.LeaseAsync("w", TimeSpan.FromMinutes(1)));
        var letter = Assert.Single(await limited.DeadLettersAsync());
        Assert.Equal((5, "GitHub answered 502 (try 5)"), (letter.Attempts, letter.LastError));
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)], waits);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task A_rate_limited_job_waits_for_its_time_without_using_a_try(string backend)
    {
        _store = await OpenAsync(backend);
        await _store.EnqueueDeliveryAsync("d-1", "pull_request", Preview());
        var job = (await _store.LeaseAsync("w", TimeSpan.FromMinutes(2)))!;

        await _store.DeferAsync(job, _clock.GetUtcNow().AddMinutes(10), "rate limited until the reset");

        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Null(await _store.LeaseAsync("w", TimeSpan.FromMinutes(2)));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await _store.LeaseAsync("w", TimeSpan.FromMinutes(2)))!.Attempt);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task A_new_push_supersedes_the_queued_and_running_previews_of_its_pull_request_only(string backend)
    {
        _store = await OpenAsync(backend);
        await _store.EnqueueDeliveryAsync("d-1", "pull_request", Preview());
        var running = (await _store.LeaseAsync("w", TimeSpan.FromMinutes(2)))!;
        await _store.EnqueueDeliveryAsync("d-2", "pull_request", Preview());
        await _store.EnqueueDeliveryAsync("d-3", "pull_request", Preview(subject: "octo-org/taxonomy#13"));

        await _store.EnqueueDeliveryAsync("d-4", "pull_request", Preview());

        Assert.False(await _store.RenewAsync(running, TimeSpan.FromMinutes(2))); // the worker learns it should stop
        var counts = await _store.CountsAsync();
        Assert.Equal((2, 2), (counts["cancelled"], counts["queued"])); // d-1 and d-2 cancelled; d-3 and d-4 wait
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task Two_workers_never_hold_the_same_job(string backend)
    {
        _store = await OpenAsync(backend);
        for (var i = 0; i < 50; i++) await _store.EnqueueDeliveryAsync($"d-{i}", "pull_request", Preview(subject: $"o/r#{i}"));
        var other = await OpenAsync(backend); // a second process's connection

        var taken = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            (i % 2 == 0 ? _store : other).LeaseAsync($"worker-{i}", TimeSpan.FromMinutes(5))));

        var ids = taken.OfType<LeasedJob>().Select(job => job.Id).ToList();
        Assert.Equal(50, ids.Count);
        Assert.Equal(50, ids.Distinct().Count());
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task Replicas_opening_one_new_database_at_once_share_its_schema_and_lease_each_job_once(string backend)
    {
        await DatabaseAsync(backend);
        var replicas = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenAsync(backend)));

        // The same 100 deliveries reach every replica (GitHub's retries, a balancer): each is stored once.
        var stored = await Task.WhenAll(replicas.SelectMany((replica, r) => Enumerable.Range(0, 100).Select(i =>
            replica.EnqueueDeliveryAsync($"d-{i}", "issue_comment", Preview(subject: $"o/r#{i}")))));
        var leased = new System.Collections.Concurrent.ConcurrentBag<long>();
        await Task.WhenAll(replicas.Select((replica, r) => Task.Run(async () =>
        {
            while (await replica.LeaseAsync($"replica-{r}", TimeSpan.FromMinutes(5)) is { } job)
            {
                leased.Add(job.Id);
                Assert.True(await replica.CompleteAsync(job));
            }
        })));

        Assert.Equal(100, stored.Count(s => s));
        Assert.Equal(100, leased.Count);
        Assert.Equal(100, leased.Distinct().Count());
        Assert.Equal(100, (await replicas[0].CountsAsync())["done"]);
    }

    [SkippableFact]
    public async Task A_store_whose_PostgreSQL_connection_the_server_dropped_fails_that_call_and_works_again_on_the_next()
    {
        _store = await OpenAsync("postgres");
        await _store.EnqueueDeliveryAsync("d-1", "pull_request", Preview());
        // What a server restart or failover does to the connection: the server ends the backend.
        await using (var admin = Npgsql.NpgsqlDataSource.Create(_database!.ConnectionString))
        await using (var terminate = admin.CreateCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"))
        {
            await terminate.ExecuteNonQueryAsync();
        }

        var lost = await Record.ExceptionAsync(() => _store.CountsAsync());
        var again = await _store.LeaseAsync("w", TimeSpan.FromMinutes(1));

        Assert.IsAssignableFrom<System.Data.Common.DbException>(lost);
        Assert.Equal(1, again!.Attempt);
        Assert.True(await _store.HasDeliveryAsync("d-1"));
    }

    private async Task<LeasedJob> LeaseWhenReadyAsync(JobStore store, List<TimeSpan> waits)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            if (await store.LeaseAsync("w", TimeSpan.FromMinutes(1)) is { } job)
            {
                if (waited > TimeSpan.Zero) waits.Add(waited);
                return job;
            }

            _clock.Advance(TimeSpan.FromSeconds(1));
            waited += TimeSpan.FromSeconds(1);
        }
    }
}
