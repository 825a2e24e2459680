using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Startup;
using NeedsMap.Graph.Transport;

namespace NeedsMap.Api.Tests.Architecture;

/// <summary>
/// Startup/NeedsMapServer is a list of feature modules; where a service is registered more than once its order is
/// behaviour (issue #20: splitting the registration into modules must not change it). Read from the composed list,
/// without starting anything.
/// </summary>
public sealed class ModuleOrderTests
{
    private static readonly IServiceCollection Services = Compose();

    private static IServiceCollection Compose()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Services.AddNeedsMap(builder.Configuration);
        return builder.Services;
    }

    private static List<string> Implementations<T>() => Services.Where(d => d.ServiceType == typeof(T) && !d.IsKeyedService)
        .Select(d => d.ImplementationType?.Name ?? "factory").ToList();

    [Fact]
    public void Write_hooks_run_privacy_then_the_weather_then_key_matters()
    {
        // needStats' fold first (Needs registers it; it touches only its own tables), the weather's two hooks (cells, then the
        // needs tiles' squares) in the rollup transaction; the key matters' writer is registered through a factory (one
        // instance serves as writer and hook).
        Assert.Equal(["NeedStatRollup", "MaskedTextWriter", "CellRollupWriter", "NeedTileSquareWriter", "factory"], Implementations<INeedWriteHook>());
    }

    [Fact]
    public void The_database_starts_first_and_the_demo_story_after_the_departments()
    {
        var hosted = Implementations<IHostedService>().Where(n => n != "factory" && !n.StartsWith("Telemetry", StringComparison.Ordinal)).ToList();
        Assert.Equal(nameof(DatabaseInitializer), hosted[0]);
        Assert.True(hosted.IndexOf("DispatchSeeder") < hosted.IndexOf("DemoStoryLoader"), string.Join(", ", hosted));
        Assert.True(hosted.IndexOf("LoopChangeListener") < hosted.IndexOf("DispatchSeeder"), string.Join(", ", hosted));
    }

    [Fact]
    public void Seeds_run_the_catalog_before_the_demo_city()
    {
        Assert.Equal(["ReferenceSeed", "DemoCitySeed"], Implementations<IDatabaseSeed>());
    }

    [Fact]
    public void Security_replaces_the_transport_defaults_registered_by_the_graph()
    {
        // The last registration wins: the caller's user context and socket authorizer, not the transport's defaults.
        Assert.Equal("SecurityUserContextBuilder", Implementations<IGraphQLUserContextBuilder>().Last());
        Assert.Equal("SecurityConnectionInitAuthorizer", Implementations<IConnectionInitAuthorizer>().Last());
    }

    [Fact]
    public void Every_root_field_contributor_is_registered_once()
    {
        foreach (var contributors in new[] { Implementations<IQueryFields>(), Implementations<IMutationFields>(), Implementations<ISubscriptionFields>() })
        {
            Assert.Equal(contributors.Count, contributors.Distinct().Count());
        }
        Assert.Equal("NodeQueries", Implementations<IQueryFields>()[0]);
    }
}
