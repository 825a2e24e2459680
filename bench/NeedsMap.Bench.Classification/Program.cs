using System.Diagnostics;
using System.Globalization;
using NeedsMap.Bench;
using NeedsMap.Bench.Classification;
using NeedsMap.Classification;
using NeedsMap.Classification.Lexicon;
using NeedsMap.Classification.Model;

// Run from the repository root:
//   dotnet run -c Release --project bench/NeedsMap.Bench.Classification             the report -> bench/results/classification.md
//   dotnet run -c Release --project bench/NeedsMap.Bench.Classification -- train    retrains the shipped model from the shipped corpus
//   dotnet run -c Release --project bench/NeedsMap.Bench.Classification -- tune     option sweep by leaving one hand-written voice out
//   dotnet run -c Release --project bench/NeedsMap.Bench.Classification -- topics   the demo city's learned topics -> bench/results/topics.md
//   dotnet run -c Release --project bench/NeedsMap.Bench.Classification -- tagging  jieba's tagger against pieces cut once -> bench/results/tagging.md
//   dotnet run -c Release --project bench/NeedsMap.Bench.Classification -- classify "text" …   the shipped classifier's answer
//   dotnet run -c Release --project bench/NeedsMap.Bench.Classification -- evaluate file.csv [--model zip] [--area-map a=b,…]
//   dotnet run -c Release --project bench/NeedsMap.Bench.Classification -- kfold file.csv [--folds 5] [--mix-shipped]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
switch (args)
{
    case ["train", ..]:
        TrainShipped(Path.Combine(BenchRepository.Root, "api", "NeedsMap.Classification", "Model", "Shipped", "needs-model.zip"));
        return;
    case ["topics", ..]:
        DemoTopics.Write(BenchRepository.Results("topics.md"));
        return;
    case ["tagging", ..]:
        Tagging.Write(BenchRepository.Results("tagging.md"));
        return;
    case ["profile", ..]:
        Profile.Run();
        return;
    case ["tune", .. var rest]:
        Experiments.Tune(rest);
        return;
    case ["classify", .. var texts]:
        var classifier = new NeedClassifier(KeywordLexicon.Default, NeedModel.Shipped);
        foreach (var text in texts)
        {
            var c = classifier.Classify(text);
            Console.WriteLine($"{c.CategoryCode} {c.Confidence:F2} [{string.Join(", ", c.Alternatives.Select(a => $"{a.CategoryCode} {a.Score:F2}"))}] {text}");
        }

        return;
    case ["evaluate", .. var rest]:
        External.Evaluate(rest);
        return;
    case ["kfold", .. var rest]:
        External.KFold(rest);
        return;
    default:
        Report.Write(args.FirstOrDefault(a => a.EndsWith(".md", StringComparison.Ordinal)) ?? BenchRepository.Results("classification.md"));
        return;
}

static void TrainShipped(string path)
{
    var watch = Stopwatch.StartNew();
    var corpus = TrainingCorpus.Shipped();
    var version = $"needs-shipped-{corpus.Count}-{DateTime.UtcNow:yyyyMMdd}";
    var result = Experiments.CrossVoice(Defaults.Shipped, null, TrainingCorpus.DefaultGeneratedPerCategory, calibrate: true, Console.WriteLine, version);
    result.Model.Save(path);
    var e = result.Model.Evaluation!;
    Console.WriteLine($"{result.Model.Version}: {result.Model.FeatureCount} features, {result.Model.Labels.Count} labels, temperature {result.Model.Temperature:F2}; " +
        $"leave-one-voice-out leaf {e.Accuracy:P1}, top level {e.TopLevelAccuracy:P1}; {watch.Elapsed.TotalSeconds:F0} s; written to {path}");
}

/// <summary>The options the shipped model is trained with (chosen by <c>tune</c>, see Data/README.md).</summary>
internal static class Defaults
{
    public static TrainingOptions Shipped { get; } = new() { HoldOutFraction = 0 };
}
