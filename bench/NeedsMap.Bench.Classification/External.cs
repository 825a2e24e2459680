using System.Globalization;
using System.Text;
using NeedsMap.Classification;
using NeedsMap.Classification.Baseline;
using NeedsMap.Classification.Lexicon;
using NeedsMap.Classification.Model;
using NeedsMap.Classification.Training;
using NeedsMap.Sdk.Categories;

namespace NeedsMap.Bench.Classification;

/// <summary>
/// Commands for data that is not in the repository, such as a city's labelled work orders or an independent evaluation
/// set: nothing here is tuned, and nothing here is written anywhere but the console.
/// </summary>
internal static class External
{
    /// <summary>
    /// <c>evaluate file.csv [--model zip] [--lexicon json] [--area-map 住房保障与房地产=城乡建设,…]</c>: the shipped classifier (or a saved
    /// model with the default lexicon) on a CSV of text,category. Labels may be standard codes (scored at leaf, top level and
    /// area) or hotline area names such as 城乡建设 (scored by the area of the predicted leaf, through the map if given).
    /// </summary>
    public static void Evaluate(string[] args)
    {
        var texts = LabelledTextCsv.Read(args[0]);
        var modelPath = Option(args, "--model");
        var model = modelPath is null ? NeedModel.Shipped : NeedModel.Load(modelPath);
        var lexiconPath = Option(args, "--lexicon");
        var classifier = new NeedClassifier(lexiconPath is null ? KeywordLexicon.Default : KeywordLexicon.Load(lexiconPath), model);
        var areaMap = (Option(args, "--area-map") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        string AreaName(string code) => HotlineAreas.AreaOf(code) is { } area ? areaMap.GetValueOrDefault(area.Name, area.Name) : code;

        var byArea = texts.All(t => StandardTaxonomy.Find(t.CategoryCode) is null);
        var results = texts.Select(t => (Text: t, Result: classifier.Classify(t.Text))).ToList();
        Console.WriteLine($"{texts.Count} texts, model {model?.Version ?? "none"}, labels as {(byArea ? "hotline areas" : "standard codes")}");
        if (byArea)
        {
            var scored = results.Select(r => new ScoredPrediction(r.Text.Text, r.Text.CategoryCode, AreaName(r.Result.CategoryCode), r.Result.Confidence)).ToList();
            Print(ModelEvaluation.Compute(scored, "external set"));
        }
        else
        {
            var scored = results.Select(r => new ScoredPrediction(r.Text.Text, r.Text.CategoryCode, r.Result.CategoryCode, r.Result.Confidence)).ToList();
            var evaluation = ModelEvaluation.Compute(scored, "external set");
            Print(evaluation);
            Console.WriteLine($"top level {evaluation.TopLevelAccuracy:P1}; area {results.Count(r => AreaName(r.Text.CategoryCode) == AreaName(r.Result.CategoryCode)) / (double)results.Count:P1}");
        }

        Console.WriteLine($"other.general: {results.Count(r => r.Result.CategoryCode == StandardTaxonomy.Other) / (double)results.Count:P1}");
    }

    /// <summary>
    /// <c>kfold file.csv [--folds 5] [--mix-shipped]</c>: the product's training path (ClassifierTrainer: model + default
    /// lexicon, calibrated) and a TF-IDF + linear SVM on the same stratified folds of a city's CSV, then a learning curve
    /// (25/50/100/400 per label from each fold's training part, tested on the fold; see <see cref="LearningCurve"/>).
    /// </summary>
    public static void KFold(string[] args)
    {
        var texts = LabelledTextCsv.Read(args[0]);
        var k = int.Parse(Option(args, "--folds") ?? "5", CultureInfo.InvariantCulture);
        var mix = args.Contains("--mix-shipped");
        Console.WriteLine(Compare(texts, k, mix, Console.WriteLine));
        Console.WriteLine(LearningCurve(texts, k));
    }

    /// <summary>
    /// Accuracy against labelled texts per label: in each fold, the first N texts per label of the training part (in a
    /// fixed pseudo-random order) train the product (ClassifierTrainer, default lexicon, no folds) and the SVM, tested on
    /// the fold; the mean over folds.
    /// </summary>
    public static string LearningCurve(IReadOnlyList<LabelledText> texts, int k)
    {
        var (levelled, _) = LabelLevels.Apply(texts);
        var foldOf = Folds.Stratified(levelled.Select(t => t.CategoryCode).ToList(), k, 20261127);
        var sb = new StringBuilder("| per label | product | TF-IDF + SVM |\n|---|---|---|\n");
        foreach (var n in new[] { 25, 50, 100, 400 })
        {
            double product = 0, svm = 0;
            for (var fold = 0; fold < k; fold++)
            {
                var train = levelled.Where((_, i) => foldOf[i] != fold).GroupBy(t => t.CategoryCode)
                    .SelectMany(g => g.OrderBy(t => Sets.Stable(t.Text)).Take(n)).ToList();
                var test = levelled.Where((_, i) => foldOf[i] == fold).ToList();
                if (train.Select(t => t.CategoryCode).Distinct().Count() < 2 || test.Count == 0)
                {
                    continue;
                }

                var classifier = new NeedClassifier(KeywordLexicon.Default, ClassifierTrainer.Train(new ClassifierTrainingRequest { Texts = train, Folds = 0 }).Model);
                var baseline = TfidfLinearSvm.Train(train);
                product += test.Count(t => classifier.Classify(t.Text).CategoryCode == t.CategoryCode) / (double)test.Count / k;
                svm += test.Count(t => baseline.Predict(t.Text) == t.CategoryCode) / (double)test.Count / k;
            }

            sb.Append(CultureInfo.InvariantCulture, $"| {n} | {product:P1} | {svm:P1} |\n");
        }

        return sb.ToString();
    }

    /// <summary>The product and the SVM on the same folds, as Markdown; used by the report too.</summary>
    public static string Compare(IReadOnlyList<LabelledText> texts, int k, bool mixShipped, Action<string>? progress, bool withLexicon = true)
    {
        var (levelled, _) = LabelLevels.Apply(texts);
        var foldOf = Folds.Stratified(levelled.Select(t => t.CategoryCode).ToList(), k, 20261127);
        var product = ClassifierTrainer.Train(new ClassifierTrainingRequest
        {
            Texts = levelled,
            AlwaysTrain = mixShipped ? TrainingCorpus.Shipped() : [],
            FoldOf = foldOf,
            Lexicon = withLexicon ? KeywordLexicon.Default : null,
            Progress = progress is null ? null : s => progress("product: " + s),
        });
        var svmPredictions = new string[levelled.Count];
        for (var fold = 0; fold < k; fold++)
        {
            progress?.Invoke($"svm: fold {fold + 1} of {k}");
            var svm = TfidfLinearSvm.Train(levelled.Where((_, i) => foldOf[i] != fold).ToList());
            for (var i = 0; i < levelled.Count; i++)
            {
                if (foldOf[i] == fold)
                {
                    svmPredictions[i] = svm.Predict(levelled[i].Text);
                }
            }
        }

        var svmEvaluation = ModelEvaluation.Compute(levelled.Select((t, i) => (t.CategoryCode, svmPredictions[i])).ToList());
        var e = product.Model.Evaluation!;
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{levelled.Count} texts, {levelled.Select(t => t.CategoryCode).Distinct().Count()} labels, {k} stratified folds (seed 20261127), the same folds for both{(mixShipped ? "; the shipped corpus mixed into the product's training" : "")}.").AppendLine();
        sb.AppendLine("| learner | accuracy | macro-F1 |").AppendLine("|---|---|---|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| product (`ClassifierTrainer`: chars + jieba words + IDF, L-BFGS maxent{(withLexicon ? ", default lexicon blended" : "")}) | {e.Accuracy:P1} | {e.MacroF1:F3} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| TF-IDF char 1-3 + linear SVM (C = 1) | {svmEvaluation.Accuracy:P1} | {svmEvaluation.MacroF1:F3} |");
        sb.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Product: calibration temperature {product.Model.Temperature:F2}; confidence >= 0.5 on {e.ConfidentShare:P0} of texts, right on {e.ConfidentAccuracy:P1} of those.");
        return sb.ToString();
    }

    private static void Print(ModelEvaluation e)
    {
        Console.WriteLine($"accuracy {e.Accuracy:P1}, macro-F1 {e.MacroF1:F3}; confidence >= 0.5 on {e.ConfidentShare:P0} of texts, right on {e.ConfidentAccuracy:P1} of those");
        foreach (var m in e.PerCategory.Values)
        {
            Console.WriteLine($"  {m.CategoryCode}: {m.Support} texts, recall {m.Recall:P0}, precision {m.Precision:P0}");
        }

        foreach (var bin in e.Reliability)
        {
            Console.WriteLine($"  confidence {bin.From:F1}-{bin.To:F1}: {bin.Count} texts, right {bin.Accuracy:P0}");
        }
    }

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
}
