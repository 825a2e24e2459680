using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NeedsMap.Bench;
using NeedsMap.Classification;
using NeedsMap.Classification.Lexicon;
using NeedsMap.Classification.Model;
using NeedsMap.Classification.Segmentation;

// Run from the repository root:
//   dotnet run -c Release --project bench/NeedsMap.Bench.Classification             accuracy and speed -> bench/results/classification.md
//   dotnet run -c Release --project bench/NeedsMap.Bench.Classification -- train    retrains the shipped model from the shipped corpus
//   dotnet run -c Release --project bench/NeedsMap.Bench.Classification -- classify "text" …   the shipped classifier's answer
//   dotnet run -c Release --project bench/NeedsMap.Bench.Classification -- --sweep-model | --sweep   option sweeps on the development set
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var dataDir = Path.Combine(AppContext.BaseDirectory, "Data");
var root = BenchRepository.Root;
var training = LabelledTextCsv.Read(Path.Combine(dataDir, "training.csv"));
var development = LabelledTextCsv.Read(Path.Combine(dataDir, "development.csv"));
var evaluation = LabelledTextCsv.Read(Path.Combine(dataDir, "evaluation-v2.csv"));
var oldEvaluation = LabelledTextCsv.Read(Path.Combine(dataDir, "evaluation.csv"));

if (args.Contains("train"))
{
    TrainShipped(Path.Combine(root, "api", "NeedsMap.Classification", "Model", "Shipped", "needs-model.zip"));
    return;
}

if (args is ["classify", .. var toClassify])
{
    var classifier = new NeedClassifier(KeywordLexicon.Default, NeedModel.Shipped);
    foreach (var text in toClassify)
    {
        var c = classifier.Classify(text);
        Console.WriteLine($"{c.CategoryCode} {c.Confidence:F2} [{string.Join(", ", c.Alternatives.Select(a => $"{a.CategoryCode} {a.Score:F2}"))}] {text}");
    }

    return;
}

if (args.Contains("--sweep-model"))
{
    SweepModel(training, development);
    return;
}

var model = NeedModel.Shipped ?? throw new InvalidOperationException("No shipped model in this build: run with -- train, then rebuild.");
if (args.Contains("--sweep"))
{
    Sweep(model, development);
    return;
}

var output = args.FirstOrDefault(a => a.EndsWith(".md", StringComparison.Ordinal)) ?? Path.Combine(root, "bench", "results", "classification.md");
var report = new StringBuilder();
report.AppendLine("# Classification benchmark").AppendLine();
report.AppendLine($"Produced by `dotnet run -c Release --project bench/NeedsMap.Bench.Classification` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
    $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}.").AppendLine();
report.AppendLine($"Load average when it started: {File.ReadAllText("/proc/loadavg").Trim()} (the 2 cores are shared with other work; wall-clock speeds are lower bounds, per-CPU-second speeds are the per-core figure).").AppendLine();
report.AppendLine($"Shipped model `{model.Version}`: {model.TrainingCount} training texts (`TrainingCorpus.Shipped()`: hand-written + development set + {TrainingCorpus.DefaultGeneratedPerCategory} generated per category), " +
    $"{model.FeatureCount} character n-gram features, {model.Labels.Count} categories; lexicon `{KeywordLexicon.Default.Version}`. See api/NeedsMap.Classification/Data/README.md for how every set was made.").AppendLine();

var empty = new KeywordLexicon(new Dictionary<string, IReadOnlyList<LexiconTerm>>());
var configurations = new (string Name, NeedClassifier Classifier)[]
{
    ("lexicon only", new NeedClassifier(KeywordLexicon.Default)),
    ("model only", new NeedClassifier(empty, model)),
    ("model + lexicon (shipped configuration)", new NeedClassifier(KeywordLexicon.Default, model)),
};
var shipped = configurations[^1].Classifier;
var sets = new (string Title, IReadOnlyList<LabelledText> Texts, string Note)[]
{
    ("evaluation-v2 (frozen before this round's tuning; the reported figure)", evaluation, "never trained on; looked at only after the model, lexicon and options were fixed"),
    ("evaluation (the first round's blind set)", oldEvaluation, "never trained on; its misclassified texts were listed in the previous report, which this round's author read"),
    ("development (trained on: optimistic, for reference)", development, "part of the shipped training corpus"),
};
report.AppendLine("## Accuracy").AppendLine();
report.AppendLine("| set | texts | classifier | top-level accuracy | leaf accuracy | leaf macro F1 |").AppendLine("|---|---|---|---|---|---|");
foreach (var (title, texts, _) in sets)
{
    foreach (var (name, classifier) in configurations)
    {
        var scores = Evaluate(classifier, texts);
        report.AppendLine($"| {title} | {texts.Count} | {name} | {scores.TopLevelAccuracy:P1} | {scores.Accuracy:P1} | {scores.MacroF1:F3} |");
        Console.WriteLine($"{title} {name}: top {scores.TopLevelAccuracy:P1} leaf {scores.Accuracy:P1}");
    }
}

