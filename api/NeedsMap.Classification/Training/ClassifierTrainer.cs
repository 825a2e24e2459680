using System.Globalization;
using NeedsMap.Classification.Lexicon;
using NeedsMap.Classification.Model;

namespace NeedsMap.Classification.Training;

/// <summary>What to train on and how.</summary>
public sealed record ClassifierTrainingRequest
{
    /// <summary>The labelled texts to learn and to evaluate on (a city's history, or the shipped corpus for the shipped model).</summary>
    public required IReadOnlyList<LabelledText> Texts { get; init; }

    /// <summary>Texts in every fold's training but never evaluated: the shipped corpus when a city mixes it in.</summary>
    public IReadOnlyList<LabelledText> AlwaysTrain { get; init; } = [];

    /// <summary>k of k-fold cross-validation; below 2 trains once and evaluates nothing.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>An explicit fold (0..k-1) per text of <see cref="Texts"/>, to compare with another learner on the same folds.</summary>
    public IReadOnlyList<int>? FoldOf { get; init; }

    public TrainingOptions Options { get; init; } = new();

    /// <summary>The lexicon the classifier will run with: evaluation and calibration score the blend the product serves.</summary>
    public KeywordLexicon? Lexicon { get; init; }

    public ClassifierOptions? ClassifierOptions { get; init; }

    /// <summary>Fit the temperature on the out-of-fold scores (needs folds).</summary>
    public bool Calibrate { get; init; } = true;

    public string? Version { get; init; }

    /// <summary>How the report says texts were held out; "k-fold cross-validation" unless given.</summary>
    public string? Method { get; init; }

    /// <summary>Told when each step starts ("fold 2 of 5", "final fit").</summary>
    public Action<string>? Progress { get; init; }
}

/// <param name="Model">Fitted on all texts, calibrated, with the cross-validation report as its <see cref="NeedModel.Evaluation"/>.</param>
/// <param name="OutOfFold">Each evaluated text's calibrated prediction from the model of the fold that left it out.</param>
/// <param name="LabelMoves">Labels that trained as a coarser label of the same set (see <see cref="LabelLevels"/>).</param>
/// <param name="LabelCounts">Texts per label as trained (own and mixed-in together).</param>
public sealed record ClassifierTrainingResult(
    NeedModel Model,
    IReadOnlyList<ScoredPrediction> OutOfFold,
    IReadOnlyList<(string From, string To, int Count)> LabelMoves,
    IReadOnlyDictionary<string, int> LabelCounts);

/// <summary>What cross-validation found, before the final fit.</summary>
/// <param name="Texts">Everything to train on, labels made level-consistent (own texts first).</param>
/// <param name="Moves">Labels that train as a coarser label of the same set.</param>
/// <param name="OutOfFold">Each evaluated text's calibrated prediction from the model of the fold that left it out.</param>
/// <param name="Temperature">The calibration temperature fitted on them (1 without folds or calibration).</param>
/// <param name="Folds">How many folds there were (below 2: none).</param>
/// <param name="Version">The version the final model gets.</param>
public sealed record CrossValidation(
    IReadOnlyList<LabelledText> Texts,
    IReadOnlyList<(string From, string To, int Count)> Moves,
    IReadOnlyList<ScoredPrediction> OutOfFold,
    double Temperature,
    int Folds,
    string Version);

/// <summary>
/// The product's one training path, used by the API, the command line and the bench: labels made level-consistent,
/// k-fold cross-validation of the classifier the product serves (model + lexicon), temperature calibration on the
/// out-of-fold scores, a report (accuracy, macro-F1, per-label precision and recall, confusion, errors, reliability),
/// and a final fit on everything.
/// </summary>
public static class ClassifierTrainer
{
    public static ClassifierTrainingResult Train(ClassifierTrainingRequest request)
    {
        var validation = CrossValidate(request);
        request.Progress?.Invoke("final fit");
        var model = NeedModelTrainer.Fit(validation.Texts, request.Options, validation.Version);
        model.Temperature = validation.Temperature;
        if (validation.OutOfFold.Count > 0)
        {
            model.Evaluation = ModelEvaluation.Compute(validation.OutOfFold, request.Method ?? $"{validation.Folds}-fold cross-validation");
        }

        var counts = validation.Texts.GroupBy(t => t.CategoryCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new ClassifierTrainingResult(model, validation.OutOfFold, validation.Moves, counts);
    }

    /// <summary>The cross-validation alone: out-of-fold predictions (calibrated when asked) and the temperature, no final model.</summary>
    public static CrossValidation CrossValidate(ClassifierTrainingRequest request)
    {
        var (all, moves) = LabelLevels.Apply([.. request.Texts, .. request.AlwaysTrain]);
        var own = all.Take(request.Texts.Count).ToList();
        var always = all.Skip(request.Texts.Count).ToList();
        if (all.Select(t => t.CategoryCode).Distinct().Count() < 2)
        {
            throw new ArgumentException("Training needs texts of at least two categories.", nameof(request));
        }

        var lexicon = request.Lexicon ?? new KeywordLexicon(new Dictionary<string, IReadOnlyList<LexiconTerm>>());
        var version = request.Version ?? $"needs-{DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}-{all.Count}";
        var scored = new List<(LabelledText Text, IReadOnlyDictionary<string, double> Scores)>();
        var k = request.FoldOf is { } given ? given.Max() + 1 : request.Folds;
        if (k >= 2)
        {
            var foldOf = request.FoldOf ?? Folds.Stratified(own.Select(t => t.CategoryCode).ToList(), k, request.Options.Seed);
            for (var fold = 0; fold < k; fold++)
            {
                request.Progress?.Invoke($"fold {fold + 1} of {k}");
                var train = own.Where((_, i) => foldOf[i] != fold).Concat(always).ToList();
                var held = own.Where((_, i) => foldOf[i] == fold).ToList();
                if (held.Count == 0 || train.Select(t => t.CategoryCode).Distinct().Count() < 2)
                {
                    continue;
                }

                var classifier = new NeedClassifier(lexicon, NeedModelTrainer.Fit(train, request.Options, $"{version}-fold{fold}"), request.ClassifierOptions);
                scored.AddRange(held.Select(t => (t, (IReadOnlyDictionary<string, double>)classifier.ScoreAll(t.Text))));
            }
        }

        var temperature = request.Calibrate && scored.Count > 0
            ? Calibration.FitTemperature(scored.Select(s => (s.Text.CategoryCode, s.Scores)).ToList())
            : 1;
        var outOfFold = scored.Select(s => Predict(s.Text, s.Scores, temperature)).ToList();
        return new CrossValidation(all, moves, outOfFold, temperature, k, version);
    }

    private static ScoredPrediction Predict(LabelledText text, IReadOnlyDictionary<string, double> scores, double temperature)
    {
        if (scores.Count == 0)
        {
            return new ScoredPrediction(text.Text, text.CategoryCode, NeedsMap.Sdk.Categories.StandardTaxonomy.Other, 0);
        }

        var calibrated = temperature == 1 ? scores : NeedClassifier.Calibrate(scores.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), temperature);
        var best = calibrated.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First();
        return new ScoredPrediction(text.Text, text.CategoryCode, best.Key, best.Value);
    }
}
