namespace NeedsMap.Api.Common.CommandLine;

/// <summary>
/// What a command runs with: where it writes, the settings given on its command line, and how it gets the server's
/// configuration and services. The process builds them from ASP.NET's configuration (<c>Cli/CommandHost</c>); a test
/// gives its own host's services (the process's own: <c>CommandHost.ProcessContext</c>), so the same parser and actions run in both.
/// </summary>
public sealed record CliContext(
    TextWriter Output,
    TextWriter Error,
    Func<IReadOnlyList<string>, IConfiguration> Configuration,
    Func<IReadOnlyList<string>, TextWriter, IServiceProvider> Services)
{
    /// <summary>The <c>--Section:Key=value</c> tokens of this command line, for the configuration and the services.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>Whether progress may draw a bar: only on a real terminal, never into a pipe, a log or a test's writer.</summary>
    public bool Terminal { get; init; }

    /// <summary>The settings the server would read, with this command line's settings on top.</summary>
    public IConfiguration ReadConfiguration() => Configuration(Settings);

    /// <summary>The server's services (validated settings, no HTTP), for commands that touch the database.</summary>
    public IServiceProvider BuildServices() => Services(Settings, Error);
}
