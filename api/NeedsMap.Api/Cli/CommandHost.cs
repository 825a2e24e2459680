using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Operations.Telemetry;
using NeedsMap.Api.Startup;

namespace NeedsMap.Api.Cli;

/// <summary>
/// Builds, for a command, what the server would build: the same configuration sources (appsettings, the
/// <c>NEEDSMAP_SETTINGS</c> file, environment variables, the command line's settings) and the same services, refused
/// the same way when a setting is missing or invalid, but never listening.
/// </summary>
internal static class CommandHost
{
    /// <summary>The process's own context: console writers and the host built as the server builds it.</summary>
    public static CliContext ProcessContext() => new(Console.Out, Console.Error, Configuration, Services)
    {
        Terminal = !Console.IsOutputRedirected && !Console.IsErrorRedirected,
    };

    public static IConfiguration Configuration(IReadOnlyList<string> settings) => Builder(settings).Configuration;

    public static IServiceProvider Services(IReadOnlyList<string> settings, TextWriter error) => Compose(Builder(settings)).Services;

    /// <summary>
    /// The server's services composed on <paramref name="builder"/> and its settings checked, for the server and every
    /// command alike: a value that does not convert, or every missing or invalid setting at once, is a
    /// <see cref="CliException"/> (exit 1) naming them, instead of a stack trace naming the first.
    /// </summary>
    public static WebApplication Compose(WebApplicationBuilder builder)
    {
        builder.Logging.AddNeedsMapLogging(builder.Configuration, builder.Environment);
        WebApplication app;
        try
        {
            builder.Services.AddNeedsMap(builder.Configuration);
            app = builder.Build();
        }
        catch (InvalidOperationException ex) when (StartupRefusal.Explain(ex, builder.Environment.EnvironmentName) is { } unreadable)
        {
            throw CliException.Failure(unreadable);
        }
        if (StartupRefusal.Check(app.Services, app.Environment) is { } refusal)
        {
            throw CliException.Failure(refusal);
        }
        return app;
    }

    private static WebApplicationBuilder Builder(IReadOnlyList<string> settings)
    {
        var builder = WebApplication.CreateBuilder([.. settings]);
        try
        {
            SettingsFile.AddFromEnvironment(builder.Configuration);
        }
        catch (FileNotFoundException ex)
        {
            throw CliException.Failure(ex.Message);
        }
        return builder;
    }
}
