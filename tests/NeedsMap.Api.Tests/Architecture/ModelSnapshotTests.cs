using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Tests.Architecture;

/// <summary>
/// The EF model the code builds is the one the migrations made: entity configurations may move between folders (issue #20),
/// the tables may not change without a migration. The same check as <c>dotnet ef migrations has-pending-model-changes</c>.
/// </summary>
public sealed class ModelSnapshotTests
{
    [Fact]
    public void The_model_has_no_changes_missing_from_the_migrations()
    {
        var options = new DbContextOptionsBuilder<NeedsMapDbContext>();
        DatabaseRegistration.Configure(options, "Host=127.0.0.1;Database=model_check");
        using var db = new NeedsMapDbContext(options.Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model differs from Data/Migrations' snapshot: add a migration (see NeedsMapDbContext), or undo the change.");
    }
}
