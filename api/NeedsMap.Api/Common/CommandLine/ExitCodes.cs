namespace NeedsMap.Api.Common.CommandLine;

/// <summary>What a command's exit status means, the same for every command (README, "The command line").</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and failed: a setting refused, the database unreachable, a domain error (its code printed).</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong (unknown command or option, a value missing or invalid): nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl-C or SIGTERM before the command finished; what it had committed stays (every command can be run again).</summary>
    public const int Interrupted = 130;
}
