using System.Diagnostics;
using NeedsMap.Classification;
using NeedsMap.Classification.Lexicon;
using NeedsMap.Classification.Model;
using NeedsMap.Classification.Training;

namespace NeedsMap.Bench.Classification;

/// <summary>
/// Choosing options without the evaluation sets: every configuration is scored by leaving one hand-written voice out at a
/// time (train on the other voices and the generated texts, test on the voice left out). evaluation-v3 is never read here.
/// </summary>
internal static class Experiments
{
    /// <summary>
    /// Two folds of voices (A: round-two hand-written, letters, colloquial; B: development, hotline), the generated texts in
    /// both trainings; per feature configuration two fits, then every lexicon weight scored on the same fold models.
    /// The machine this runs on is shared, so the sweep is small on purpose.
    /// </summary>
    public static void Tune(string[] args)
    {
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        string[][] groups = [["handwritten", "letters", "colloquial"], ["development", "hotline"]];
        var folds = groups.Select(g => g.SelectMany(TrainingCorpus.Voice).ToList()).ToList();
        var generated = TrainingCorpus.Voice("generated").GroupBy(t => t.CategoryCode).SelectMany(g => g.Take(TrainingCorpus.DefaultGeneratedPerCategory)).ToList();
        var candidates = new (string Name, TrainingOptions Options)[]
        {
            ("chars 1-2 (round two)", new() { WordLength = 0, UseIdf = false, MaximumIterations = 40 }),
            ("chars 1-2 + idf", new() { WordLength = 0 }),
            ("chars 1-2 + words 3-6 + idf", new()),
            ("chars 1-2 + words 3-6 + idf, L2 0.03", new() { L2Regularization = 0.03f }),
            ("chars 1-2 + words 3-6 + idf, L2 0.01", new() { L2Regularization = 0.01f }),
            ("chars 1-3 + words 3-6 + idf, L2 0.03", new() { NgramLength = 3, L2Regularization = 0.03f }),
        };
        foreach (var (name, options) in candidates.Where(c => only is null || c.Name.Contains(only, StringComparison.Ordinal)))
        {
            var watch = Stopwatch.StartNew();
            var models = folds.Select((_, f) => NeedModel.Train([.. folds.Where((_, g) => g != f).SelectMany(t => t), .. generated], options with { HoldOutFraction = 0 })).ToList();
            foreach (var weight in new[] { 0.0, 0.15, 0.3, 0.45 })
            {
                var scored = new List<(LabelledText Text, IReadOnlyDictionary<string, double> Scores)>();
                for (var f = 0; f < folds.Count; f++)
                {
                    var classifier = new NeedClassifier(KeywordLexicon.Default, models[f], new ClassifierOptions { LexiconWeight = weight });
                    scored.AddRange(folds[f].Select(t => (t, (IReadOnlyDictionary<string, double>)classifier.ScoreAll(t.Text))));
                }

                var temperature = Calibration.FitTemperature(scored.Select(s => (s.Text.CategoryCode, s.Scores)).ToList());
                var predictions = scored.Select(s => Best(s.Text, s.Scores, temperature)).ToList();
                var e = ModelEvaluation.Compute(predictions, "two voice groups");
                var perFold = folds.Select((fold, f) => predictions.Skip(folds.Take(f).Sum(x => x.Count)).Take(fold.Count).Count(p => p.Actual == p.Predicted) / (double)fold.Count);
                Console.WriteLine($"{name}, lexicon {weight}: leaf {e.Accuracy:P1} top {e.TopLevelAccuracy:P1} (A {perFold.First():P1}, B {perFold.Last():P1}) macro-F1 {e.MacroF1:F3}; " +
                    $"T {temperature:F2}, >=0.5: {e.ConfidentShare:P0} at {e.ConfidentAccuracy:P1}; {models[0].FeatureCount} features; {watch.Elapsed.TotalSeconds:F0} s");
            }
        }
    }

