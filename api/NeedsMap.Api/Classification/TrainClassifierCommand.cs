using NeedsMap.Api.Cli;
using NeedsMap.Api.Data;
using NeedsMap.Classification.Model;

namespace NeedsMap.Api.Classification;

/// <summary>
/// <c>dotnet NeedsMap.Api.dll train-classifier [--csv FILE] [--without-labelled-needs]</c>: what the
/// <c>trainClassifier</c> mutation does, from a shell. The model is saved in the model folder and activated there, so
/// servers sharing the folder pick it up as they do after the mutation.
/// </summary>
internal static class TrainClassifierCommand
{
    public const string Name = "train-classifier";

    public static async Task<int> RunAsync(IServiceProvider services, string? csvFile, bool labelledNeeds, CliContext context, CancellationToken cancellationToken)
    {
        var csv = csvFile is null ? null : await File.ReadAllTextAsync(csvFile, cancellationToken);
        foreach (var initializer in services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(cancellationToken);
        }
        await using var scope = services.CreateAsyncScope();
        NeedModelInfo info;
        // Training reports nothing until it ends: the bar shows the step it is in, not a fraction of the work.
        using (var progress = CliProgress.Start(context, Name, 2, 1))
        {
            progress.Report(1, 2, "[1/2] training on the shipped corpus" + (labelledNeeds ? ", the labelled needs" : "") + (csv is null ? "" : " and " + Path.GetFileName(csvFile))
                + " (seconds to a minute)");
            info = await scope.ServiceProvider.GetRequiredService<ClassifierTraining>().TrainAsync(new TrainClassifierInput(labelledNeeds, csv), cancellationToken);
            progress.Report(2, 2, $"[2/2] saved and activated {info.Version}");
        }
        await context.Output.WriteLineAsync($"train-classifier: {info.Version} on {info.TrainingCount:N0} texts"
            + (info.Evaluation is { } e ? $", {e.TopLevelAccuracy:P1} top-level on the hold-out" : "") + "; active for new needs");
        return ExitCodes.Ok;
    }
}
