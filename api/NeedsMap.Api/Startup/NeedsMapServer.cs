using NeedsMap.Api.Areas;
using NeedsMap.Api.Cases;
using NeedsMap.Api.Categories;
using NeedsMap.Api.Channels;
using NeedsMap.Api.Classification;
using NeedsMap.Api.Cost;
using NeedsMap.Api.Data;
using NeedsMap.Api.Demo;
using NeedsMap.Api.Demo.Seeding;
using NeedsMap.Api.Divisions;
using NeedsMap.Api.Export;
using NeedsMap.Api.Failures;
using NeedsMap.Api.GraphEdge;
using NeedsMap.Api.Jurisdictions;
using NeedsMap.Api.KeyMatters;
using NeedsMap.Api.Loop;
using NeedsMap.Api.Loop.Consultations;
using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Loop.Lists;
using NeedsMap.Api.Loop.Scenes;
using NeedsMap.Api.MaskedSearch;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Open311;
using NeedsMap.Api.OpenApi;
using NeedsMap.Api.Operations;
using NeedsMap.Api.Partitions;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Replica;
using NeedsMap.Api.Security;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Api.Taxonomy;
using NeedsMap.Api.Weather;
using NeedsMap.Api.Web;

namespace NeedsMap.Api.Startup;

/// <summary>
/// The whole server as a list of feature modules (each folder's <c>XxxModule</c> registers its own services, GraphQL
/// fields, routes and hooks). Program (through <c>Cli/CommandHost.Compose</c> and <c>Cli/ServerCommand</c>), the
/// benchmarks and the test hosts compose it from here, so a feature added once runs (and is measured) everywhere.
/// </summary>
/// <remarks>
/// Order matters where a service is registered more than once: the write hooks run in registration order (privacy,
/// then cells, then key matters); hosted services start in it (the database first, the demo story after the
/// departments); a later <c>AddGraphQL</c> or <c>PostConfigure&lt;GraphQLTransportOptions&gt;</c> wraps the earlier
/// ones (Graph, then Security, then Cost); Graph's transport defaults are replaced by Security's user context.
/// The middleware runs in the order of <see cref="MapNeedsMap"/>.
/// </remarks>
public static class NeedsMapServer
{
    public static IServiceCollection AddNeedsMap(this IServiceCollection services, IConfiguration configuration) => services
        .AddNeedsMapSettingsChecks(configuration)
        .AddNeedsMapResilience()
        .AddNeedsMapData(configuration)
        // Always: the lag-tolerant readers ask for its keyed data source, which is the primary's when no replica is set.
        .AddNeedsMapReadReplica(configuration)
        .AddNeedsMapReference()
        .AddNeedsMapGraph(configuration)
        .AddNeedsMapJurisdictions()
        .AddNeedsMapCategories()
        .AddNeedsMapNeeds()
        .AddNeedsMapChannels(configuration)
        .AddNeedsMapLoop(configuration)
        .AddNeedsMapDispatch()
        .AddNeedsMapDemoCity()
        .AddNeedsMapScenes()
        .AddNeedsMapConsultations()
        .AddNeedsMapLists()
        .AddNeedsMapSecurity(configuration)
        .AddNeedsMapPrivacy()
        .AddNeedsMapMaskedSearch()
        .AddNeedsMapFailures()
        .AddNeedsMapCost(configuration)
        .AddNeedsMapCells()
        .AddNeedsMapWeb(configuration)
        .AddNeedsMapClassification(configuration)
        .AddNeedsMapKeyMatters(configuration)
        .AddNeedsMapCases(configuration)
        .AddNeedsMapDemo()
        .AddNeedsMapAreas()
        .AddNeedsMapDivisions()
        .AddNeedsMapTaxonomy()
        .AddNeedsMapOperations(configuration)
        .AddNeedsMapExport(configuration)
        .AddNeedsMapOpen311(configuration)
        .AddNeedsMapOpenApi()
        .AddNeedsMapPartitions();

    public static WebApplication MapNeedsMap(this WebApplication app)
    {
        app.UseNeedsMapOperations();
        app.UseNeedsMapFailures();
        app.UseNeedsMapSecurity();
        app.UseNeedsMapCost();
        app.MapNeedsMapWeb();
        app.MapNeedsMapGraph();
        app.MapNeedsMapChannels();
        app.MapNeedsMapCells();
        app.MapNeedsMapDemo();
        app.MapNeedsMapOperations();
        app.MapNeedsMapExport();
        app.MapNeedsMapOpen311();
        app.MapNeedsMapOpenApi();
        app.MapNeedsMapClassification();
        return app;
    }
}
