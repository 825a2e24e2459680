using NeedsMap.Api.Common.Events;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Loop.Consultations.Graph;

namespace NeedsMap.Api.Loop.Consultations;

/// <summary>Consultations (协商): discussion, proposals, closing, and their activity live.</summary>
public static class ConsultationsModule
{
    public static IServiceCollection AddNeedsMapConsultations(this IServiceCollection services)
    {
        services.AddSingleton<Hub<ConsultationActivity>>();
        services.AddScoped<ConsultationReader>();
        services.AddScoped<ConsultationDiscussion>();
        services.AddScoped<ConsultationProposals>();
        services.AddScoped<ConsultationClosing>();
        services.AddSingleton<IQueryFields, ConsultationQueries>();
        services.AddSingleton<IMutationFields, ConsultationMutations>();
        services.AddSingleton<ISubscriptionFields, ConsultationSubscriptions>();
        return services;
    }
}
