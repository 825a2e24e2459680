using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Classification.Training;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Relay;

namespace NeedsMap.Api.Classification;

internal sealed class ClassificationQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<ReviewItemGraphType, ReviewItem>>>("reviewQueue")
            .Description("Needs in a jurisdiction (and below) the classifier placed with less than the review threshold's confidence and no one has labelled, least confident first: the labels that teach the next model most.")
            .Argument<NonNullGraphType<StringGraphType>>("jurisdictionCode")
            .Argument<IntGraphType>("first", "Items after the cursor `after` (default 50).")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async ctx => await ctx.Service<ReviewQueueReader>().PageAsync(
                ctx.GetArgument<string>("jurisdictionCode"), ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), ctx.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClassifierModelGraphType>>>>("classifierModels")
            .Description("The shipped model and every trained one, with its evaluation report; one of them is active.")
            .DeprecationReason("Use classifierModelsConnection: the same models a page at a time, with totalCount.")
            .Resolve(ctx => ctx.Service<ClassifierModels>().List());
        query.Field<NonNullGraphType<ConnectionGraphType<ClassifierModelGraphType, ClassifierModelView>>>("classifierModelsConnection")
            .Description("The shipped model, then every trained one in version order, a page at a time, each with its evaluation report; one of them is active.")
            .PagingArguments()
            .Resolve(ctx => ListPaging.Page(ctx.Service<ClassifierModels>().List(), m => m.Version, ctx.Page()));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrainingSetGraphType>>>>("classifierTrainingSets")
            .Description("The labelled training sets the city imported, by name.")
            .Resolve(ctx => ctx.Service<TrainingSetStore>().List());
    }
}
