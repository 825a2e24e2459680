using System.CommandLine;
using NeedsMap.Api.Classification;

namespace NeedsMap.Api.Cli.Commands;

/// <summary><c>train-classifier</c>: trains and activates a classifier model, as trainClassifier does.</summary>
internal static class TrainClassifierCli
{
    public static Command Create(CliContext context)
    {
        var csv = new Option<FileInfo>("--csv") { Description = "A CSV of labelled texts (text,category) to train on as well." }.AcceptExistingOnly();
        var withoutLabelled = new Option<bool>("--without-labelled-needs") { Description = "Leave out the needs people labelled in the review queue." };
        var command = new Command(TrainClassifierCommand.Name,
            "Trains a classifier model from the shipped corpus, the labelled needs and an optional CSV; saves it with a new version and activates it for new needs.")
        {
            csv, withoutLabelled,
        };
        command.SetAction(async (parse, ct) => await TrainClassifierCommand.RunAsync(context.BuildServices(), parse.GetValue(csv)?.FullName,
            !parse.GetValue(withoutLabelled), context, ct));
        return command;
    }
}
