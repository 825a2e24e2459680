using GraphQL.Types;
using NeedsMap.Api.Categories;
using NeedsMap.Api.Classification.Training;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Classification.Model;

namespace NeedsMap.Api.Classification;

public sealed class ReviewItemGraphType : ObjectGraphType<ReviewItem>
{
    public ReviewItemGraphType()
    {
        Name = "ReviewItem";
        Description = "A need the classifier placed with too little confidence, awaiting a person's label (待人工复核).";
        Field<NonNullGraphType<NeedGraphType>>("need").Resolve(ctx => ctx.Source.Need);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryScoreGraphType>>>>("suggestions")
            .Description("What the classifier in use now makes of the text, best first: its choice, then the alternatives.")
            .Resolve(ctx => ctx.Source.Suggestions);
    }
}

public sealed class CategoryScoreGraphType : ObjectGraphType<CategoryScoreView>
{
    public CategoryScoreGraphType()
    {
        Name = "CategoryScore";
        Field<NonNullGraphType<CategoryGraphType>>("category").Resolve(ctx => ctx.Service<ReferenceData>().Current.FindCategory(ctx.Source.CategoryCode));
        Field(s => s.Score).Description("0 to 1.");
    }
}

public sealed class ClassifierModelGraphType : ObjectGraphType<ClassifierModelView>
{
    public ClassifierModelGraphType()
    {
        Name = "ClassifierModel";
        Description = "A trained classifier model and how it did on texts it was not fitted on (k-fold cross-validation, or the shipped model's leave-one-voice-out).";
        Field(m => m.Version);
        Field(m => m.Active).Description("True for the model that classifies new needs.");
        Field(m => m.Shipped).Description("True for the model shipped with the server, trained on the repository's corpus.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => new DateTimeOffset(DateTime.SpecifyKind(ctx.Source.Info.CreatedAt, DateTimeKind.Utc)));
        Field<NonNullGraphType<IntGraphType>>("trainingCount").Description("Texts the model was fitted on.").Resolve(ctx => ctx.Source.Info.TrainingCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("labels")
            .Description("The category codes it predicts: leaves, or the level the city's labels were at.").Resolve(ctx => ctx.Source.Info.Labels);
        Field<NonNullGraphType<FloatGraphType>>("calibrationTemperature")
            .Description("Scores are raised to 1 / T so that a confidence of p is right about p of the time; 1 is uncalibrated.").Resolve(ctx => ctx.Source.Info.Temperature);
        Field<StringGraphType>("evaluationMethod").Description("How the evaluated texts were held out, e.g. 5-fold cross-validation.").Resolve(ctx => ctx.Source.Info.Evaluation?.Method);
        Field<IntGraphType>("heldOutCount").Description("Texts evaluated (each by a model that did not see it).").Resolve(ctx => ctx.Source.Info.Evaluation?.Count);
        Field<FloatGraphType>("accuracy").Description("Accuracy at the level of the labels.").Resolve(ctx => ctx.Source.Info.Evaluation?.Accuracy);
        Field<FloatGraphType>("topLevelAccuracy").Description("Accuracy of the top-level category.").Resolve(ctx => ctx.Source.Info.Evaluation?.TopLevelAccuracy);
        Field<FloatGraphType>("macroF1").Description("F1 averaged over labels, each counting once.").Resolve(ctx => ctx.Source.Info.Evaluation?.MacroF1);
        Field<FloatGraphType>("confidentShare").Description("Share of evaluated texts with confidence of at least 0.5 (kept out of the review queue at the default threshold).")
            .Resolve(ctx => ctx.Source.Info.Evaluation?.ConfidentShare);
        Field<FloatGraphType>("confidentAccuracy").Description("Accuracy among those.").Resolve(ctx => ctx.Source.Info.Evaluation?.ConfidentAccuracy);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryAccuracyGraphType>>>>("perCategory")
            .Description("Recall, precision and F1 of every label.")
            .Resolve(ctx => ctx.Source.Info.Evaluation?.PerCategory.Values ?? (IEnumerable<CategoryMetrics>)[]);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryAccuracyGraphType>>>>("perTopLevel")
            .Resolve(ctx => ctx.Source.Info.Evaluation?.PerTopLevel.Values ?? (IEnumerable<CategoryMetrics>)[]);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConfusionCellGraphType>>>>("confusion")
            .Description("The confusion matrix: how many texts of each label went to each prediction (cells that are not zero).")
            .Resolve(ctx => ctx.Source.Info.Evaluation?.Confusion ?? []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClassificationErrorGraphType>>>>("errors")
            .Description("Misclassified texts, most confident first (up to 30).")
            .Resolve(ctx => ctx.Source.Info.Evaluation?.Errors ?? []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReliabilityBinGraphType>>>>("reliability")
            .Description("Accuracy per band of confidence: a calibrated model is right about as often as it is confident.")
            .Resolve(ctx => ctx.Source.Info.Evaluation?.Reliability ?? []);
    }
}

public sealed record ClassifierModelView(NeedModelInfo Info, bool Active, bool Shipped)
{
    public string Version => Info.Version;
}

public sealed class CategoryAccuracyGraphType : ObjectGraphType<CategoryMetrics>
{
    public CategoryAccuracyGraphType()
    {
        Name = "CategoryAccuracy";
        Field(m => m.CategoryCode);
        Field(m => m.Support).Description("Evaluated texts of this label.");
        Field(m => m.Recall).Description("Share of them classified right: the label's accuracy.");
        Field(m => m.Precision);
        Field(m => m.F1);
    }
}

public sealed class ConfusionCellGraphType : ObjectGraphType<ConfusionCell>
{
    public ConfusionCellGraphType()
    {
        Name = "ConfusionCell";
        Description = "One cell of a model's confusion matrix.";
        Field(c => c.Actual).Description("The label a person gave.");
        Field(c => c.Predicted).Description("The label the model gave.");
        Field(c => c.Count).Description("Texts in the cell.");
    }
}

public sealed class ClassificationErrorGraphType : ObjectGraphType<ClassificationError>
{
    public ClassificationErrorGraphType()
    {
        Name = "ClassificationError";
        Description = "A text the model classified wrongly while it was evaluated.";
        Field<NonNullGraphType<StringGraphType>>("text").Description("The text (first 200 characters), personal data masked for roles without it.")
            .Resolve(ctx => ctx.Service<AccessScope>().Mask(ctx.Source.Text));
        Field(e => e.Actual).Description("The label a person gave.");
        Field(e => e.Predicted).Description("The label the model gave.");
        Field(e => e.Confidence).Description("The model's calibrated confidence in its wrong label.");
    }
}

public sealed class ReliabilityBinGraphType : ObjectGraphType<ReliabilityBin>
{
    public ReliabilityBinGraphType()
    {
        Name = "ReliabilityBin";
        Description = "Evaluated texts whose confidence fell in one band, and how often they were right.";
        Field(b => b.From).Description("Lowest confidence in the band.");
        Field(b => b.To).Description("Highest confidence in the band (excluded, except 1).");
        Field(b => b.Count);
        Field(b => b.Accuracy).Description("Share of the band's texts classified right.");
        Field(b => b.MeanConfidence);
    }
}

public sealed class TrainingSetGraphType : ObjectGraphType<TrainingSetInfo>
{
    public TrainingSetGraphType()
    {
        Name = "ClassifierTrainingSet";
        Description = "A city's labelled texts imported through POST /classifier/training-sets/{name} or train-classifier, for trainClassifier(input: { trainingSets }).";
        Field(t => t.Name).Description("The name given at import; trainClassifier(input: { trainingSets }) takes it.");
        Field(t => t.Rows).Description("Texts kept.");
        Field(t => t.Skipped).Description("Rows skipped (empty or over-long text, no label).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LabelCountGraphType>>>>("labels").Resolve(ctx => ctx.Source.Labels.Select(kv => new LabelCount(kv.Key, kv.Value)));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("importedAt").Resolve(ctx => ctx.Source.ImportedAt);
        Field(t => t.ImportedBy).Description("Who imported it (role:subject, or cli:train-classifier).");
    }
}

public sealed record LabelCount(string CategoryCode, int Count);

public sealed class LabelCountGraphType : ObjectGraphType<LabelCount>
{
    public LabelCountGraphType()
    {
        Name = "LabelCount";
        Description = "How many texts of a training set carry one label.";
        Field(l => l.CategoryCode).Description("The category the label resolved to.");
        Field(l => l.Count);
    }
}

public sealed class TrainClassifierInputGraphType : InputObjectGraphType<TrainClassifierInput>
{
    public TrainClassifierInputGraphType()
    {
        Name = "TrainClassifierInput";
        Field<BooleanGraphType>("fromLabelledNeeds").DefaultValue(true).Description("Add the needs people labelled (their latest label each).");
        Field<StringGraphType>("csv").Description("More labelled texts inline: CSV with a header text,category (category codes at any level). Large files go through a training set.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("trainingSets").Description("Imported training sets to train on (see classifierTrainingSets).");
        Field<BooleanGraphType>("mixShippedCorpus").DefaultValue(true)
            .Description("Train on the shipped corpus too (never evaluated on). Off: the model knows only the city's own labels, at the level they are given.");
        Field<IntGraphType>("folds").DefaultValue(5).Description("k of the k-fold cross-validation reported with the model (2 to 10); 0 skips it and calibration.");
        Field<BooleanGraphType>("activate").DefaultValue(false).Description("Make the model the one new needs get now; otherwise activate it after reading its report.");
    }
}
