using System.Diagnostics;
using System.Globalization;
using System.Text;
using NeedsMap.Classification;
using NeedsMap.Classification.Lexicon;
using NeedsMap.Classification.Model;
using NeedsMap.Classification.Segmentation;

// Trains on Data/training.csv, scores Data/evaluation.csv, times classification on one thread, and writes
// bench/results/classification.md. Run from the repository root:
//   dotnet run -c Release --project bench/NeedsMap.Bench.Classification [-- output.md]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var dataDir = Path.Combine(AppContext.BaseDirectory, "Data");
var training = LabelledTextCsv.Read(Path.Combine(dataDir, "training.csv"));
var development = LabelledTextCsv.Read(Path.Combine(dataDir, "development.csv"));
var evaluationPath = Path.Combine(dataDir, "evaluation.csv");
var evaluation = File.Exists(evaluationPath) ? LabelledTextCsv.Read(evaluationPath) : development;
var sweep = args.Contains("--sweep");
if (args.Contains("--sweep-model"))
{
    SweepModel(training, development);
    return;
}

args = args.Where(a => a != "--sweep").ToArray();
var output = args.Length > 0 ? args[0] : Path.Combine(FindRepositoryRoot(), "bench", "results", "classification.md");

var report = new StringBuilder();
report.AppendLine("# Classification benchmark").AppendLine();
report.AppendLine($"Produced by `dotnet run -c Release --project bench/NeedsMap.Bench.Classification` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
    $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}.").AppendLine();
report.AppendLine($"Load average when it started: {File.ReadAllText("/proc/loadavg").Trim()} (the 2 cores are shared with other work; speeds are lower bounds).").AppendLine();
report.AppendLine($"Training set: {training.Count} generated texts, {training.Select(t => t.CategoryCode).Distinct().Count()} categories. " +
    $"Evaluation set (blind, written after the model, lexicon and options were frozen): {evaluation.Count} hand-written texts ({evaluation.Count(t => t.SecondaryCodes is { Count: > 0 })} with a labelled second issue). " +
    $"Development set (hand-written, looked at during development): {development.Count} texts. See api/NeedsMap.Classification/Data/README.md.").AppendLine();

var segmenterLoad = Stopwatch.StartNew();
_ = ChineseSegmenter.Shared;
segmenterLoad.Stop();

var trainWatch = Stopwatch.StartNew();
using var model = NeedModel.Train(training, new TrainingOptions { HoldOutFraction = 0.1, RefitOnAllData = true });
trainWatch.Stop();
Console.WriteLine($"trained {model.Version} in {trainWatch.Elapsed.TotalSeconds:F1} s");

var lexiconOnly = new NeedClassifier(KeywordLexicon.Default);
var modelOnly = new NeedClassifier(new KeywordLexicon(new Dictionary<string, IReadOnlyList<LexiconTerm>>()), model);
var ensemble = new NeedClassifier(KeywordLexicon.Default, model);
if (sweep)
{
    Sweep(model, development);
    return;
}

ModelEvaluation? ensembleScores = null;
foreach (var (title, set) in new[] { ("evaluation set (blind)", evaluation), ("development set", development) })
{
    report.AppendLine($"## Accuracy on the {title}").AppendLine();
    report.AppendLine("| classifier | top-level accuracy | leaf accuracy | leaf macro F1 |").AppendLine("|---|---|---|---|");
    foreach (var (name, classifier) in new (string, NeedClassifier)[] { ("lexicon only (default lexicon, no model)", lexiconOnly), ("model only", modelOnly), ("model + lexicon (shipped configuration)", ensemble) })
    {
        var scores = Evaluate(classifier, set);
        ensembleScores ??= name.StartsWith("model +", StringComparison.Ordinal) ? scores : null;
        report.AppendLine($"| {name} | {scores.TopLevelAccuracy:P1} | {scores.Accuracy:P1} | {scores.MacroF1:F3} |");
        Console.WriteLine($"{title} {name}: top {scores.TopLevelAccuracy:P1} leaf {scores.Accuracy:P1} F1 {scores.MacroF1:F3}");
    }

    report.AppendLine();
}

report.AppendLine($"Hold-out (10% of the generated training texts, same generator, scored before the final refit on all of them): leaf accuracy {model.Evaluation!.Accuracy:P1}, " +
    $"top-level {model.Evaluation.TopLevelAccuracy:P1}. It is close to 100% because generated texts resemble each other; the evaluation set above is the figure that matters.").AppendLine();

report.AppendLine("### Per top-level category, evaluation set (model + lexicon)").AppendLine();
report.AppendLine("| top level | texts | recall | precision | F1 |").AppendLine("|---|---|---|---|---|");
foreach (var m in ensembleScores!.PerTopLevel.Values)
{
    report.AppendLine($"| {m.CategoryCode} | {m.Support} | {m.Recall:P0} | {m.Precision:P0} | {m.F1:F2} |");
}

