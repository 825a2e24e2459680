namespace NeedsMap.Api.Classification;

/// <summary>The <c>NeedsMap:Classifier</c> section.</summary>
public sealed class ClassifierSettings
{
    public const string Section = "NeedsMap:Classifier";

    /// <summary>A need classified with less confidence than this waits in the review queue until a person labels it.</summary>
    public double ReviewThreshold { get; set; } = 0.5;

    /// <summary>Where trained models are kept (relative to the content root), one <c>{version}.zip</c> each, and <c>active.txt</c> naming the one in use.</summary>
    public string ModelFolder { get; set; } = ".data/classifier-models";

    /// <summary>The city's own lexicon (JSON); the shipped default when unset.</summary>
    public string? LexiconPath { get; set; }

    /// <summary>Generated texts per category taken from the shipped corpus when training (see TrainingCorpus).</summary>
    public int CorpusGeneratedPerCategory { get; set; } = NeedsMap.Classification.Model.TrainingCorpus.DefaultGeneratedPerCategory;

    /// <summary>Caps the shipped hand-written texts per category when training; unset takes them all. For quick retrains and tests.</summary>
    public int? CorpusHandWrittenPerCategory { get; set; }

    /// <summary>Where imported training sets are kept (relative to the content root); unset: <c>training-sets</c> in <see cref="ModelFolder"/>.</summary>
    public string? TrainingSetFolder { get; set; }

    /// <summary>The largest training set <c>POST /classifier/training-sets/{name}</c> takes (the command line has no limit).</summary>
    public long MaxTrainingSetBytes { get; set; } = 1L << 30;

    /// <summary>How often a server looks whether another one activated a model in a shared <see cref="ModelFolder"/>.</summary>
    public TimeSpan ActiveModelCheckInterval { get; set; } = TimeSpan.FromSeconds(10);
}