report.AppendLine();
if (model.Evaluation is { } holdOut)
{
    report.AppendLine($"Hold-out while training (10% of the shipped corpus per category, scored before the final refit on all of it): top-level {holdOut.TopLevelAccuracy:P1}, leaf {holdOut.Accuracy:P1} over {holdOut.Count} texts.").AppendLine();
}

foreach (var (title, texts, _) in sets.Take(2))
{
    var predictions = texts.Select(t => (Text: t, Result: shipped.Classify(t.Text))).ToList();
    var scores = ModelEvaluation.Compute(predictions.Select(p => (p.Text.CategoryCode, p.Result.CategoryCode)).ToList());
    report.AppendLine($"## {title}: shipped configuration in detail").AppendLine();
    report.AppendLine("### Per top-level category").AppendLine();
    report.AppendLine("| top level | texts | recall (accuracy) | precision | F1 |").AppendLine("|---|---|---|---|---|");
    foreach (var m in scores.PerTopLevel.Values)
    {
        report.AppendLine($"| {m.CategoryCode} | {m.Support} | {m.Recall:P0} | {m.Precision:P0} | {m.F1:F2} |");
    }

    report.AppendLine().AppendLine("### Per leaf category").AppendLine();
    report.AppendLine("| category | texts | leaf recall | top-level right | precision |").AppendLine("|---|---|---|---|---|");
    foreach (var m in scores.PerCategory.Values)
    {
        var topRight = predictions.Count(p => p.Text.CategoryCode == m.CategoryCode && p.Result.TopLevelCode == CategoryCodes.TopLevel(m.CategoryCode)) / (double)m.Support;
        report.AppendLine($"| {m.CategoryCode} | {m.Support} | {m.Recall:P0} | {topRight:P0} | {m.Precision:P0} |");
    }

    report.AppendLine().AppendLine("### Confusion of the worst top-level categories").AppendLine();
    foreach (var worst in scores.PerTopLevel.Values.OrderBy(m => m.Recall).Take(4))
    {
        var wrong = predictions.Where(p => CategoryCodes.TopLevel(p.Text.CategoryCode) == worst.CategoryCode && p.Result.TopLevelCode != worst.CategoryCode)
            .GroupBy(p => p.Result.TopLevelCode).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}");
        report.AppendLine($"- **{worst.CategoryCode}** ({worst.Recall:P0} of {worst.Support}): taken for {string.Join(", ", wrong)}");
    }

    report.AppendLine().AppendLine("### Confidence").AppendLine();
    report.AppendLine("Accuracy among the texts whose confidence reaches a threshold, and the share that does: texts below it go to the review queue (`NeedsMap:Classifier:ReviewThreshold`).").AppendLine();
    report.AppendLine("| confidence >= | texts kept | top-level accuracy of kept | leaf accuracy of kept |").AppendLine("|---|---|---|---|");
    foreach (var threshold in new[] { 0.0, 0.3, 0.4, 0.5, 0.6, 0.7 })
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

    var (secondaryRecall, secondaryPrecision, secondaryPredicted) = SecondaryScores(shipped, texts);
    report.AppendLine().AppendLine($"Second issues: {secondaryRecall:P0} of the labelled ones are among `Secondary`; {secondaryPrecision:P0} of the {secondaryPredicted} returned are labelled ones (a lower bound: unlabelled texts can raise one).").AppendLine();
    report.AppendLine("### Misclassified at top level").AppendLine();
    foreach (var (t, c) in predictions.Where(p => p.Result.TopLevelCode != CategoryCodes.TopLevel(p.Text.CategoryCode)))
    {
        report.AppendLine($"- expected `{t.CategoryCode}`, got `{c.CategoryCode}` ({c.Confidence:F2}): {Truncate(t.Text, 60)}");
    }

    report.AppendLine();
}

report.AppendLine("## Speed, one thread").AppendLine();
var trainWatch = Stopwatch.StartNew();
var trainCpu = Process.GetCurrentProcess().TotalProcessorTime;
var retrained = NeedModel.Train(TrainingCorpus.Shipped(), new TrainingOptions { HoldOutFraction = 0 });
report.AppendLine($"Training on the shipped corpus ({retrained.TrainingCount} texts, no hold-out): {trainWatch.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - trainCpu).TotalSeconds:F1} s CPU.").AppendLine();
var shortTexts = evaluation.Select(t => t.Text).ToArray();
var longTexts = Enumerable.Range(0, shortTexts.Length).Select(i => shortTexts[i] + "。" + shortTexts[(i + 101) % shortTexts.Length] + "。" + shortTexts[(i + 203) % shortTexts.Length]).ToArray();
var mix = shortTexts.Concat(longTexts).ToArray();
report.AppendLine($"Texts: evaluation-v2's {shortTexts.Length} (average {shortTexts.Average(t => t.Length):F0} characters, its own long ones up to {shortTexts.Max(t => t.Length)}); long: three of them joined (average {longTexts.Average(t => t.Length):F0}); " +
    $"mix: both (average {mix.Average(t => t.Length):F0}). Each row cycles its texts for 5 s after a 2 s warm-up. **Per CPU-second** divides by the CPU time this process got: the texts/second/core figure.").AppendLine();
