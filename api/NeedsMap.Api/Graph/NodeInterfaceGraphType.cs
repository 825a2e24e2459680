using GraphQL.Types;

namespace NeedsMap.Api.Graph;

/// <summary>The Relay Node interface: anything with a global id can be fetched again with <c>node(id)</c>.</summary>
public sealed class NodeInterfaceGraphType : InterfaceGraphType
{
    public NodeInterfaceGraphType()
    {
        Name = "Node";
        Description = "An object with a global id (Relay).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A global id, opaque and stable.");
    }
}
