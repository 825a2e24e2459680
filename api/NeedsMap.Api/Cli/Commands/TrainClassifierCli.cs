using System.CommandLine;
using NeedsMap.Api.Classification.Training;
using NeedsMap.Api.Common.CommandLine;

namespace NeedsMap.Api.Cli.Commands;

/// <summary><c>train-classifier FILE</c>: a city's labelled history imported, trained on, reported (k-fold) and, on request, activated.</summary>
internal static class TrainClassifierCli
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "A CSV of labelled texts with a header: a text column and a label column (a category's code, name or path of names, at any level)." }
            .AcceptExistingOnly();
        var set = new Option<string>("--set") { Description = "The training set's name (default: the file's name); the same name again replaces it." };
        var create = new Option<bool>("--create-categories") { Description = "Labels that name no category become categories of the city's own." };
        var noShipped = new Option<bool>("--no-shipped") { Description = "Do not mix the shipped corpus in: train on the city's labels alone." };
        var noLabels = new Option<bool>("--no-labels") { Description = "Leave out the needs people labelled in the review queue." };
        var folds = new Option<int>("--folds") { Description = "k of the k-fold report (2-10), 0 for none.", DefaultValueFactory = _ => 5 };
        folds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is not (0 or (>= 2 and <= 10)))
            {
                r.AddError("--folds takes 0 or 2 to 10.");
            }
        });
        var activate = new Option<bool>("--activate") { Description = "Make the model the one new needs get (otherwise activateClassifierModel does, after reading the report)." };
        var command = new Command(TrainClassifierCommand.Name,
            "Imports a city's labelled history, trains a classifier on it through the product's training path, prints the k-fold report and optionally activates it.")
        {
            file, set, create, noShipped, noLabels, folds, activate,
        };
        command.SetAction(async (parse, ct) => await TrainClassifierCommand.RunAsync(context.BuildServices(),
            new TrainClassifierCommand.Options(parse.GetRequiredValue(file).FullName, parse.GetValue(set), parse.GetValue(create), !parse.GetValue(noShipped),
                !parse.GetValue(noLabels), parse.GetValue(folds), parse.GetValue(activate)), context, ct));
        return command;
    }
}
