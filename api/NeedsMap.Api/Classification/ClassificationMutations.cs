using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Classification.Training;
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
            .Description("Trains a model on the labelled needs, training sets, an inline CSV and (unless told not to) the shipped corpus, through k-fold cross-validation, calibration and a final fit; saves it under a new version with its report. It classifies new needs once activated (activate: true, or activateClassifierModel after reading the report). Takes seconds to minutes.")
            .Argument<NonNullGraphType<TrainClassifierInputGraphType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<TrainClassifierInput>("input");
                var info = await ctx.Service<ClassifierTraining>().TrainAsync(input, ctx.CancellationToken);
                return new ClassifierModelView(info, Active: input.Activate, Shipped: false);
            });
        mutation.Field<NonNullGraphType<ClassifierModelGraphType>>("activateClassifierModel")
            .Description("Makes a trained model, or the shipped one, the model for new needs; activating an earlier version rolls back.")
            .Argument<NonNullGraphType<StringGraphType>>("version")
            .Resolve(ctx => ctx.Service<ClassifierModels>().Activate(ctx.GetArgument<string>("version")));
    }
}
