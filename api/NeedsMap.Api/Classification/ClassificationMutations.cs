using GraphQL.Types;
using NeedsMap.Api.Classification.Training;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Payloads;
using NeedsMap.Api.Needs.Graph;

namespace NeedsMap.Api.Classification;

internal sealed class ClassificationMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Payload<LabelNeedInputGraphType, LabelNeedInput, NeedGraphType>("labelNeed",
            "A person's category for a need: corrects it, takes it out of the review queue and keeps the label for the next training.",
            new("need", "the need with its new category"), ErrorKinds.NotFound | ErrorKinds.Validation | ErrorKinds.OutOfScope,
            async (ctx, input) => await ctx.Service<NeedLabeler>().LabelAsync(input.Id, input.CategoryCode, ctx.CancellationToken));
        mutation.Payload<TrainClassifierInputGraphType, TrainClassifierInput, ClassifierModelGraphType>("trainClassifier",
            "Trains a model on the labelled needs, training sets, an inline CSV and (unless told not to) the shipped corpus, through k-fold cross-validation, calibration and a final fit; saves it under a new version with its report. It classifies new needs once activated (activate: true, or activateClassifierModel after reading the report). Takes seconds to minutes.",
            new("model", "the model trained, with its report"), ErrorKinds.NotFound | ErrorKinds.Validation,
            async (ctx, input) =>
            {
                var info = await ctx.Service<ClassifierTraining>().TrainAsync(input, ctx.CancellationToken);
                return new ClassifierModelView(info, Active: input.Activate, Shipped: false);
            });
        mutation.Payload<ActivateClassifierModelInputGraphType, ActivateClassifierModelInput, ClassifierModelGraphType>("activateClassifierModel",
            "Makes a trained model, or the shipped one, the model for new needs; activating an earlier version rolls back.",
            new("model", "the model now active"), ErrorKinds.NotFound | ErrorKinds.Validation,
            (ctx, input) => Task.FromResult<object?>(ctx.Service<ClassifierModels>().Activate(input.Version)));
    }
}
