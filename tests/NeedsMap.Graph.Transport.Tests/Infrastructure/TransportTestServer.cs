using System.Net;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeedsMap.Graph.Transport.Tests.TestSchema;

namespace NeedsMap.Graph.Transport.Tests.Infrastructure;

/// <summary>The test schema behind the transport on real Kestrel at 127.0.0.1 and a free port, as a host would wire it.</summary>
public sealed class TransportTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TransportTestServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        HttpUrl = new Uri(baseAddress, "/graphql");
        WebSocketUrl = new UriBuilder(HttpUrl) { Scheme = "ws" }.Uri;
    }

    public Uri HttpUrl { get; }

    public Uri WebSocketUrl { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TransportTestServer> StartAsync(Action<GraphQLTransportOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();

        builder.Services.AddGraphQL(graphQL => graphQL
            .AddSchema<TransportTestSchema>()
            .AddGraphTypes(typeof(TransportTestSchema).Assembly)
            .AddSystemTextJson()
            .UsePersistedDocuments<TestPersistedDocuments>(GraphQL.DI.ServiceLifetime.Singleton, o => o.AllowOnlyPersistedDocuments = false));
        builder.Services.AddScoped<ScopedMarker>();
        builder.Services.AddSingleton<TestCacheVersion>();
        builder.Services.AddSingleton<TestBroadcast>();
        builder.Services.AddSingleton<IGraphQLUserContextBuilder, TestUserContextBuilder>();
        builder.Services.AddSingleton<IConnectionInitAuthorizer, TestConnectionInitAuthorizer>();
        builder.Services.AddGraphQLTransport(options =>
        {
            options.KeepAliveInterval = null;
            options.ConfigureExecution = (execution, _) => execution.UserContext.TryAdd("who", "hook");
            configure?.Invoke(options);
        });
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapGraphQLTransport();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TransportTestServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
