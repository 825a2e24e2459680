using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Data;
using NeedsMap.Classification.Model;

namespace NeedsMap.Api.Classification.Training;

/// <summary>
/// <c>NeedsMap.Api train-classifier &lt;file.csv&gt; [--set NAME] [--create-categories] [--no-shipped] [--no-labels]
/// [--folds 5] [--activate]</c>: imports a city's labelled history as a training set (streamed, any size), trains on it
/// through the same path as <c>trainClassifier</c>, prints the k-fold report and, with <c>--activate</c>, makes the model
/// the one new needs get. Without <c>--activate</c> the model waits for <c>activateClassifierModel</c>. The options are
/// parsed by <c>Cli/Commands/TrainClassifierCli</c>; a refusal (a label naming nothing, a bad file) is a DomainException
/// the command line prints with its code (exit 1).
/// </summary>
internal static class TrainClassifierCommand
{
    public const string Name = "train-classifier";

    public sealed record Options(string File, string? Set, bool CreateCategories, bool MixShipped, bool LabelledNeeds, int Folds, bool Activate);

    public static async Task<int> RunAsync(IServiceProvider services, Options options, CliContext context, CancellationToken cancellationToken)
    {
        var output = context.Output;
        var set = options.Set ?? Path.GetFileNameWithoutExtension(options.File).Replace(' ', '-');
        foreach (var initializer in services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(cancellationToken);
        }

        await using var scope = services.CreateAsyncScope();
        await using (var stream = File.OpenRead(options.File))
        {
            var report = await scope.ServiceProvider.GetRequiredService<TrainingSetImporter>()
                .ImportAsync(set, stream, options.CreateCategories, "cli:train-classifier", cancellationToken);
            await output.WriteLineAsync($"training set {report.Name}: {report.Rows:N0} texts, {report.Labels.Count} labels, {report.Skipped} skipped, {report.CreatedCategories.Count} categories created");
            foreach (var problem in report.Problems)
            {
                await output.WriteLineAsync("  skipped " + problem);
            }
        }

        var input = new TrainClassifierInput(FromLabelledNeeds: options.LabelledNeeds, TrainingSets: [set],
            MixShippedCorpus: options.MixShipped, Folds: options.Folds, Activate: options.Activate);
        var info = await scope.ServiceProvider.GetRequiredService<ClassifierTraining>()
            .TrainAsync(input, cancellationToken, step => output.WriteLine("  " + step));
        await PrintAsync(info, input.Activate, output);
        return ExitCodes.Ok;
    }

    private static async Task PrintAsync(NeedModelInfo info, bool activated, TextWriter output)
    {
        await output.WriteLineAsync($"model {info.Version}: {info.TrainingCount:N0} texts, {info.Labels.Count} labels, calibration temperature {info.Temperature:F2}" +
            (activated ? ", active" : "; activate it with activateClassifierModel"));
        if (info.Evaluation is not { } e)
        {
            return;
        }

        await output.WriteLineAsync($"{e.Method}: accuracy {e.Accuracy:P1}, macro-F1 {e.MacroF1:F3}, top level {e.TopLevelAccuracy:P1} over {e.Count:N0} texts; " +
            $"confidence >= 0.5 on {e.ConfidentShare:P0}, right on {e.ConfidentAccuracy:P1} of those");
        await output.WriteLineAsync("label\ttexts\trecall\tprecision\tF1");
        foreach (var m in e.PerCategory.Values)
        {
            await output.WriteLineAsync($"{m.CategoryCode}\t{m.Support}\t{m.Recall:P0}\t{m.Precision:P0}\t{m.F1:F2}");
        }

        await output.WriteLineAsync("most frequent confusions (actual -> predicted):");
        foreach (var cell in e.Confusion.Where(c => c.Actual != c.Predicted).OrderByDescending(c => c.Count).Take(15))
        {
            await output.WriteLineAsync($"  {cell.Actual} -> {cell.Predicted}: {cell.Count}");
        }

        await output.WriteLineAsync("reliability (confidence band: texts, right):");
        foreach (var bin in e.Reliability)
        {
            await output.WriteLineAsync($"  {bin.From:F1}-{bin.To:F1}: {bin.Count}, {bin.Accuracy:P0}");
        }

        await output.WriteLineAsync("most confident errors:");
        foreach (var err in e.Errors.Take(10))
        {
            await output.WriteLineAsync($"  {err.Actual} taken for {err.Predicted} ({err.Confidence:F2}): {err.Text}");
        }
    }
}