report.AppendLine().AppendLine("### Confidence, evaluation set (model + lexicon)").AppendLine();
report.AppendLine("Accuracy among the texts whose confidence reaches a threshold, and the share of texts that do: what a dispatcher gets if texts below it go to a person.").AppendLine();
report.AppendLine("| confidence >= | texts kept | top-level accuracy of kept | leaf accuracy of kept |").AppendLine("|---|---|---|---|");
var predictions = evaluation.Select(t => (Text: t, Result: ensemble.Classify(t.Text))).ToList();
foreach (var threshold in new[] { 0.0, 0.2, 0.3, 0.4, 0.5, 0.6 })
{
    var kept = predictions.Where(p => p.Result.Confidence >= threshold).ToList();
    if (kept.Count == 0)
    {
        continue;
    }

    var top = kept.Count(p => p.Result.TopLevelCode == CategoryCodes.TopLevel(p.Text.CategoryCode)) / (double)kept.Count;
    var leaf = kept.Count(p => p.Result.CategoryCode == p.Text.CategoryCode) / (double)kept.Count;
    report.AppendLine($"| {threshold:F1} | {kept.Count / (double)predictions.Count:P0} | {top:P1} | {leaf:P1} |");
}

var (secondaryRecall, secondaryPrecision, secondaryPredicted) = SecondaryScores(ensemble, evaluation);
report.AppendLine().AppendLine("### Second issues").AppendLine();
report.AppendLine($"Of the labelled second issues, {secondaryRecall:P0} are returned among `Secondary`; of all secondary categories returned " +
    $"({secondaryPredicted} over the {evaluation.Count} texts), {secondaryPrecision:P0} are a labelled second issue (texts without a label can still raise one, so this precision is a lower bound).").AppendLine();

report.AppendLine("### Misclassified at top level, evaluation set (model + lexicon)").AppendLine();
foreach (var t in evaluation)
{
    var c = ensemble.Classify(t.Text);
    if (c.TopLevelCode != CategoryCodes.TopLevel(t.CategoryCode))
    {
        report.AppendLine($"- expected `{t.CategoryCode}`, got `{c.CategoryCode}` ({c.Confidence:F2}): {Truncate(t.Text, 60)}");
    }
}

report.AppendLine().AppendLine("## Speed, one thread").AppendLine();
report.AppendLine($"Training: {trainWatch.Elapsed.TotalSeconds:F1} s for {model.TrainingCount} texts (plus hold-out scoring). jieba dictionary load: {segmenterLoad.Elapsed.TotalSeconds:F1} s, once per process.").AppendLine();
var averageLength = evaluation.Average(t => t.Text.Length);
report.AppendLine($"Short texts are the evaluation set's {evaluation.Count} texts (average {averageLength:F0} characters); long texts join three of them (average {averageLength * 3:F0} characters), " +
    "closer to a real 12345 record. Each row cycles its texts for 5 s after a 2 s warm-up. The machine's 2 cores are shared, so wall-clock rates depend on " +
    "what else runs; **per CPU-second** divides by the CPU time this process actually got, which is the texts/second/core figure.").AppendLine();
report.AppendLine("| operation | texts | per CPU-second | per wall-second | CPU µs/text |").AppendLine("|---|---|---|---|---|");
var texts = evaluation.Select(t => t.Text).ToArray();
var longTexts = Enumerable.Range(0, texts.Length).Select(i => texts[i] + "。" + texts[(i + 101) % texts.Length] + "。" + texts[(i + 203) % texts.Length]).ToArray();
foreach (var (kind, set) in new[] { ("short", texts), ("long", longTexts) })
{
    Throughput("segmentation (normalize + jieba)", kind, set, t => ChineseSegmenter.Shared.Cut(TextNormalizer.Normalize(t)), report);
    Throughput("lexicon match", kind, set, t => KeywordLexicon.Default.Match(TextNormalizer.Normalize(t)), report);
    Throughput("Classify, lexicon only", kind, set, t => lexiconOnly.Classify(t), report);
    Throughput("Classify, model + lexicon", kind, set, t => ensemble.Classify(t), report);
}
var parallel = ParallelThroughput(texts, ensemble);
report.AppendLine().AppendLine($"Both cores, one shared classifier (pooled prediction engines), short texts: {parallel.Wall:N0} texts per wall-second, {parallel.Cpu:N0} per CPU-second.");

Directory.CreateDirectory(Path.GetDirectoryName(output)!);
File.WriteAllText(output, report.ToString());
Console.WriteLine(report);
Console.WriteLine($"written to {output}");

