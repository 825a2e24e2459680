using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using NeedsMap.Api.Cli.Commands;
using NeedsMap.Api.Common.CommandLine;

namespace NeedsMap.Api.Cli;

/// <summary>
/// The one command line (System.CommandLine): every command with its <c>--help</c>, the same exit codes
/// (<see cref="ExitCodes"/>) and the same progress (<see cref="CliProgress"/>). No command serves.
/// </summary>
public static class NeedsMapCli
{
    public const string ProgramName = "NeedsMap.Api";

    private static readonly string[] HelpTokens = ["-h", "/h", "--help", "-?", "/?", "--version"];

    /// <summary>The process's entry: the server when no command is named, else the command.</summary>
    public static Task<int> RunAsync(string[] args) =>
        IsServer(args) ? ServerCommand.RunAsync(args, Console.Error) : InvokeAsync(args, CommandHost.ProcessContext());

    /// <summary>No command word first (only ASP.NET's arguments, or nothing) and no help asked for.</summary>
    public static bool IsServer(IReadOnlyList<string> args) =>
        args.Count == 0 || (args[0].StartsWith('-') || args[0].StartsWith('/') || args[0].Contains('=', StringComparison.Ordinal))
            && !args.Any(a => HelpTokens.Contains(a, StringComparer.Ordinal));

    /// <summary>Parses and runs one command; usage errors exit 2 with the parser's message, before anything runs.</summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken = default)
    {
        var (settings, rest) = SettingsArguments.ForCommand(args);
        context = context with { Settings = settings };
        var parse = Root(context).Parse(rest, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync(error.Message);
            }
            var command = parse.CommandResult.Command is RootCommand ? ProgramName : $"{ProgramName} {parse.CommandResult.Command.Name}";
            await context.Error.WriteLineAsync($"Run '{command} --help' for its usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = context.Output,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            }, cancellationToken);
        }
        catch (CliException ex)
        {
            await context.Error.WriteLineAsync(ex.Message);
            return ex.ExitCode;
        }
        catch (DomainException ex)
        {
            // The same refusal GraphQL would answer, with its code (README, error table).
            await context.Error.WriteLineAsync($"{parse.CommandResult.Command.Name}: {ex.Code}: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: the parser cancels the command's token (a caller's token in tests).
            await context.Error.WriteLineAsync($"{parse.CommandResult.Command.Name}: interrupted; what was committed stays, run it again to finish.");
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>The program's commands, in the order the help lists them.</summary>
    public static RootCommand Root(CliContext context)
    {
        var root = new RootCommand($"""
            NeedsMap.Graph (问需于民一张图): with no command, serves the GraphQL API and the map, taking ASP.NET's arguments
            (--urls URL, --contentRoot DIR, --environment NAME, --Section:Key=value), as scripts/run does.
            Commands read the same settings (appsettings, NEEDSMAP_SETTINGS, environment variables) and take
            --Section:Key=value (one token) anywhere on their line.
            Exit codes: {ExitCodes.Ok} done, {ExitCodes.Failure} failed (a setting, the database, a refusal with its code),
            {ExitCodes.Usage} usage error (nothing was done), {ExitCodes.Interrupted} interrupted.
            """)
        {
            TokenCli.Create(context),
            DemoSetupCli.Create(context),
            IngestCli.Create(context),
            ImportAreasCli.Create(context),
            ImportDivisionsCli.Create(context),
            RebuildCli.Cells(context),
            RebuildCli.KeyMatters(context),
            TrainClassifierCli.Create(context),
            ExportCli.Create(context),
            ResealCli.Create(context),
            PartitionsCli.Detach(context),
        };
        // Reached only when the parser runs without a command (the process serves then): say what to give.
        root.SetAction(parse =>
        {
            context.Error.WriteLine($"Name a command, or none to serve. Run '{ProgramName} --help' for the commands.");
            return ExitCodes.Usage;
        });
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            if (option.Action is HelpAction help)
            {
                help.MaxWidth = 120; // a fixed width, so the help reads the same in a terminal, a pipe and a test
            }
        }
        return root;
    }
}
