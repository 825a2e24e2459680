using NeedsMap.Api.Cli;
using NeedsMap.Api.Common.CommandLine;

namespace NeedsMap.Api.Tests.Cli;

/// <summary>The parser alone: help for the program and each command, usage errors (exit 2) before anything runs.</summary>
public sealed class CliHelpTests
{
    public static TheoryData<string, string[]> Commands => new()
    {
        { "issue-token", ["--role", "--subject", "--jurisdiction", "--channel", "--department", "--hours"] },
        { "demo-setup", ["--data", "--plugins-from", "--configuration"] },
        { "ingest", ["<channel>", "<file>", "<content-type>"] },
        { "import-areas", ["<kind>", "<file>", "school_district"] },
        { "rebuild-cells", ["--help"] },
        { "rebuild-key-matters", ["--help"] },
        { "import-divisions", ["--boundaries", "--code-field", "--coordinates", "--tolerance", "--dry-run"] },
        { "train-classifier", ["--set", "--create-categories", "--no-shipped", "--no-labels", "--folds", "--activate"] },
        { "export", ["<kind.format>", "<file>", "<name=value>", "--role", "--jurisdiction", "--channel", "--department", "--subject"] },
        { "reseal-secrets", ["--help"] },
        { "detach-partitions", ["--before"] },
    };

    [Fact]
    public async Task The_program_help_lists_every_command_the_exit_codes_and_the_servers_arguments()
    {
        var (exit, run) = await CliRun.InvokeAsync(["--help"]);
        Assert.Equal(ExitCodes.Ok, exit);
        var help = run.Output.ToString();
        foreach (var command in Commands.Select(c => (string)c[0]))
        {
            Assert.Contains("  " + command, help, StringComparison.Ordinal);
        }
        Assert.Contains("--urls", help, StringComparison.Ordinal);
        Assert.Contains("2 usage error", help, StringComparison.Ordinal);
        Assert.Empty(run.Error.ToString());
        Assert.Null(run.SettingsSeen);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Each_commands_help_lists_its_options_and_runs_nothing(string command, string[] options)
    {
        foreach (var ask in new[] { "--help", "-h" })
        {
            var (exit, run) = await CliRun.InvokeAsync([command, ask]);
            Assert.Equal(ExitCodes.Ok, exit);
            var help = run.Output.ToString();
            // The program's name is the executable's (NeedsMap.Api from a shell, testhost here).
            Assert.Matches($@"Usage:\n  \S+ {command}\b", help.ReplaceLineEndings("\n"));
            Assert.All(options, o => Assert.Contains(o, help, StringComparison.Ordinal));
            Assert.Null(run.SettingsSeen); // neither the configuration nor the services were built
        }
    }

    public static TheoryData<string[], string> UsageErrors => new()
    {
        { ["rebuild-cell"], "Unrecognized command or argument 'rebuild-cell'" },
        { ["issue-token", "--subject", "x"], "Option '--role' is required" },
        { ["issue-token", "--role", "superuser", "--subject", "x"], "Argument 'superuser' not recognized" },
        { ["issue-token", "--role", "public", "--subject", "x", "--hours", "eight"], "Cannot parse argument 'eight'" },
        { ["issue-token", "--role", "public", "--subject", "x", "--hours", "0"], "--hours must be more than 0" },
        { ["issue-token", "--role", "public", "--subjct", "x"], "Unrecognized command or argument '--subjct'" },
        { ["demo-setup"], "Option '--data' is required" },
        { ["ingest", "open311"], "Required argument 'file' missing for command: 'ingest'" },
        { ["ingest", "open311", "/no/such/file.json"], "File does not exist: '/no/such/file.json'" },
        { ["import-areas", "lakes", "/no/such/file.geojson"], "Argument 'lakes' not recognized" },
        { ["rebuild-key-matters", "now"], "Unrecognized command or argument 'now'" },
        { ["export", "needs.pdf", "out.pdf"], "'needs.pdf' is no export" },
        { ["export", "needs.csv", "out.csv", "where"], "'where' is not name=value" },
        { ["export", "needs.csv", "out.csv", "--role", "root"], "Argument 'root' not recognized" },
        { ["train-classifier", "/no/such/labels.csv"], "File does not exist: '/no/such/labels.csv'" },
        { ["train-classifier", "--folds", "1", "/no/such/labels.csv"], "--folds takes 0 or 2 to 10." },
        { ["reseal-secrets", "--all"], "Unrecognized command or argument '--all'" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task A_usage_error_exits_2_with_the_parsers_message_and_runs_nothing(string[] args, string message)
    {
        var (exit, run) = await CliRun.InvokeAsync(args);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, run.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--help' for its usage", run.Error.ToString(), StringComparison.Ordinal);
        Assert.Empty(run.Output.ToString());
        Assert.Null(run.SettingsSeen);
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5201", "--contentRoot", "/repo/api/NeedsMap.Api", "--NeedsMap:LoadDemoNeeds=false" }, true)]
    [InlineData(new[] { "--environment=Development", "--applicationName=NeedsMap.Api" }, true)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5201", "--help" }, false)]
    [InlineData(new[] { "--version" }, false)]
    [InlineData(new[] { "export", "--help" }, false)]
    [InlineData(new[] { "rebuild-cell" }, false)]
    public void No_command_word_first_and_no_help_asked_for_means_the_server(string[] args, bool server) =>
        Assert.Equal(server, NeedsMapCli.IsServer(args));

    [Theory]
    [InlineData(new[] { "--urls", "http://x", "--contentRoot", "/d", "--NeedsMap:A=b", "/key", "v", "k=v" }, new string[0])]
    [InlineData(new[] { "--urls", "http://x", "--verbose" }, new[] { "--verbose" })]
    [InlineData(new[] { "--urls=http://x", "-v", "rebuild-cell" }, new[] { "-v", "rebuild-cell" })]
    public void The_server_refuses_the_arguments_its_configuration_would_silently_drop(string[] args, string[] strays) =>
        Assert.Equal(strays, SettingsArguments.StraysForServer(args));

    [Fact]
    public void A_command_takes_settings_as_one_token_and_leaves_the_rest_to_the_parser()
    {
        var (settings, parsed) = SettingsArguments.ForCommand(["export", "--NeedsMap:Cases:Days=7", "needs.csv", "f", "where={}", "--environment=Production", "--role", "deputy"]);
        Assert.Equal(["--NeedsMap:Cases:Days=7", "--environment=Production"], settings);
        Assert.Equal(["export", "needs.csv", "f", "where={}", "--role", "deputy"], parsed);
    }
}
