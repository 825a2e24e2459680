using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Graph;

public sealed class SchemaTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>
{
    /// <summary>
    /// schema.graphql at the repository root is the contract frontend teams read, so it is compared here as it is
    /// (Snapshooter would keep its own copy under __snapshots__, and two copies drift).
    /// </summary>
    [Fact]
    public void Printed_schema_matches_schema_graphql_at_the_repository_root()
    {
        var printed = SchemaText.Print(host.Service<ISchema>());
        var path = Path.Combine(RepositoryRoot(), "schema.graphql");
        if (Environment.GetEnvironmentVariable("NEEDSMAP_UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(path, printed);
        }
        Assert.True(File.Exists(path), "schema.graphql is missing at the repository root.");
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (committed != printed)
        {
            var line = committed.Split('\n').Zip(printed.Split('\n')).TakeWhile(p => p.First == p.Second).Count() + 1;
            Assert.Fail($"schema.graphql differs from the schema the code builds, first at line {line}. Review the change, then "
                + "rewrite the file with: NEEDSMAP_UPDATE_SCHEMA=1 scripts/test --filter FullyQualifiedName~SchemaTests");
        }
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
