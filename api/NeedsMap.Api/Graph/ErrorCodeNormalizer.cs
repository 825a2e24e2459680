using GraphQL;

namespace NeedsMap.Api.Graph;

/// <summary>
/// GraphQL.NET wraps an exception thrown while coercing a variable (a bad GeoJSON value, say) in its own
/// error with a generic code; clients should see the domain code, so it is lifted back out.
/// </summary>
public static class ErrorCodeNormalizer
{
    public static void Normalize(ExecutionResult result)
    {
        if (result.Errors is null)
        {
            return;
        }
        foreach (var error in result.Errors)
        {
            for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
            {
                if (inner is DomainException domain)
                {
                    error.Code = domain.Code;
                    break;
                }
            }
        }
    }
}
