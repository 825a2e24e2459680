using System.Text.Json;
using NeedsMap.Graph.Transport;

namespace NeedsMap.Api.Security.Auth;

/// <summary>
/// Which callers share cached GraphQL responses and subscription runs: those whose <see cref="Caller"/> is the same, from which
/// <see cref="AccessScope"/> derives everything a caller sees (role, jurisdiction, channel, department, masking). The person
/// counts only where the scope is their own records; otherwise two officers of one street share, as they see the same.
/// Written as JSON of the whole record, so a property added to <see cref="Caller"/> joins the key by itself.
/// </summary>
internal sealed class CallerPartition : ICallerPartition
{
    public string? KeyOf(HttpContext httpContext, IDictionary<string, object?> userContext)
    {
        if (userContext is not NeedsMapUserContext { Caller: var caller })
        {
            return null;
        }
        var shared = caller.Right.Scope == DataScope.OwnRecords ? caller : caller with { Subject = "" };
        return JsonSerializer.Serialize(shared);
    }
}
