using Microsoft.Extensions.Configuration;
using NeedsMap.Api.Cli;
using NeedsMap.Api.Common.CommandLine;

namespace NeedsMap.Api.Tests.Cli;

/// <summary>Runs a command line through the real parser and actions, with a test host's services and configuration.</summary>
internal sealed class CliRun
{
    public StringWriter Output { get; } = new();
    public StringWriter Error { get; } = new();

    /// <summary>Which settings the command line handed to the configuration or the services (null: it asked for neither).</summary>
    public IReadOnlyList<string>? SettingsSeen { get; private set; }

    public static Task<(int Exit, CliRun Run)> InvokeAsync(IReadOnlyList<string> args, IServiceProvider? services = null, IConfiguration? configuration = null)
    {
        var run = new CliRun();
        return run.RunAsync(args, services, configuration);
    }

    private async Task<(int, CliRun)> RunAsync(IReadOnlyList<string> args, IServiceProvider? services, IConfiguration? configuration)
    {
        // Without a host, a command that reaches for the services fails the test: a usage error must stop before them.
        var context = new CliContext(Output, Error,
            settings => { SettingsSeen = settings; return configuration ?? throw new InvalidOperationException("this command line should not read the configuration"); },
            (settings, _) => { SettingsSeen = settings; return services ?? throw new InvalidOperationException("this command line should not build the services"); });
        return (await NeedsMapCli.InvokeAsync(args, context), this);
    }
}
