using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NeedsMap.Api.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without a running database or the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<NeedsMapDbContext>
{
    public NeedsMapDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<NeedsMapDbContext>();
        DatabaseRegistration.Configure(options, "Host=127.0.0.1;Database=design_time");
        return new NeedsMapDbContext(options.Options);
    }
}
