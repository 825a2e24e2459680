using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Categories;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Reference;
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
        Description = "A trained classifier model and its accuracy on texts held out from its training.";
        Field(m => m.Version);
        Field(m => m.Active).Description("True for the model that classifies new needs.");
        Field(m => m.Shipped).Description("True for the model shipped with the server, trained on the repository's corpus.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => new DateTimeOffset(DateTime.SpecifyKind(ctx.Source.Info.CreatedAt, DateTimeKind.Utc)));
        Field<NonNullGraphType<IntGraphType>>("trainingCount").Description("Texts it was trained on.").Resolve(ctx => ctx.Source.Info.TrainingCount);
        Field<IntGraphType>("heldOutCount").Description("Texts held out to measure it.").Resolve(ctx => ctx.Source.Info.Evaluation?.Count);
        Field<FloatGraphType>("accuracy").Description("Leaf-category accuracy on the held-out texts.").Resolve(ctx => ctx.Source.Info.Evaluation?.Accuracy);
        Field<FloatGraphType>("topLevelAccuracy").Description("Top-level accuracy on the held-out texts.").Resolve(ctx => ctx.Source.Info.Evaluation?.TopLevelAccuracy);
        Field<FloatGraphType>("macroF1").Resolve(ctx => ctx.Source.Info.Evaluation?.MacroF1);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryAccuracyGraphType>>>>("perCategory")
            .Description("Held-out recall, precision and F1 of every leaf category.")
            .Resolve(ctx => ctx.Source.Info.Evaluation?.PerCategory.Values ?? (IEnumerable<CategoryMetrics>)[]);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryAccuracyGraphType>>>>("perTopLevel")
            .Resolve(ctx => ctx.Source.Info.Evaluation?.PerTopLevel.Values ?? (IEnumerable<CategoryMetrics>)[]);
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
        Field(m => m.Support).Description("Held-out texts of this category.");
        Field(m => m.Recall).Description("Share of them classified right: the category's accuracy.");
        Field(m => m.Precision);
        Field(m => m.F1);
    }
}

public sealed class TrainClassifierInputGraphType : InputObjectGraphType<TrainClassifierInput>
{
    public TrainClassifierInputGraphType()
    {
        Name = "TrainClassifierInput";
        Field<BooleanGraphType>("fromLabelledNeeds").DefaultValue(true).Description("Add the needs people labelled (their latest label each).");
        Field<StringGraphType>("csv").Description("More labelled texts: CSV with a header text,category (leaf codes).");
    }
}
