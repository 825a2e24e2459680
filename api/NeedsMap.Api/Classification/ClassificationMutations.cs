using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Graph;

namespace NeedsMap.Api.Classification;

internal sealed class ClassificationMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<NeedGraphType>>("labelNeed")
            .Description("A person's category for a need: corrects it, takes it out of the review queue and keeps the label for the next training.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("categoryCode", "A leaf category code.")
            .ResolveAsync(async ctx => await ctx.Service<NeedLabeler>().LabelAsync(ctx.GetArgument<string>("id"), ctx.GetArgument<string>("categoryCode"), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<ClassifierModelGraphType>>("trainClassifier")
            .Description("Trains a model from the shipped corpus, the labelled needs and an optional CSV; saves it with a new version and activates it for new needs. Takes seconds to a minute.")
            .Argument<NonNullGraphType<TrainClassifierInputGraphType>>("input")
            .ResolveAsync(async ctx =>
            {
                var info = await ctx.Service<ClassifierTraining>().TrainAsync(ctx.GetArgument<TrainClassifierInput>("input"), ctx.CancellationToken);
                return new ClassifierModelView(info, Active: true, Shipped: false);
            });
        mutation.Field<NonNullGraphType<ClassifierModelGraphType>>("activateClassifierModel")
            .Description("Makes a trained model, or the shipped one, the model for new needs.")
            .Argument<NonNullGraphType<StringGraphType>>("version")
            .Resolve(ctx => ctx.Service<ClassifierModels>().Activate(ctx.GetArgument<string>("version")));
    }
}
