using System.CommandLine;
using NeedsMap.Api.Channels.Batch;
using NeedsMap.Api.Common.CommandLine;

namespace NeedsMap.Api.Cli.Commands;

/// <summary><c>ingest CHANNEL FILE [CONTENT-TYPE]</c>: a channel's native file through its plugin and the inbox's pipeline.</summary>
internal static class IngestCli
{
    public static Command Create(CliContext context)
    {
        var channel = new Argument<string>("channel") { Description = "The channel code (its plugin parses the file), e.g. 12345, open311." };
        var file = new Argument<FileInfo>("file") { Description = "The file in the channel's native format." }.AcceptExistingOnly();
        var contentType = new Argument<string?>("content-type")
        {
            Description = "The file's media type; guessed from the extension (.json, .xml, .csv) when left out.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command(IngestCommand.Name, "Ingests a channel's file in chunks, with a progress bar; rejected records go to quarantine.")
        {
            channel, file, contentType,
        };
        command.SetAction(async (parse, ct) => await IngestCommand.RunAsync(context.BuildServices(), parse.GetRequiredValue(channel),
            parse.GetRequiredValue(file).FullName, parse.GetValue(contentType), context, ct));
        return command;
    }
}
