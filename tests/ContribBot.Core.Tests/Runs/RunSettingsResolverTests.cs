using ContribBot.Core.Configuration;
using ContribBot.Core.Runs.Preview;
using ContribBot.Core.Runs.Settings;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Runs;

/// <summary>Options over environment over config file over defaults, and where the workflow's token may go.</summary>
public sealed class RunSettingsResolverTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void An_option_beats_the_environment_which_beats_the_config_file()
    {
        WriteConfig("teacher:\n  url: http://file.test/v1\n  model: file-model\n  critic_model: file-critic\n");
        var environment = Environment(("CONTRIBBOT_MODEL", "env-model"), ("CONTRIBBOT_CRITIC_MODEL", "env-critic"));

        var teacher = new RunSettingsResolver(environment).Resolve(Given() with { CriticModel = "option-critic" }).Teacher!;

        Assert.Equal(new Uri("http://file.test/v1/"), teacher.Endpoint);
        Assert.Equal("env-model", teacher.Model);
        Assert.Equal("option-critic", teacher.CriticModel);
    }

    [Fact]
    public void The_workflow_token_goes_to_github_models_and_nowhere_else()
    {
        var environment = Environment(("GITHUB_TOKEN", "ghs_secret"), ("CONTRIBBOT_MODEL", "m"));
        var resolver = new RunSettingsResolver(environment);

        var github = resolver.Resolve(Given() with { TeacherUrl = "https://models.github.ai/inference" }).Teacher!;
        var elsewhere = resolver.Resolve(Given() with { TeacherUrl = "https://teacher.example/v1" }).Teacher!;

        Assert.Equal("ghs_secret", github.ApiKey);
        Assert.Null(elsewhere.ApiKey);
    }

    [Fact]
    public void A_config_file_cannot_send_the_token_to_its_own_server()
    {
        // The config comes from the pull request: its URL must not receive GITHUB_TOKEN.
        WriteConfig("teacher:\n  url: https://collector.example/v1\n  model: m\n");

        var teacher = new RunSettingsResolver(Environment(("GITHUB_TOKEN", "ghs_secret"))).Resolve(Given()).Teacher!;

        Assert.Null(teacher.ApiKey);
    }

    [Fact]
    public void The_project_key_is_sent_to_any_endpoint()
    {
        var teacher = new RunSettingsResolver(Environment(("CONTRIBBOT_API_KEY", "sk-own"), ("GITHUB_TOKEN", "ghs_secret")))
            .Resolve(Given() with { TeacherUrl = "http://localhost:11434/v1", Model = "m" }).Teacher!;

        Assert.Equal("sk-own", teacher.ApiKey);
    }

    [Fact]
    public void No_teacher_is_a_dry_run_and_half_a_teacher_is_an_error()
    {
        var resolver = new RunSettingsResolver(Environment());

        Assert.Null(resolver.Resolve(Given()).Teacher);
        Assert.Null(resolver.Resolve(Given() with { TeacherUrl = "http://t.test/v1", Model = "m", DryRun = true }).Teacher);
        Assert.Contains("no model", Assert.Throws<ConfigException>(() => resolver.Resolve(Given() with { TeacherUrl = "http://t.test/v1" })).Message, StringComparison.Ordinal);
        Assert.Contains("no teacher URL", Assert.Throws<ConfigException>(() => resolver.Resolve(Given() with { Model = "m" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generation_settings_come_from_options_then_the_config_file()
    {
        WriteConfig("preview:\n  samples: 7\ngeneration:\n  chunk_tokens: 300\n");

        var fromFile = new RunSettingsResolver(Environment()).Resolve(Given()).Generation;
        var fromOption = new RunSettingsResolver(Environment()).Resolve(Given() with { Samples = 2 }).Generation;

        Assert.Equal(7, fromFile.SamplesPerLeaf);
        Assert.Equal(300, fromFile.ChunkTokens);
        Assert.Equal(2, fromOption.SamplesPerLeaf);
    }

    [Theory]
    [InlineData("chunk_tokens: 15", "4:17", "from 100 to 8000")]
    [InlineData("max_retries: 1000000", "4:16", "from 0 to 10")]
    [InlineData("timeout_seconds: 86400", "4:20", "from 1 to 600")]
    [InlineData("time_limit_minutes: 0", "4:23", "from 1 to 1440")]
    [InlineData("samples_per_seed: 99999999", "4:21", "from 1 to 10000")]
    public void A_config_file_cannot_set_a_limit_outside_its_safe_range(string setting, string where, string range)
    {
        // The config may be a pull request's own: a tiny chunk or a million retries would be a weapon, not a setting.
        WriteConfig($"preview:\n  samples: 1\ngeneration:\n  {setting}\n");

        var error = Assert.Throws<ConfigException>(() => new RunSettingsResolver(Environment()).Resolve(Given())).Message;

        Assert.Contains($"contribbot.yml:{where}: expected a whole number {range}.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_taxonomy_config_must_be_a_regular_file_not_a_link_out_of_the_tree()
    {
        Directory.CreateDirectory(_root.Combine(".github"));
        File.CreateSymbolicLink(_root.Combine(ContribBotConfig.DefaultRelativePath), "/dev/zero");

        var error = Assert.Throws<ConfigException>(() => new RunSettingsResolver(Environment()).Resolve(Given())).Message;

        Assert.Contains("is a symbolic link; commit it as a regular file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_folder_that_is_a_link_is_refused_too()
    {
        var elsewhere = Directory.CreateDirectory(_root.Combine("elsewhere")).FullName;
        File.WriteAllText(Path.Combine(elsewhere, "contribbot.yml"), "preview:\n  samples: 3\n");
        Directory.CreateSymbolicLink(_root.Combine(".github"), elsewhere);

        Assert.Throws<ConfigException>(() => new RunSettingsResolver(Environment()).Resolve(Given()));
    }

    [Fact]
    public void A_config_named_on_the_command_line_may_be_a_link_but_not_a_device()
    {
        var real = _root.Combine("settings.yml");
        File.WriteAllText(real, "preview:\n  samples: 3\n");
        File.CreateSymbolicLink(_root.Combine("linked.yml"), real);

        Assert.Equal(3, new RunSettingsResolver(Environment()).Resolve(Given() with { ConfigFile = _root.Combine("linked.yml") }).Generation.SamplesPerLeaf);
        var error = Assert.Throws<ConfigException>(() => new RunSettingsResolver(Environment()).Resolve(Given() with { ConfigFile = "/dev/zero" })).Message;
        Assert.Contains("not a regular file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_hosts_are_a_list_of_host_names()
    {
        WriteConfig("documents:\n  allowed_hosts: [github.com, git.example.org:8443]\n");
        Assert.Equal(["github.com", "git.example.org:8443"], new RunSettingsResolver(Environment()).Resolve(Given()).Config.DocumentHosts);

        WriteConfig("documents:\n  allowed_hosts: [https://github.com/owner]\n");
        var error = Assert.Throws<ConfigException>(() => new RunSettingsResolver(Environment()).Resolve(Given())).Message;
        Assert.Contains("contribbot.yml:2:19: expected a host name", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_preview_has_a_time_limit_by_default_and_a_build_has_none()
    {
        var environment = Environment(("CONTRIBBOT_TEACHER_URL", "http://t.test/v1"), ("CONTRIBBOT_MODEL", "m"));
        var resolver = new RunSettingsResolver(environment);

        Assert.Equal(TimeSpan.FromMinutes(15), resolver.Resolve(Given()).Teacher!.TimeLimit);
        Assert.Equal(TimeSpan.FromMinutes(3), resolver.Resolve(Given() with { TimeLimitMinutes = 3 }).Teacher!.TimeLimit);
        Assert.Null(resolver.Resolve(new ContribBot.Core.Runs.Build.BuildSettings(_root.Path, _root.Combine("dataset"))).Teacher!.TimeLimit);
    }

    [Fact]
    public void The_document_cache_follows_the_given_environment()
    {
        var resolved = new RunSettingsResolver(Environment(("CONTRIBBOT_CACHE_DIR", "/cache/here"))).Resolve(Given());

        Assert.Equal(Path.Combine("/cache/here", "documents"), resolved.DocumentCacheDirectory);
    }

    private PreviewSettings Given() => new(_root.Path, Path.Combine(_root.Path, "out"));

    private void WriteConfig(string yaml)
    {
        Directory.CreateDirectory(_root.Combine(".github"));
        File.WriteAllText(_root.Combine(ContribBotConfig.DefaultRelativePath), yaml);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(variable => variable.Name == name).Value;
}
