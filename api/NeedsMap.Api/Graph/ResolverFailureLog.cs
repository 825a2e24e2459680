using GraphQL;

namespace NeedsMap.Api.Graph;

/// <summary>
/// An exception a resolver did not mean to throw (not a <see cref="DomainException"/>) reaches the client as
/// INVALID_OPERATION "Error trying to resolve field"; without this the server said nothing, so nobody could find out
/// why (issue #15: submitNeed failing on a server without an encryption key). It is logged with the exception and the field.
/// </summary>
internal static class ResolverFailureLog
{
    public const string Category = "NeedsMap.Api.Graph.Resolvers";

    public static void Attach(ExecutionOptions options)
    {
        var logger = options.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger(Category);
        if (logger is null)
        {
            return;
        }
        var previous = options.UnhandledExceptionDelegate;
        options.UnhandledExceptionDelegate = async context =>
        {
            await previous(context);
            var path = context.FieldContext is { } field ? string.Join('.', field.ResponsePath) : "(outside a field)";
            var operation = context.FieldContext?.Operation.Name?.StringValue ?? options.OperationName ?? "an unnamed operation";
            logger.LogError(context.OriginalException, "A resolver failed at {Path} of {Operation}", path, operation);
        };
    }
}
