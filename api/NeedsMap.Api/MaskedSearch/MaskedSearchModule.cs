using NeedsMap.Api.Needs.Ingestion;

namespace NeedsMap.Api.MaskedSearch;

/// <summary>
/// The masked texts that roles without personal data search (issue #17): a write hook and a start-up catch-up on Needs'
/// own interfaces (<see cref="INeedWriteHook"/>, <see cref="INeedCatchUp"/>), so this folder sits above Needs and Needs
/// names none of it; the filter reads the table by name (<c>Filtering/NeedFilterSql.MaskedTextTable</c>).
/// </summary>
public static class MaskedSearchModule
{
    public static IServiceCollection AddNeedsMapMaskedSearch(this IServiceCollection services)
    {
        services.AddSingleton<INeedWriteHook, MaskedTextWriter>();
        services.AddSingleton<MaskedTextIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<MaskedTextIndexer>());
        services.AddSingleton<INeedCatchUp>(sp => sp.GetRequiredService<MaskedTextIndexer>());
        return services;
    }
}