report.AppendLine("| operation | texts | per CPU-second | per wall-second | CPU µs/text |").AppendLine("|---|---|---|---|---|");
foreach (var (kind, set) in new[] { ("evaluation-v2", shortTexts), ("long", longTexts), ("mix", mix) })
{
    Throughput("lexicon match", kind, set, t => KeywordLexicon.Default.Match(TextNormalizer.Normalize(t)), report);
    Throughput("model only (n-grams + scoring)", kind, set, t => model.Predict(t), report);
    Throughput("Classify, model + lexicon (shipped)", kind, set, t => shipped.Classify(t), report);
}

var parallel = ParallelThroughput(mix, shipped);
report.AppendLine().AppendLine($"Both cores, one shared classifier, mix: {parallel.Wall:N0} texts per wall-second, {parallel.Cpu:N0} per CPU-second.");

Directory.CreateDirectory(Path.GetDirectoryName(output)!);
File.WriteAllText(output, report.ToString());
Console.WriteLine(report);
Console.WriteLine($"written to {output}");

static void TrainShipped(string path)
{
    var corpus = TrainingCorpus.Shipped();
    var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', corpus.Select(t => t.CategoryCode + "\t" + t.Text)))))[..8];
    var watch = Stopwatch.StartNew();
    var model = NeedModel.Train(corpus, new TrainingOptions { HoldOutFraction = 0.1, RefitOnAllData = true, Version = $"needs-shipped-{corpus.Count}-{hash}" });
    model.Save(path);
    Console.WriteLine($"{model.Version}: {model.FeatureCount} features, hold-out top-level {model.Evaluation!.TopLevelAccuracy:P1}, leaf {model.Evaluation.Accuracy:P1}; {watch.Elapsed.TotalSeconds:F0} s; written to {path}");
}

static void SweepModel(IReadOnlyList<LabelledText> training, IReadOnlyList<LabelledText> development)
{
    // Development set only: the evaluation sets are never used to choose options.
    var hand = LabelledTextCsv.Read(Path.Combine(AppContext.BaseDirectory, "Data", "training-handwritten.csv"));
    var candidates = new (string Name, IReadOnlyList<LabelledText> Texts, TrainingOptions Options)[]
    {
        ("hand + dev-free corpus, n2", [.. training.GroupBy(t => t.CategoryCode).SelectMany(g => g.Take(100)), .. hand], new() { HoldOutFraction = 0 }),
        ("hand + all generated, n2", [.. training, .. hand], new() { HoldOutFraction = 0 }),
        ("hand + generated 100, n3", [.. training.GroupBy(t => t.CategoryCode).SelectMany(g => g.Take(100)), .. hand], new() { HoldOutFraction = 0, NgramLength = 3 }),
    };
    foreach (var (name, texts, options) in candidates)
    {
        var watch = Stopwatch.StartNew();
        var model = NeedModel.Train(texts, options);
        var both = Evaluate(new NeedClassifier(KeywordLexicon.Default, model), development);
        var alone = Evaluate(new NeedClassifier(new KeywordLexicon(new Dictionary<string, IReadOnlyList<LexiconTerm>>()), model), development);
        var direct = development.Count(t => model.Labels[Array.IndexOf(model.Predict(t.Text), model.Predict(t.Text).Max())] == t.CategoryCode) / (double)development.Count;
        Console.WriteLine($"direct leaf {direct:P1} " + string.Join(" ", development.Take(6).Select(t => model.Predict(t.Text).Max().ToString("F3"))));
        foreach (var weight in new[] { 0.15, 0.3, 0.45 })
        {
            var weighted = Evaluate(new NeedClassifier(KeywordLexicon.Default, model, new ClassifierOptions { LexiconWeight = weight }), development);
            Console.WriteLine($"  lexicon weight {weight}: top {weighted.TopLevelAccuracy:P1} leaf {weighted.Accuracy:P1}");
        }

        Console.WriteLine($"{name}: model+lexicon top {both.TopLevelAccuracy:P1} leaf {both.Accuracy:P1}; model only top {alone.TopLevelAccuracy:P1} leaf {alone.Accuracy:P1}; {model.FeatureCount} features; {watch.Elapsed.TotalSeconds:F0} s");
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

