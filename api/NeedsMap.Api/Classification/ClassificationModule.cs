using NeedsMap.Api.Classification.Training;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Classification;

/// <summary>Classification: the classifier models, training sets (also over HTTP), the review queue and labels.</summary>
public static class ClassificationModule
{
    public static IServiceCollection AddNeedsMapClassification(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClassifierSettings>(configuration.GetSection(ClassifierSettings.Section));
        services.AddSingleton<ClassifierModelStore>();
        services.AddSingleton<TrainingSetStore>();
        services.AddSingleton<ActiveClassifier>();
        services.AddSingleton<ClassifierModels>();
        // The categorizer Needs' ingestion asks for a need that came without a category.
        services.AddSingleton<Needs.Ingestion.ITextCategorizer, ClassifierCategorizer>();
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
