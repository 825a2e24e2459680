using GraphQL;
using GraphQL.Execution;

namespace NeedsMap.Api.Graph;

/// <summary>A <see cref="DomainException"/> as GraphQL reports it: its message, its code in <c>extensions.code</c>.</summary>
public sealed class DomainError : ExecutionError
{
    public DomainError(DomainException refusal) : base(refusal.Message)
    {
        Code = refusal.Code;
    }
}

/// <summary>
/// The one place where domain exceptions become GraphQL errors. GraphQL.NET hands every exception that is not an
/// <see cref="ExecutionError"/> to the unhandled-exception delegate (a resolver's, a subscription's, one raised while
/// variables are coerced) and reports the error it is given back, with the field's path and location.
/// </summary>
public static class DomainErrors
{
    public static Task Translate(UnhandledExceptionContext context)
    {
        if (context.OriginalException is DomainException refusal)
        {
            context.Exception = new DomainError(refusal);
        }
        return Task.CompletedTask;
    }
}
