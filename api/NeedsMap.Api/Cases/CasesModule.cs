using NeedsMap.Api.Cases.Graph;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Graph;

namespace NeedsMap.Api.Cases;

/// <summary>Cases (诉求): needs about one matter linked into one case, and <c>case</c>.</summary>
public static class CasesModule
{
    public static IServiceCollection AddNeedsMapCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(CaseOptions.From(configuration));
        services.AddSingleton<CaseLinker>();
        services.AddScoped<CaseReader>();
        services.AddSingleton<INeedFields, NeedCaseField>();
        services.AddSingleton<IQueryFields, CaseQueries>();
        return services;
    }
}
