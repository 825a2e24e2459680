using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Extensions;
using NeedsMap.Api.Operations.Telemetry;
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
        builder.Logging.AddNeedsMapLogging(builder.Configuration, builder.Environment);
        WebApplication app;
        try
        {
            builder.Services.AddNeedsMap(builder.Configuration);
            app = builder.Build();
        }
        catch (InvalidOperationException ex) when (StartupRefusal.Explain(ex, builder.Environment.EnvironmentName) is { } unreadable)
        {
            // A value that does not convert (NeedsMap:Cases:Days=seven) fails while the server is composed.
            await error.WriteLineAsync(unreadable);
            return ExitCodes.Failure;
        }
        // Every missing or invalid setting at once, before anything starts, instead of a stack trace naming the first.
        if (StartupRefusal.Check(app.Services, app.Environment) is { } refusal)
        {
            await error.WriteLineAsync(refusal);
            return ExitCodes.Failure;
        }
        app.MapNeedsMap();
        await app.RunAsync();
        return ExitCodes.Ok;
    }
}
