using NeedsMap.Api.Channels.Batch;
using NeedsMap.Api.Channels.Inbox;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Channels.Pull;
using NeedsMap.Api.Channels.Quarantine;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Security.Auth.RateLimits;

namespace NeedsMap.Api.Channels;

/// <summary>Channels: the plugins, the inbox route, pulls, files, the quarantine and <c>channels</c>.</summary>
public static class ChannelsModule
{
    public static IServiceCollection AddNeedsMapChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IQueryFields, ChannelQueries>();
        services.AddSingleton<INeedFields, ChannelNeedFields>();
        services.Configure<ChannelPluginOptions>(configuration.GetSection("NeedsMap:Plugins"));
        services.AddSingleton<ChannelPluginCatalog>();
        services.AddSingleton<ChannelRegistrar>();
        services.AddHostedService<ChannelPluginWatcher>();
        services.AddHostedService<PullScheduler>();
        services.AddSingleton<ChannelKeys>();
        services.AddSingleton<IRatePartition, InboxRatePartition>();
        services.AddSingleton<ChannelStats>();
        services.AddScoped<QuarantineStore>();
        services.AddScoped<QuarantineReplayer>();
        services.AddScoped<ChannelReceiver>();
        services.AddScoped<ChannelPuller>();
        services.AddScoped<FileIngestion>();
        services.AddSingleton<IQueryFields, QuarantineQueries>();
        services.AddSingleton<IMutationFields, QuarantineMutations>();
        return services;
    }

    public static WebApplication MapNeedsMapChannels(this WebApplication app)
    {
        app.MapChannelInbox();
        return app;
    }
}
