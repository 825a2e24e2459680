using GraphQL;
using GraphQL.Types;

namespace NeedsMap.Graph.Transport.Sharing;

public static class PerCallerFieldExtensions
{
    internal const string PerCallerKey = "NeedsMap.Graph.Transport.PerCaller";

    /// <summary>
    /// Declares that resolving this field must happen for each caller: it has a side effect per caller (an audit entry of who
    /// read personal data) or depends on more of the caller than its <see cref="ICallerPartition"/> key. A subscription that
    /// selects a field of this name anywhere runs on its own instead of sharing one run with identical subscriptions.
    /// </summary>
    public static TMetadataWriter RunsPerCaller<TMetadataWriter>(this TMetadataWriter field)
        where TMetadataWriter : IMetadataWriter => field.WithMetadata(PerCallerKey, true);

    internal static bool IsPerCaller(this IFieldType field) => field.GetMetadata(PerCallerKey, false);
}
