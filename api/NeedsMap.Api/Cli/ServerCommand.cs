using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Startup;

namespace NeedsMap.Api.Cli;

/// <summary>
/// No command: the server, with ASP.NET's own arguments (<c>--urls URL --contentRoot DIR --environment NAME
/// --Section:Key=value</c>), as <c>scripts/run</c> and the tests' WebApplicationFactory start it.
/// </summary>
internal static class ServerCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        // A mistyped command (rebuild-cell) would otherwise be dropped by the configuration and start the server.
        if (SettingsArguments.StraysForServer(args) is [var stray, ..])
        {
            await error.WriteLineAsync($"Unrecognized command or argument '{stray}'.");
            await error.WriteLineAsync($"Run '{NeedsMapCli.ProgramName} --help' for the commands and the server's arguments.");
            return ExitCodes.Usage;
        }
        var builder = WebApplication.CreateBuilder(args);
        SettingsFile.AddFromEnvironment(builder.Configuration);
        WebApplication app;
        try
        {
            app = CommandHost.Compose(builder);
        }
        catch (CliException refused)
        {
            await error.WriteLineAsync(refused.Message);
            return refused.ExitCode;
        }
        app.MapNeedsMap();
        await app.RunAsync();
        return ExitCodes.Ok;
    }
}
