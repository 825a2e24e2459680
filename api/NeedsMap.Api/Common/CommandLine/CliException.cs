namespace NeedsMap.Api.Common.CommandLine;

/// <summary>
/// A command that cannot go on for a reason the person at the terminal can act on: the CLI prints the message alone (no
/// stack trace) and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class CliException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>The command line asks for something impossible (a role that needs a jurisdiction given none): nothing was done.</summary>
    public static CliException Usage(string message) => new(message, ExitCodes.Usage);

    /// <summary>The command could not do its work (the server's settings refused).</summary>
    public static CliException Failure(string message) => new(message, ExitCodes.Failure);
}
