using NeedsMap.Api.Classification;
using NeedsMap.Api.Classification.Training;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Extensions;

internal static class ClassificationExtensions
{
    public static IServiceCollection AddNeedsMapClassification(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClassifierSettings>(configuration.GetSection(ClassifierSettings.Section));
        services.AddSingleton<ClassifierModelStore>();
        services.AddSingleton<TrainingSetStore>();
        services.AddSingleton<ActiveClassifier>();
        services.AddSingleton<ClassifierModels>();
        services.AddScoped<ReviewQueueReader>();
        services.AddScoped<NeedLabeler>();
        services.AddScoped<CityLabels>();
        services.AddScoped<TrainingSetImporter>();
        services.AddScoped<ClassifierTraining>();
        services.AddSingleton<IQueryFields, ClassificationQueries>();
        services.AddSingleton<IMutationFields, ClassificationMutations>();
        return services;
    }

    public static WebApplication MapNeedsMapClassification(this WebApplication app)
    {
        app.MapTrainingSets();
        return app;
    }
}
