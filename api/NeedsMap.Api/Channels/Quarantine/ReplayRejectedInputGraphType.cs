using GraphQL.Types;

namespace NeedsMap.Api.Channels.Quarantine;

public sealed record ReplayRejectedInput(List<long> Ids);

public sealed class ReplayRejectedInputGraphType : InputObjectGraphType<ReplayRejectedInput>
{
    public ReplayRejectedInputGraphType()
    {
        Name = "ReplayRejectedInput";
        Description = "The quarantined records to retry.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LongGraphType>>>>("ids").Description("The entries' quarantineId numbers.");
    }
}
