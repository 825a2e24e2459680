using NeedsMap.Api.Classification;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Extensions;

internal static class ClassificationExtensions
{
    public static IServiceCollection AddNeedsMapClassification(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClassifierSettings>(configuration.GetSection(ClassifierSettings.Section));
        services.AddSingleton<ClassifierModelStore>();
        services.AddSingleton<ActiveClassifier>();
        services.AddSingleton<ClassifierModels>();
        services.AddScoped<ReviewQueueReader>();
        services.AddScoped<NeedLabeler>();
        services.AddScoped<ClassifierTraining>();
        services.AddSingleton<IQueryFields, ClassificationQueries>();
        services.AddSingleton<IMutationFields, ClassificationMutations>();
        return services;
    }
}
