using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace NeedsMap.Api.Tests.Graph;

public sealed class SchemaTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>
{
    [Fact]
    public void Printed_schema_matches_schema_graphql_at_the_repository_root()
    {
        var printed = SchemaText.Print(host.Service<ISchema>());
        var path = Path.Combine(RepositoryRoot(), "schema.graphql");
        if (Environment.GetEnvironmentVariable("NEEDSMAP_UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(path, printed);
        }
        var committed = File.Exists(path) ? File.ReadAllText(path) : "";
        Assert.True(committed == printed,
            "schema.graphql differs from the schema the code builds. Review the change, then run "
            + "NEEDSMAP_UPDATE_SCHEMA=1 scripts/test --filter FullyQualifiedName~SchemaTests to rewrite it.");
    }

    [Fact]
    public void Printed_schema_snapshot()
    {
        Snapshot.Match(SchemaText.Print(host.Service<ISchema>()));
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeedsMap.Graph.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }
}
