using NeedsMap.Api.Common.Events;
using NeedsMap.Api.Consultations;
using NeedsMap.Api.Consultations.Graph;
using NeedsMap.Api.Dispatch;
using NeedsMap.Api.Dispatch.Graph;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Lists;
using NeedsMap.Api.Lists.Graph;
using NeedsMap.Api.Loop;
using NeedsMap.Api.Scenes;
using NeedsMap.Api.Scenes.Effect;
using NeedsMap.Api.Scenes.Graph;

namespace NeedsMap.Api.Extensions;

/// <summary>Closing the loop (issue #6): departments and whistles, scenes, consultations, the reform and one-thing lists.</summary>
internal static class LoopExtensions
{
    public static IServiceCollection AddNeedsMapLoop(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LoopOptions>(configuration.GetSection("NeedsMap:Loop"));
        services.AddScoped<LoopCommit>();
        services.AddSingleton<Hub<Whistle>>();
        services.AddSingleton<Hub<ConsultationActivity>>();
        services.AddHostedService<LoopChangeListener>();

        services.AddSingleton<DepartmentDirectory>();
        services.AddHostedService<DispatchSeeder>();
        // The demo city's story (issue #15) needs the departments: it starts right after them.
        services.AddHostedService<Data.Seeding.Story.DemoStoryLoader>();
        services.AddScoped<ServiceList>();
        services.AddScoped<WhistleReader>();
        services.AddScoped<WhistleSubjects>();
        services.AddScoped<NeedStatusSync>();
        services.AddScoped<WhistleBlowing>();
        services.AddScoped<WhistleMoves>();
        services.AddScoped<WhistleWorkflow>();
        services.AddScoped<WhistleFeedback>();
        services.AddScoped<WhistleEscalator>();
        services.AddHostedService<WhistleEscalationJob>();
        services.AddSingleton<IQueryFields, DispatchQueries>();
        services.AddSingleton<IQueryFields, NeedHistoryQueries>();
        services.AddSingleton<IMutationFields, DispatchMutations>();
        services.AddSingleton<ISubscriptionFields, WhistleSubscriptions>();

        services.AddScoped<SceneWriter>();
        services.AddScoped<SceneReader>();
        services.AddScoped<SceneControlArea>();
        services.AddSingleton<WeeklyDemand>();
        services.AddScoped<CommunityWeeklyDemand>();
        services.AddScoped<SceneEffectCalculator>();
        services.AddScoped<SceneEvaluation>();
        services.AddSingleton<IQueryFields, SceneQueries>();
        services.AddSingleton<IMutationFields, SceneMutations>();

        services.AddScoped<ConsultationReader>();
        services.AddScoped<ConsultationDiscussion>();
        services.AddScoped<ConsultationProposals>();
        services.AddScoped<ConsultationClosing>();
        services.AddSingleton<IQueryFields, ConsultationQueries>();
        services.AddSingleton<IMutationFields, ConsultationMutations>();
        services.AddSingleton<ISubscriptionFields, ConsultationSubscriptions>();

        services.AddScoped<ReformList>();
        services.AddSingleton<IQueryFields, ListQueries>();
        services.AddSingleton<IMutationFields, ListMutations>();
        return services;
    }
}