static void SweepModel(IReadOnlyList<LabelledText> training, IReadOnlyList<LabelledText> development)
{
    TrainingOptions[] candidates =
    [
        new() { HoldOutFraction = 0, WordNgramLength = 1, CharNgramLength = 3 },
        new() { HoldOutFraction = 0, WordNgramLength = 1, L2Regularization = 1e-4f },
        new() { HoldOutFraction = 0, WordNgramLength = 1, CharNgramLength = 3, L2Regularization = 1e-4f },
        new() { HoldOutFraction = 0, WordNgramLength = 1, CharNgramLength = 1 },
    ];
    foreach (var options in candidates)
    {
        var watch = Stopwatch.StartNew();
        using var model = NeedModel.Train(training, options);
        var both = Evaluate(new NeedClassifier(KeywordLexicon.Default, model), development);
        var alone = Evaluate(new NeedClassifier(new KeywordLexicon(new Dictionary<string, IReadOnlyList<LexiconTerm>>()), model), development);
        Console.WriteLine($"{options}: model+lexicon top {both.TopLevelAccuracy:P1} leaf {both.Accuracy:P1}; model only top {alone.TopLevelAccuracy:P1} leaf {alone.Accuracy:P1}; {watch.Elapsed.TotalSeconds:F0} s");
    }
}

static void Sweep(NeedModel model, IReadOnlyList<LabelledText> development)
{
    // Development set only: the blind evaluation set is never used to choose options.
    foreach (var weight in new[] { 0.0, 0.2, 0.3, 0.4, 0.5, 0.6 })
    {
        var c = new NeedClassifier(KeywordLexicon.Default, model, new ClassifierOptions { LexiconWeight = weight });
        var s = Evaluate(c, development);
        Console.WriteLine($"lexicon weight {weight}: top {s.TopLevelAccuracy:P1} leaf {s.Accuracy:P1}");
    }

    foreach (var separators in new[] { "。！？；!?;\n", "。！？；!?;\n，," })
    {
        foreach (var clause in new[] { 2.0, 3.0, 4.0, 5.0 })
        {
            foreach (var probability in new[] { 0.25, 0.35, 1.0 })
            {
                var c = new NeedClassifier(KeywordLexicon.Default, model, new ClassifierOptions { ClauseSeparators = separators, SecondaryMinimumClauseScore = clause, SecondaryMinimumProbability = probability });
                var (recall, precision, predicted) = SecondaryScores(c, development);
                Console.WriteLine($"secondary commas={separators.Contains('，')} clause>={clause} p>={probability}: recall {recall:P0} precision {precision:P0} returned {predicted}");
            }
        }
    }
}

static ModelEvaluation Evaluate(INeedClassifier classifier, IReadOnlyList<LabelledText> texts) =>
    ModelEvaluation.Compute(texts.Select(t => (t.CategoryCode, classifier.Classify(t.Text).CategoryCode)).ToList());

static (double Recall, double Precision, int Predicted) SecondaryScores(INeedClassifier classifier, IReadOnlyList<LabelledText> texts)
{
    int labelled = 0, found = 0, predicted = 0, correct = 0;
    foreach (var t in texts)
    {
        var result = classifier.Classify(t.Text);
        var expected = t.SecondaryCodes ?? [];
        var returned = result.Secondary.Select(s => s.CategoryCode).ToList();
        labelled += expected.Count;
        found += expected.Count(returned.Contains);
        predicted += returned.Count;
        correct += returned.Count(expected.Contains);
    }

    return (labelled == 0 ? 0 : found / (double)labelled, predicted == 0 ? 0 : correct / (double)predicted, predicted);
}

static void Throughput(string name, string kind, string[] texts, Func<string, object> action, StringBuilder report)
{
    var warm = Stopwatch.StartNew();
    var i = 0;
    while (warm.Elapsed < TimeSpan.FromSeconds(2))
    {
        action(texts[i++ % texts.Length]);
    }

    var count = 0;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    while (watch.Elapsed < TimeSpan.FromSeconds(5))
    {
        for (var k = 0; k < texts.Length; k++)
        {
            action(texts[k]);
        }

        count += texts.Length;
    }

    watch.Stop();
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    var perWall = count / watch.Elapsed.TotalSeconds;
    var perCpu = count / cpuSeconds;
    report.AppendLine($"| {name} | {kind} | {perCpu:N0} | {perWall:N0} | {1_000_000 / perCpu:F1} |");
    Console.WriteLine($"{name} ({kind}): {perCpu:N0} texts per CPU-second, {perWall:N0} per wall-second");
}

static (double Wall, double Cpu) ParallelThroughput(string[] texts, INeedClassifier classifier)
{
    var count = 0L;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    Parallel.For(0, Environment.ProcessorCount, _ =>
    {
        var local = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            foreach (var t in texts)
            {
                classifier.Classify(t);
            }

            local += texts.Length;
        }

        Interlocked.Add(ref count, local);
    });
    return (count / watch.Elapsed.TotalSeconds, count / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
}

static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";

static string FindRepositoryRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeedsMap.Graph.sln")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? Directory.GetCurrentDirectory();
}
