using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using ContribBot.Core.Reports.Preview;
using ContribBot.Core.Validation;
using ContribBot.Testing;
using ContribBot.Testing.FakeGitHub;
using Octokit;

namespace ContribBot.GitHub.Tests;

/// <summary>Publishing through Octokit against the in-process fake GitHub REST server.</summary>
public sealed class PullRequestPublisherTests : IAsyncLifetime
{
    private static readonly GitHubTarget Target = new("octo-org", "taxonomy", 7);
    private readonly ConcurrentQueue<TimeSpan> _waits = new();
    private FakeGitHubServer _github = null!;

    public async Task InitializeAsync() => _github = await FakeGitHubServer.StartAsync();

    public async Task DisposeAsync() => await _github.DisposeAsync();

    [Fact]
    public async Task The_first_run_creates_the_check_run_and_the_comment()
    {
        var outcome = await PublishAsync(Reports.WithDiagnostics(3));

        var run = Assert.Single(_github.CheckRuns);
        Assert.Equal("ContribBot", run.Name);
        Assert.Equal(_github.HeadSha, run.HeadSha);
        Assert.Equal("completed", run.Status);
        Assert.Equal("failure", run.Conclusion);
        Assert.Equal("2 error(s), 1 warning(s) · 0 of 0 synthetic samples kept", run.Title);
        Assert.Equal(3, run.Annotations.Count);
        var first = run.Annotations[0];
        Assert.Equal("compositional_skills/math/leaf_0/qna.yaml", first["path"]!.GetValue<string>());
        Assert.Equal(1, first["start_line"]!.GetValue<int>());
        Assert.Equal(13, first["start_column"]!.GetValue<int>());
        Assert.Equal("failure", first["annotation_level"]!.GetValue<string>());
        Assert.Equal("CB0203 Wrong type", first["title"]!.GetValue<string>());
        Assert.StartsWith("How to fix: Quote it", first["raw_details"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("warning", run.Annotations[1]["annotation_level"]!.GetValue<string>());

        var comment = Assert.Single(_github.Comments);
        Assert.StartsWith(StickyComment.Marker + "\n### ContribBot preview", comment.Body, StringComparison.Ordinal);
        Assert.True(outcome.CheckRunCreated);
        Assert.True(outcome.CommentCreated);
        Assert.Equal(comment.Id, outcome.CommentId);
    }

    [Fact]
    public async Task A_second_run_edits_the_same_check_run_and_comment_without_doubling_annotations()
    {
        await PublishAsync(Reports.WithDiagnostics(3));
        var outcome = await PublishAsync(Reports.WithDiagnostics(3));

        var run = Assert.Single(_github.CheckRuns);
        Assert.Equal(3, run.Annotations.Count);
        Assert.Equal([3, 0], run.AnnotationsPerRequest);
        var comment = Assert.Single(_github.Comments);
        Assert.Equal(1, comment.Edits);
        Assert.False(outcome.CheckRunCreated);
        Assert.False(outcome.CommentCreated);
        Assert.Equal(0, outcome.AnnotationsSent);
    }

    [Fact]
    public async Task A_new_head_commit_gets_its_own_check_run_but_keeps_the_one_comment()
    {
        await PublishAsync(Reports.WithDiagnostics(1));
        _github.HeadSha = "89abcdef0123456789abcdef0123456789abcdef";
        await PublishAsync(Reports.WithDiagnostics(0));

        Assert.Equal(2, _github.CheckRuns.Count);
        Assert.Equal("success", _github.CheckRuns[1].Conclusion);
        Assert.Single(_github.Comments);
    }

    [Fact]
    public async Task A_hundred_and_twenty_diagnostics_arrive_in_three_batches()
    {
        var outcome = await PublishAsync(Reports.WithDiagnostics(120));

        var run = Assert.Single(_github.CheckRuns);
        Assert.Equal([50, 50, 20], run.AnnotationsPerRequest);
        Assert.Equal(120, run.Annotations.Count);
        Assert.Equal(Enumerable.Range(1, 120), run.Annotations.Select(a => a["start_line"]!.GetValue<int>()).Order()); // each once
        Assert.Equal((120, 3), (outcome.AnnotationsSent, outcome.AnnotationRequests));
    }

    [Fact]
    public async Task A_run_cut_short_is_completed_by_the_next_one()
    {
        // GitHub stays unreachable for longer than the retries last.
        for (var i = 0; i < 4; i++) _github.Fail("PATCH", "/check-runs/", FakeGitHubFault.ServerError());
        await Assert.ThrowsAsync<GitHubUnreachableException>(() => PublishAsync(Reports.WithDiagnostics(120)));
        Assert.Equal(50, Assert.Single(_github.CheckRuns).Annotations.Count);

        await PublishAsync(Reports.WithDiagnostics(120));

        var run = Assert.Single(_github.CheckRuns);
        Assert.Equal(Enumerable.Range(1, 120), run.Annotations.Select(a => a["start_line"]!.GetValue<int>()).Order()); // each once
    }

    [Fact]
    public async Task A_secondary_rate_limit_is_waited_out_for_as_long_as_github_asks()
    {
        _github.Fail("POST", "/issues/7/comments", FakeGitHubFault.SecondaryRateLimit(retryAfterSeconds: 3));

        await PublishAsync(Reports.WithDiagnostics(1));

        Assert.Equal([TimeSpan.FromSeconds(3)], _waits);
        Assert.Single(_github.Comments);
        Assert.Equal(2, _github.Requests.Count(r => r == "POST /api/v3/repos/octo-org/taxonomy/issues/7/comments"));
    }

    [Fact]
    public async Task A_primary_rate_limit_waits_until_the_reset_time()
    {
        _github.Fail("GET", "/check-runs", FakeGitHubFault.PrimaryRateLimit(DateTimeOffset.UtcNow.AddSeconds(20)));

        await PublishAsync(Reports.WithDiagnostics(1));

        Assert.InRange(Assert.Single(_waits).TotalSeconds, 18, 22);
        Assert.Single(_github.CheckRuns);
    }

    [Fact]
    public async Task A_rate_limit_longer_than_the_bound_fails_with_a_clear_message()
    {
        _github.Fail("GET", "/check-runs", FakeGitHubFault.PrimaryRateLimit(DateTimeOffset.UtcNow.AddHours(1)));

        var failure = await Assert.ThrowsAsync<GitHubRateLimitedException>(() => PublishAsync(Reports.WithDiagnostics(1)));

        Assert.Contains("rate-limited looking for an earlier ContribBot check run for 60 more minute(s)", failure.Message, StringComparison.Ordinal);
        Assert.InRange(failure.RetryAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task A_422_is_a_clear_error_naming_the_step_and_githubs_reason()
    {
        _github.Fail("POST", "/check-runs", new FakeGitHubFault(HttpStatusCode.UnprocessableEntity, "Validation Failed"));

        var failure = await Assert.ThrowsAsync<GitHubRefusedException>(() => PublishAsync(Reports.WithDiagnostics(1)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, failure.Status);
        Assert.StartsWith("GitHub refused creating the check run: HTTP 422 UnprocessableEntity: Validation Failed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_permission_says_which_permissions_are_needed()
    {
        _github.Fail("POST", "/check-runs", new FakeGitHubFault(HttpStatusCode.Forbidden, "Resource not accessible by integration"));

        var failure = await Assert.ThrowsAsync<GitHubRefusedException>(() => PublishAsync(Reports.WithDiagnostics(1)));

        Assert.Contains("checks: write", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_made_from_another_commit_is_not_published_on_the_pull_request()
    {
        var failure = await Assert.ThrowsAsync<GitHubRefusedException>(() =>
            PublishAsync(Reports.WithDiagnostics(1), new PublishOptions { HeadSha = "feedfacefeedfacefeedfacefeedfacefeedface" }));

        Assert.Contains("not at feedface", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_github.CheckRuns);
        Assert.Empty(_github.Comments);
    }

    [Fact]
    public async Task A_report_made_from_the_head_commit_is_published_on_it()
    {
        var outcome = await PublishAsync(Reports.WithDiagnostics(1), new PublishOptions { HeadSha = _github.HeadSha.ToUpperInvariant() });

        Assert.Equal(_github.HeadSha, outcome.HeadSha);
        Assert.Single(_github.CheckRuns);
    }

    [Fact]
    public async Task Comments_that_merely_carry_the_marker_are_left_alone()
    {
        _github.AddComment(StickyComment.Marker + "\nI copied your marker", "mallory", "User");

        await PublishAsync(Reports.WithDiagnostics(1));

        Assert.Equal(2, _github.Comments.Count);
        Assert.Equal(0, _github.Comments[0].Edits);
    }

    [Fact]
    public async Task The_comment_is_found_again_among_many_pages_of_comments()
    {
        await PublishAsync(Reports.WithDiagnostics(1));
        for (var i = 0; i < 70; i++) _github.AddComment($"comment {i}", "someone", "User");

        await PublishAsync(Reports.WithDiagnostics(1));

        Assert.Equal(71, _github.Comments.Count);
        Assert.Equal(1, _github.Comments[0].Edits);
    }

    [Fact]
    public async Task A_report_too_big_for_a_comment_fits_by_construction_and_counts_what_it_leaves_out()
    {
        var samples = Enumerable.Range(0, 400).Select(i => new JsonObject
        {
            ["question"] = $"Question {i} " + new string('q', 200),
            ["answer"] = new string('a', 600),
            ["kept"] = true,
            ["dropReason"] = null,
        }).ToArray();
        // 3,000 findings with distinct messages: none can be grouped, so most must be counted instead of shown.
        var json = Reports.Json(3000, "A long message " + new string('m', 200), samples);
        foreach (var (diagnostic, i) in json["diagnostics"]!.AsArray().Select((d, i) => (d!, i))) diagnostic["message"] = $"Message {i} " + new string('m', 200);
        var report = ReportJsonReader.Read(json.ToJsonString());

        var outcome = await PublishAsync(report, new PublishOptions { FullReportUrl = "https://github.com/octo-org/taxonomy/actions/runs/42" });

        var body = Assert.Single(_github.Comments).Body;
        Assert.InRange(body.Length, 30_000, StickyComment.MaxLength);
        Assert.False(outcome.CommentTrimmed); // nothing had to be cut: the renderer counted instead
        Assert.Matches(@"…and [\d,]+ more error\(s\), counted above", body);
        Assert.Matches(@"…and [\d,]+ more warning\(s\), counted above", body);
        Assert.Contains("<summary>⚠️ 1,500 warning(s)</summary>", body, StringComparison.Ordinal);
        Assert.InRange(Assert.Single(_github.CheckRuns).Summary!.Length, 30_000, PullRequestPublisher.MaxSummaryLength);
    }

    [Fact]
    public async Task A_500_leaf_pull_request_gets_one_comment_within_the_limit_with_errors_first_and_identical_warnings_grouped()
    {
        var json = Reports.Json(0, "unused", []);
        var diagnostics = json["diagnostics"]!.AsArray();
        var leaves = json["leaves"]!.AsArray();
        leaves.Clear();
        for (var leaf = 0; leaf < 500; leaf++)
        {
            var file = $"compositional_skills/STEM/topic_{leaf}/qna.yaml";
            diagnostics.Add(Finding("CB0501", "warning", file, 2, "`created_by` is 'IBM Research', which is not a valid GitHub login"));
            if (leaf % 50 == 0) diagnostics.Add(Finding("CB0203", "error", file, 6, $"`answer` of seed example {leaf} must be text, but is the boolean `yes`"));
            var samples = Enumerable.Range(0, 10).Select(i => (JsonNode)new JsonObject
            {
                ["question"] = $"Question {i} of leaf {leaf} " + new string('q', 300),
                ["answer"] = new string('a', 800),
                ["kept"] = i < 5,
                ["dropReason"] = i < 5 ? null : "duplicate",
            }).ToArray();
            leaves.Add(new JsonObject
            {
                ["path"] = $"compositional_skills/STEM/topic_{leaf}",
                ["kind"] = "freeform_skill",
                ["file"] = file,
                ["samples"] = new JsonArray(samples),
                ["quality"] = new JsonObject { ["generated"] = 10, ["kept"] = 5 },
            });
        }

        json["summary"] = new JsonObject { ["files"] = 500, ["leaves"] = 500, ["errors"] = 10, ["warnings"] = 500 };
        var report = ReportJsonReader.Read(json.ToJsonString());

        var outcome = await PublishAsync(report, new PublishOptions { FullReportUrl = "https://github.com/octo-org/taxonomy/actions/runs/42" });

        var body = Assert.Single(_github.Comments).Body;
        Assert.True(body.Length <= StickyComment.MaxLength, $"{body.Length:N0} characters");
        Assert.False(outcome.CommentTrimmed);
        var errors = body.IndexOf("#### ❌ 10 error(s)", StringComparison.Ordinal);
        Assert.InRange(errors, 0, body.IndexOf("| Leaf | Kind | Kept |", StringComparison.Ordinal));
        Assert.Contains("<summary>⚠️ 500 warning(s) (1 distinct)</summary>", body, StringComparison.Ordinal);
        Assert.Contains("| CB0501 | **500×** ", body, StringComparison.Ordinal);
        Assert.Contains("and 497 more |", body, StringComparison.Ordinal);
        Assert.Matches(@"Samples of [\d,]+ more leaf\(s\) did not fit in this comment", body);
    }

    private static JsonObject Finding(string code, string severity, string file, int line, string message) => new()
    {
        ["code"] = code,
        ["severity"] = severity,
        ["file"] = file,
        ["line"] = line,
        ["column"] = 13,
        ["title"] = code,
        ["message"] = message,
        ["hint"] = "A hint.",
    };

    [Fact]
    public void A_body_over_the_limit_is_still_cut_with_a_pointer_to_the_artifact()
    {
        var markdown = string.Concat(Enumerable.Range(0, 2000).Select(i => $"\n#### Section {i}\n\n" + new string('x', 60)));

        var body = StickyComment.Compose(markdown, "https://github.com/octo-org/taxonomy/actions/runs/42");

        Assert.InRange(body.Length, 60_000, StickyComment.MaxLength);
        Assert.EndsWith("[workflow run's `contribbot-report` artifact](https://github.com/octo-org/taxonomy/actions/runs/42).\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_text_in_the_report_is_neutralised_in_what_is_posted()
    {
        const string hostile = "@octo-org/admins look <img src=x onerror=alert(1)> ![pixel](http://evil.example/p.png) " +
                               "[click](javascript:alert(1)) | cell | break\n```\nopen fence";
        var samples = new[] { new JsonObject { ["question"] = hostile, ["answer"] = hostile, ["kept"] = true, ["dropReason"] = null } };
        var report = ReportJsonReader.Read(Reports.Json(1, hostile, samples).ToJsonString());

        await PublishAsync(report);

        var body = Assert.Single(_github.Comments).Body;
        Assert.DoesNotMatch("@octo-org", body);
        Assert.DoesNotMatch(@"(?<!\\)<img", body);
        Assert.DoesNotContain("![", body, StringComparison.Ordinal);
        Assert.DoesNotContain("](javascript", body, StringComparison.Ordinal);
        Assert.DoesNotContain("](http://evil", body, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^```\s*open", body);
        Assert.Matches(@"@\u200B", body);
        var annotation = Assert.Single(Assert.Single(_github.CheckRuns).Annotations);
        Assert.Equal(hostile, annotation["message"]!.GetValue<string>()); // annotations are plain text, shown as such
    }

    [Fact]
    public async Task Diagnostics_whose_path_leaves_the_repository_are_not_annotated()
    {
        var json = Reports.Json(2, "message", []);
        json["diagnostics"]![0]!["file"] = "../../etc/passwd";
        json["diagnostics"]![1]!["file"] = "/abs/qna.yaml";

        var outcome = await PublishAsync(ReportJsonReader.Read(json.ToJsonString()));

        var run = Assert.Single(_github.CheckRuns);
        Assert.Empty(run.Annotations);
        Assert.Equal(2, outcome.AnnotationsSkipped);
        // Nothing vanishes silently: the summary and the comment say how many and why.
        const string note = "2 diagnostic(s) could not be shown as annotations on the changed files: their path is not a plain path inside the repository";
        Assert.Contains(note, run.Summary, StringComparison.Ordinal);
        Assert.Contains(note, Assert.Single(_github.Comments).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_closed_without_an_answer_are_retried_with_backoff()
    {
        _github.Fail("GET", "/pulls/7", FakeGitHubFault.DroppedConnection());
        _github.Fail("POST", "/check-runs", FakeGitHubFault.DroppedConnection());
        _github.Fail("POST", "/check-runs", FakeGitHubFault.ServerError(HttpStatusCode.BadGateway));

        var outcome = await PublishAsync(Reports.WithDiagnostics(3));

        Assert.Equal(3, Assert.Single(_github.CheckRuns).Annotations.Count);
        Assert.Single(_github.Comments);
        Assert.True(outcome.CheckRunCreated);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], _waits);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_found_again_instead_of_made_twice()
    {
        // GitHub carries each of these out, then the connection drops before the answer arrives.
        _github.Fail("POST", "/check-runs", FakeGitHubFault.DroppedAnswer());
        _github.Fail("PATCH", "/check-runs/", FakeGitHubFault.DroppedAnswer());
        _github.Fail("POST", "/issues/7/comments", FakeGitHubFault.DroppedAnswer());

        var outcome = await PublishAsync(Reports.WithDiagnostics(120));

        var run = Assert.Single(_github.CheckRuns);
        Assert.Equal(120, run.Annotations.Count); // annotations are appended on update: a repeated update would double a batch
        Assert.Equal(Enumerable.Range(1, 120), run.Annotations.Select(a => a["start_line"]!.GetValue<int>()).Order()); // each once
        var comment = Assert.Single(_github.Comments);
        Assert.Equal(comment.Id, outcome.CommentId);
        Assert.Equal(run.Id, outcome.CheckRunId);
    }

    [Fact]
    public async Task Publishing_another_report_of_the_same_commit_replaces_the_annotations_instead_of_adding_to_them()
    {
        await PublishAsync(Reports.WithDiagnostics(3));
        var outcome = await PublishAsync(Reports.WithDiagnostics(2, message: "a different finding"));

        Assert.Equal(2, _github.CheckRuns.Count);
        var newest = _github.CheckRuns.MaxBy(run => run.Id)!;
        Assert.Equal(newest.Id, outcome.CheckRunId);
        Assert.True(outcome.CheckRunCreated);
        Assert.Equal(["a different finding", "a different finding"], newest.Annotations.Select(a => a["message"]!.GetValue<string>()));
        Assert.Single(_github.Comments);
    }

    [Fact]
    public async Task A_check_run_a_parallel_publish_made_with_other_annotations_is_not_added_to()
    {
        _github.AddCheckRun(PullRequestPublisher.CheckName, _github.HeadSha, "something else");

        await PublishAsync(Reports.WithDiagnostics(3));

        var newest = _github.CheckRuns.MaxBy(run => run.Id)!;
        Assert.Equal(3, newest.Annotations.Count);
        Assert.DoesNotContain(newest.Annotations, a => a["message"]!.GetValue<string>() == "something else");
    }

    [Fact]
    public async Task Two_publishes_racing_to_create_the_comment_end_with_one_comment()
    {
        // The other publish creates its comment after our look-up found none, just before our create.
        _github.Before("POST", "/issues/7/comments", () => _github.AddComment(StickyComment.Marker + "\nthe other run's report", "github-actions[bot]", "Bot"));

        var outcome = await PublishAsync(Reports.WithDiagnostics(3));

        var comment = Assert.Single(_github.Comments);
        Assert.Equal(comment.Id, outcome.CommentId);
        Assert.Contains("### ContribBot preview", comment.Body, StringComparison.Ordinal);
        Assert.Contains(_github.Requests, request => request.StartsWith("DELETE ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_huge_report_sends_at_most_a_thousand_annotations_and_counts_the_rest_in_the_summary()
    {
        var outcome = await PublishAsync(Reports.WithDiagnostics(1_230));

        var run = Assert.Single(_github.CheckRuns);
        Assert.Equal(CheckRunAnnotations.MaxAnnotations, run.Annotations.Count);
        Assert.Equal((1_000, 20, 230), (outcome.AnnotationsSent, outcome.AnnotationRequests, outcome.AnnotationsSkipped));
        Assert.Equal("failure", run.Conclusion);
        Assert.Contains("230 more diagnostic(s) were not sent as annotations", run.Summary, StringComparison.Ordinal);
        Assert.Contains("230 more diagnostic(s) were not sent as annotations", Assert.Single(_github.Comments).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_network_fault_that_outlasts_the_bound_names_the_step_and_the_tries()
    {
        for (var i = 0; i < 4; i++) _github.Fail("POST", "/check-runs", FakeGitHubFault.DroppedConnection());

        var error = await Assert.ThrowsAsync<GitHubUnreachableException>(() => PublishAsync(Reports.WithDiagnostics(1)));

        Assert.StartsWith("GitHub did not answer creating the check run after 4 attempts (", error.Message, StringComparison.Ordinal);
        Assert.Empty(_github.CheckRuns);
    }

    [Fact]
    public async Task A_report_made_in_process_is_annotated_at_repository_paths_whatever_the_current_directory()
    {
        using var repo = new TaxonomyRepoFixture();
        repo.WriteLeaf("taxonomy/compositional_skills/math/bad", SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: yes"));
        repo.Commit("A leaf with an error, in a subfolder of the repository");
        var validator = await TaxonomyValidator.CreateAsync(ValidationOptions.Default, CancellationToken.None);
        var validation = await validator.ValidateAsync([Path.Combine(repo.Root, "taxonomy")], null, CancellationToken.None);

        var outcome = await PublishAsync(PublishedReport.Of(validation));

        var annotation = Assert.Single(Assert.Single(_github.CheckRuns).Annotations);
        Assert.Equal("taxonomy/compositional_skills/math/bad/qna.yaml", annotation["path"]!.GetValue<string>());
        Assert.Equal((6, 13), (annotation["start_line"]!.GetValue<int>(), annotation["start_column"]!.GetValue<int>()));
        Assert.Equal(0, outcome.AnnotationsSkipped);
        var body = Assert.Single(_github.Comments).Body;
        Assert.Contains("`taxonomy/compositional_skills/math/bad/qna.yaml`", body, StringComparison.Ordinal);
        Assert.DoesNotContain(repo.Root, body, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be shown as annotations", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_links_appear_only_when_the_docs_address_is_known()
    {
        var plain = Reports.WithDiagnostics(1);
        var linked = plain with { Context = plain.Context with { CatalogUrl = new Uri("https://github.com/octo-org/contribbot/blob/v1/docs/diagnostics.md") } };

        await PublishAsync(plain);
        _github.HeadSha = "89abcdef0123456789abcdef0123456789abcdef";
        await PublishAsync(linked);

        Assert.Equal("How to fix: Quote it so YAML reads it as text: answer: \"yes\"", _github.CheckRuns[0].Annotations[0]["raw_details"]!.GetValue<string>());
        Assert.EndsWith("\nhttps://github.com/octo-org/contribbot/blob/v1/docs/diagnostics.md#cb0203",
            _github.CheckRuns[1].Annotations[0]["raw_details"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_run_started_before_the_report_is_completed_by_publishing_it()
    {
        var publisher = Publisher();

        var id = await publisher.StartCheckRunAsync(Target, _github.HeadSha, CheckStatus.InProgress, "Checking the changed leaves", "Started.", CancellationToken.None);

        var started = Assert.Single(_github.CheckRuns);
        Assert.Equal((id, "in_progress", (string?)null), (started.Id, started.Status, started.Conclusion));
        Assert.Equal("Checking the changed leaves", started.Title);

        var outcome = await publisher.PublishAsync(Target, Reports.WithDiagnostics(3), new PublishOptions(), CancellationToken.None);

        var completed = Assert.Single(_github.CheckRuns);
        Assert.Equal(id, outcome.CheckRunId);
        Assert.Equal(("completed", "failure"), (completed.Status, completed.Conclusion));
        Assert.Equal(3, completed.Annotations.Count);
    }

    [Fact]
    public async Task Starting_again_on_the_same_commit_reuses_the_check_run_and_stamps_the_injected_clock()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var publisher = Publisher(clock);

        var queued = await publisher.StartCheckRunAsync(Target, _github.HeadSha, CheckStatus.Queued, "Queued", "Waiting for a worker.", CancellationToken.None);
        var running = await publisher.StartCheckRunAsync(Target, _github.HeadSha, CheckStatus.InProgress, "Running", "A worker took it.", CancellationToken.None);
        await publisher.PublishAsync(Target, Reports.WithDiagnostics(0), new PublishOptions(), CancellationToken.None);

        Assert.Equal(queued, running);
        Assert.Single(_github.CheckRuns);
        Assert.Contains(_github.CheckRunBodies, body => body["started_at"]?.GetValue<string>() == "2026-12-01T10:00:00Z");
        Assert.Contains(_github.CheckRunBodies, body => body["completed_at"]?.GetValue<string>() == "2026-12-01T10:00:00Z");
    }

    [Fact]
    public async Task Clients_from_one_factory_share_its_handler()
    {
        var handler = new CountingHandler();
        using var factory = new GitHubClientFactory(_github.BaseUrl, handler);

        await new PullRequestPublisher(factory.ForToken("token-a"), new GitHubRetry()).PublishAsync(Target, Reports.WithDiagnostics(1), new PublishOptions(), CancellationToken.None);
        await new PullRequestPublisher(factory.ForToken("token-b"), new GitHubRetry()).PublishAsync(Target, Reports.WithDiagnostics(1), new PublishOptions(), CancellationToken.None);

        Assert.True(handler.Requests >= 10, $"{handler.Requests} requests went through the shared handler");
        Assert.Contains("Token token-a", _github.Authorizations);
        Assert.Contains("Token token-b", _github.Authorizations);
    }

    private Task<PublishOutcome> PublishAsync(PublishedReport report, PublishOptions? options = null) =>
        Publisher().PublishAsync(Target, report, options ?? new PublishOptions(), CancellationToken.None);

    private PullRequestPublisher Publisher(TimeProvider? clock = null)
    {
        var client = new GitHubClient(new ProductHeaderValue("contribbot-tests"), _github.BaseUrl) { Credentials = new Credentials("test-token") };
        var retry = new GitHubRetry((wait, _) =>
        {
            _waits.Enqueue(wait);
            return Task.CompletedTask;
        }, clock);
        return new PullRequestPublisher(client, retry);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _requests;

        public CountingHandler() : base(new SocketsHttpHandler())
        {
        }

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
