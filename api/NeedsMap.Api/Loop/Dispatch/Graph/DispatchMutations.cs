using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Loop.Shared;

namespace NeedsMap.Api.Loop.Dispatch.Graph;

internal sealed class DispatchMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Mutation<ServiceItemInputGraphType, ServiceItemGraphType, ServiceItemInput>("saveServiceItem",
            "Adds a service to the list, or changes one. Errors: NOT_FOUND, UNKNOWN_CATEGORY, UNKNOWN_DEPARTMENT, INVALID_INPUT.",
            new("serviceItem", "the service as saved"),
            async (ctx, input) => await ctx.Service<ServiceList>().SaveAsync(input, ctx.CancellationToken));
        mutation.Mutation<BlowWhistleInputGraphType, WhistleGraphType, BlowWhistleInput>("blowWhistle",
            "社区吹哨: calls departments to needs or a key matter, with the service list's deadline. Errors: NOT_FOUND, "
            + "UNKNOWN_DEPARTMENT, UNKNOWN_JURISDICTION, UNKNOWN_CATEGORY, INVALID_INPUT.",
            new("whistle", "the whistle blown"),
            async (ctx, input) => await ctx.Service<WhistleBlowing>().BlowAsync(input, ctx.CancellationToken));
        mutation.Mutation<WhistleActionInputGraphType, WhistleGraphType, WhistleActionInput>("acknowledgeWhistle",
            "部门报到: a called department reports. Errors: NOT_FOUND, UNKNOWN_DEPARTMENT, ILLEGAL_TRANSITION, INVALID_INPUT.",
            new("whistle", "the whistle with the department reported"),
            async (ctx, input) => await ctx.Service<WhistleWorkflow>().AcknowledgeAsync(input, ctx.CancellationToken));
        mutation.Mutation<WhistleActionInputGraphType, WhistleGraphType, WhistleActionInput>("reportWhistleProgress",
            "A department that reported tells how it is going. Errors as acknowledgeWhistle.",
            new("whistle", "the whistle with the progress noted"),
            async (ctx, input) => await ctx.Service<WhistleWorkflow>().ReportProgressAsync(input, ctx.CancellationToken));
        mutation.Mutation<WhistleActionInputGraphType, WhistleGraphType, WhistleActionInput>("resolveWhistle",
            "A department that reported answers the whistle (办结). Errors as acknowledgeWhistle.",
            new("whistle", "the whistle as answered"),
            async (ctx, input) => await ctx.Service<WhistleWorkflow>().ResolveAsync(input, ctx.CancellationToken));
        mutation.Mutation<RateWhistleInputGraphType, WhistleGraphType, RateWhistleInput>("rateWhistle",
            "The resident's rating of a resolved whistle's answer, 1 to 5, which closes it; entered by a city administrator (the 12345 platform's return visit, 回访). Errors: NOT_FOUND, ILLEGAL_TRANSITION, INVALID_INPUT.",
            new("whistle", "the whistle rated and closed"),
            async (ctx, input) => await ctx.Service<WhistleFeedback>().RateAsync(input, ctx.CancellationToken));
        mutation.Mutation<ReopenWhistleInputGraphType, WhistleGraphType, ReopenWhistleInput>("reopenWhistle",
            "Reopens a resolved or closed whistle within the reopen window (15 days by default) when the resident is not satisfied; entered by a "
            + "city administrator. "
            + "Errors: NOT_FOUND, ILLEGAL_TRANSITION, REOPEN_WINDOW_CLOSED.",
            new("whistle", "the whistle reopened"),
            async (ctx, input) => await ctx.Service<WhistleFeedback>().ReopenAsync(input, ctx.CancellationToken));
    }
}
