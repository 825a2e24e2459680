using NeedsMap.Api.Common.Events;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Loop.Dispatch.Graph;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>Departments and whistles (吹哨): the directory, the workflow, escalation, a need's history and the whistle stream.</summary>
public static class DispatchModule
{
    public static IServiceCollection AddNeedsMapDispatch(this IServiceCollection services)
    {
        services.AddSingleton<Hub<Whistle>>();
        services.AddSingleton<DepartmentDirectory>();
        services.AddHostedService<DispatchSeeder>();
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
        return services;
    }
}