    private static ScoredPrediction Best(LabelledText text, IReadOnlyDictionary<string, double> scores, double temperature)
    {
        var calibrated = scores.ToDictionary(kv => kv.Key, kv => Math.Pow(Math.Max(kv.Value, 1e-12), 1 / temperature));
        var sum = calibrated.Values.Sum();
        var best = calibrated.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).FirstOrDefault();
        return new ScoredPrediction(text.Text, text.CategoryCode, best.Key ?? "other.general", sum == 0 ? 0 : best.Value / sum);
    }

    private static readonly Lazy<Dictionary<string, string>> VoiceByText = new(() =>
        TrainingCorpus.Voices.Where(v => v != "generated").SelectMany(v => TrainingCorpus.Voice(v).Select(t => (t.Text, v)))
            .GroupBy(p => p.Text).ToDictionary(g => g.Key, g => g.First().v));

    public static string VoiceOf(string text) => VoiceByText.Value.GetValueOrDefault(text, "?");

    /// <summary>
    /// The shipped corpus trained by the product's path with its hand-written voices as the folds: each voice is predicted by
    /// a model that never saw that voice, the temperature fitted on those predictions, then one model fitted on everything.
    /// </summary>
    public static ClassifierTrainingResult CrossVoice(TrainingOptions options, ClassifierOptions? classifierOptions, int generatedPerCategory, bool calibrate, Action<string>? progress, string? version = null)
    {
        var voices = TrainingCorpus.Voices.Where(v => v != "generated").ToList();
        var texts = new List<LabelledText>();
        var folds = new List<int>();
        for (var v = 0; v < voices.Count; v++)
        {
            var voice = TrainingCorpus.Voice(voices[v]);
            texts.AddRange(voice);
            folds.AddRange(Enumerable.Repeat(v, voice.Count));
        }

        var generated = TrainingCorpus.Voice("generated").GroupBy(t => t.CategoryCode).SelectMany(g => g.Take(generatedPerCategory)).ToList();
        return ClassifierTrainer.Train(new ClassifierTrainingRequest
        {
            Texts = texts,
            AlwaysTrain = generated,
            FoldOf = folds,
            Options = options,
            Lexicon = KeywordLexicon.Default,
            ClassifierOptions = classifierOptions,
            Calibrate = calibrate,
            Version = version,
            Method = $"leave-one-voice-out over {voices.Count} hand-written voices ({string.Join(", ", voices)}); generated texts in every fold's training",
            Progress = progress,
        });
    }
}

/// <summary>Where a fit's time goes, on the shipped corpus: <c>-- profile</c>.</summary>
internal static class Profile
{
    public static void Run()
    {
        var corpus = TrainingCorpus.Shipped();
        var cpu = System.Diagnostics.Process.GetCurrentProcess();
        void Step(string name, Action action)
        {
            var before = cpu.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            action();
            cpu.Refresh();
            Console.WriteLine($"{name}: {watch.Elapsed.TotalSeconds:F1} s wall, {(cpu.TotalProcessorTime - before).TotalSeconds:F1} s CPU");
        }

        Step("jieba + dictionary words", () => NeedModel.Train(corpus.Take(200).Concat(corpus.TakeLast(200)).ToList(), new TrainingOptions { HoldOutFraction = 0, MaximumIterations = 1 }));
        foreach (var iterations in new[] { 10, 60 })
        {
            Step($"fit {corpus.Count} texts, chars + words, {iterations} iterations", () => NeedModel.Train(corpus, new TrainingOptions { HoldOutFraction = 0, MaximumIterations = iterations }));
        }

        Step($"fit {corpus.Count} texts, chars only, 10 iterations", () => NeedModel.Train(corpus, new TrainingOptions { HoldOutFraction = 0, WordLength = 0, MaximumIterations = 10 }));
        Step($"svm {corpus.Count} texts", () => NeedsMap.Classification.Baseline.TfidfLinearSvm.Train(corpus));
    }
}
