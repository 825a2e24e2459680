using GraphQL;
using GraphQL.Types;

namespace NeedsMap.Graph.Transport.Tests.TestSchema;

public sealed class TestMutationGraphType : ObjectGraphType
{
    private int _counter;

    public TestMutationGraphType()
    {
        Name = "Mutation";
        Field<NonNullGraphType<IntGraphType>>("increment")
            .Argument<NonNullGraphType<IntGraphType>>("by")
            .Resolve(context => Interlocked.Add(ref _counter, context.GetArgument<int>("by")));
    }
}
