namespace NeedsMap.Graph.Transport.Http;

internal static class GraphQLMediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";
}
