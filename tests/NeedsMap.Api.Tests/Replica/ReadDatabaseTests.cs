using Microsoft.Extensions.Configuration;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Tests.Replica;

/// <summary>How the read connection is made from the two settings (no database needed).</summary>
public sealed class ReadDatabaseTests
{
    private const string Primary = "Host=db-primary;Port=5432;Username=app;Database=needsmap";

    [Fact]
    public void A_single_standby_is_tried_first_with_the_primary_behind_it()
    {
        var read = ReadDatabase.ReadConnection(Primary, "Host=db-replica;Port=6543;Username=app;Database=needsmap");
        Assert.Equal("db-replica:6543,db-primary:5432", read.Host);
        Assert.Equal("prefer-standby", read.TargetSessionAttributes);
        Assert.Equal("needsmap", read.Database);
    }

    [Fact]
    public void A_replica_string_with_its_own_hosts_or_target_is_taken_as_written()
    {
        const string several = "Host=r1:5432,r2:5432;Username=app;Database=needsmap";
        Assert.Equal("r1:5432,r2:5432", ReadDatabase.ReadConnection(Primary, several).Host);
        Assert.Null(ReadDatabase.ReadConnection(Primary, several).TargetSessionAttributes);
        var strict = ReadDatabase.ReadConnection(Primary, "Host=r1;Username=app;Database=needsmap;Target Session Attributes=standby");
        Assert.Equal("r1", strict.Host);
        Assert.Equal("standby", strict.TargetSessionAttributes);
    }

    [Fact]
    public void The_setting_comes_from_the_connection_strings_then_NEEDSMAP_DB_REPLICA()
    {
        IConfiguration Config(params (string, string)[] pairs) => new ConfigurationBuilder()
            .AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Item1, p.Item2))).Build();
        Assert.Null(ReadDatabase.FindReplicaConnectionString(Config()));
        Assert.Equal("Host=b", ReadDatabase.FindReplicaConnectionString(Config(("NEEDSMAP_DB_REPLICA", "Host=b"))));
        Assert.Equal("Host=a", ReadDatabase.FindReplicaConnectionString(Config(("ConnectionStrings:NeedsMapReadReplica", "Host=a"), ("NEEDSMAP_DB_REPLICA", "Host=b"))));
    }
}
