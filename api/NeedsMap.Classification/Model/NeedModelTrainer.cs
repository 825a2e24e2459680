using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Transforms.Text;
using NeedsMap.Classification.Segmentation;

namespace NeedsMap.Classification.Model;

internal static class NeedModelTrainer
{
    public static NeedModel Train(IEnumerable<LabelledText> texts, TrainingOptions options)
    {
        var all = texts.ToList();
        if (all.Select(t => t.CategoryCode).Distinct().Count() < 2)
        {
            throw new ArgumentException("Training needs texts of at least two categories.", nameof(texts));
        }

        var segmenter = ChineseSegmenter.Shared;
        var rows = all
            .AsParallel().AsOrdered()
            .Select(t =>
            {
                var normalized = TextNormalizer.Normalize(t.Text);
                var features = FeatureText.From(normalized, segmenter.Cut(normalized));
                return new ModelInput { Tokens = features.Tokens, Chars = features.Chars, Label = t.CategoryCode };
            })
            .ToList();

        var (train, holdOut) = Split(rows, options);
        var version = options.Version ?? DefaultVersion(all);

        var model = Fit(train, options, version);
        if (holdOut.Count == 0)
        {
            return model;
        }

        var pairs = holdOut
            .Select(r => (r.Label, Predicted: model.Labels[ArgMax(model.Predict(new FeatureText(r.Tokens, r.Chars)))]))
            .ToList();
        var evaluation = ModelEvaluation.Compute(pairs);
        if (options.RefitOnAllData)
        {
            model.Dispose();
            model = Fit(rows, options, version);
        }

        model.Evaluation = evaluation;
        return model;
    }

    private static NeedModel Fit(List<ModelInput> rows, TrainingOptions options, string version)
    {
        var ml = new MLContext(seed: options.Seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(ModelInput.Label))
            .Append(ml.Transforms.Text.TokenizeIntoWords("Words", nameof(ModelInput.Tokens), [' ']))
            .Append(ml.Transforms.Conversion.MapValueToKey("WordKeys", "Words"))
            .Append(ml.Transforms.Text.ProduceNgrams("WordGrams", "WordKeys", ngramLength: options.WordNgramLength, useAllLengths: true, weighting: NgramExtractingEstimator.WeightingCriteria.Tf))
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("CharKeys", nameof(ModelInput.Chars), useMarkerCharacters: false))
            .Append(ml.Transforms.Text.ProduceNgrams("CharGrams", "CharKeys", ngramLength: options.CharNgramLength, useAllLengths: true, weighting: NgramExtractingEstimator.WeightingCriteria.Tf))
            .Append(ml.Transforms.NormalizeLpNorm("WordGrams"))
            .Append(ml.Transforms.NormalizeLpNorm("CharGrams"))
            .Append(ml.Transforms.Concatenate("Features", "WordGrams", "CharGrams"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new Microsoft.ML.Trainers.SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                MaximumNumberOfIterations = options.MaximumIterations,
                L2Regularization = options.L2Regularization,
                NumberOfThreads = 1,
            }));

        var transformer = pipeline.Fit(data);
        return new NeedModel(ml, transformer, data.Schema, version, evaluation: null, rows.Count);
    }

    private static (List<ModelInput> Train, List<ModelInput> HoldOut) Split(List<ModelInput> rows, TrainingOptions options)
    {
        if (options.HoldOutFraction <= 0)
        {
            return (rows, []);
        }

        var random = new Random(options.Seed);
        var train = new List<ModelInput>();
        var holdOut = new List<ModelInput>();
        foreach (var group in rows.GroupBy(r => r.Label).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var shuffled = group.OrderBy(_ => random.Next()).ToList();
            var take = Math.Min((int)Math.Round(shuffled.Count * options.HoldOutFraction), shuffled.Count - 1);
            holdOut.AddRange(shuffled.Take(take));
            train.AddRange(shuffled.Skip(take));
        }

        return (train, holdOut);
    }

    internal static int ArgMax(float[] scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static string DefaultVersion(List<LabelledText> texts)
    {
        var sb = new StringBuilder();
        foreach (var t in texts)
        {
            sb.Append(t.CategoryCode).Append('\t').Append(t.Text).Append('\n');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..8];
        return $"needs-{DateTime.UtcNow:yyyyMMdd}-{texts.Count}-{hash}";
    }
}
