using GraphQL;

namespace NeedsMap.Api.Graph;

internal static class ResolveContextExtensions
{
    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        (context.RequestServices ?? throw new InvalidOperationException("ExecutionOptions.RequestServices is not set."))
            .GetRequiredService<T>();
}
