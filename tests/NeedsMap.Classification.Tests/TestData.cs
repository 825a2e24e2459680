using NeedsMap.Classification.Model;

namespace NeedsMap.Classification.Tests;

internal static class TestData
{
    private static readonly Lazy<IReadOnlyList<LabelledText>> TrainingSet = new(() => LabelledTextCsv.Read(Path.Combine(AppContext.BaseDirectory, "Data", "training.csv")));
    private static readonly Lazy<IReadOnlyList<LabelledText>> DevelopmentSet = new(() => LabelledTextCsv.Read(Path.Combine(AppContext.BaseDirectory, "Data", "development.csv")));

    public static IReadOnlyList<LabelledText> Training => TrainingSet.Value;

    private static readonly Lazy<IReadOnlyList<LabelledText>> EvaluationSet = new(() => LabelledTextCsv.Read(Path.Combine(AppContext.BaseDirectory, "Data", "evaluation.csv")));

    /// <summary>Hand-written after the model and lexicon were frozen; never used to choose anything (see Data/README.md).</summary>
    public static IReadOnlyList<LabelledText> Evaluation => EvaluationSet.Value;

    private static readonly Lazy<IReadOnlyList<LabelledText>> EvaluationV2Set = new(() => LabelledTextCsv.Read(Path.Combine(AppContext.BaseDirectory, "Data", "evaluation-v2.csv")));

    private static readonly Lazy<IReadOnlyList<LabelledText>> HandWrittenSet = new(() => LabelledTextCsv.Read(Path.Combine(AppContext.BaseDirectory, "Data", "training-handwritten.csv")));

    /// <summary>Round two's frozen set: same author as its training texts, written minutes apart (see Data/README.md).</summary>
    public static IReadOnlyList<LabelledText> EvaluationV2 => EvaluationV2Set.Value;

    private static readonly Lazy<IReadOnlyList<LabelledText>> EvaluationV3Set = new(() => LabelledTextCsv.Read(Path.Combine(AppContext.BaseDirectory, "Data", "evaluation-v3.csv")));

    /// <summary>Another persona, frozen before round three's corpus, features and options; the reported figure.</summary>
    public static IReadOnlyList<LabelledText> EvaluationV3 => EvaluationV3Set.Value;

    /// <summary>The hand-written training texts.</summary>
    public static IReadOnlyList<LabelledText> HandWritten => HandWrittenSet.Value;

    /// <summary>Hand-written, used while developing (see Data/README.md).</summary>
    public static IReadOnlyList<LabelledText> Development => DevelopmentSet.Value;

    /// <summary>The first <paramref name="perCategory"/> training texts of every category: enough for a model that generalises, fast to fit.</summary>
    public static IReadOnlyList<LabelledText> SmallTraining(int perCategory) =>
        Training.GroupBy(t => t.CategoryCode).SelectMany(g => g.Take(perCategory)).ToList();
}

/// <summary>One small model for the whole test run; training is the slow part and every model test can share it.</summary>
public sealed class SmallModelFixture : IDisposable
{
    public SmallModelFixture() =>
        Model = NeedModel.Train([.. TestData.SmallTraining(30), .. TestData.HandWritten], new TrainingOptions { HoldOutFraction = 0.2, MaximumIterations = 20, Version = "test-small" });

    public NeedModel Model { get; }

    public void Dispose()
    {
    }
}

[CollectionDefinition(nameof(SmallModelCollection))]
public sealed class SmallModelCollection : ICollectionFixture<SmallModelFixture>;
