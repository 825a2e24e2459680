using NeedsMap.Api.Data;

namespace NeedsMap.Api.Areas;

/// <summary><c>dotnet NeedsMap.Api.dll import-areas KIND FILE.geojson</c>: imports service areas as importServiceAreas does (KIND: school_district, clinic_catchment, other).</summary>
internal static class ImportAreasCommand
{
    public const string Name = "import-areas";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length != 2 || !Enum.TryParse<ServiceAreaKind>(args[0].Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var kind)
            || !File.Exists(args[1]))
        {
            await error.WriteLineAsync("usage: NeedsMap.Api import-areas school_district|clinic_catchment|other FILE.geojson");
            return 2;
        }
        foreach (var initializer in services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Security.AccessScope>().Actor = "cli:import-areas";
        try
        {
            var areas = await scope.ServiceProvider.GetRequiredService<ServiceAreaImport>()
                .ImportAsync(new ImportServiceAreasInput(kind, await File.ReadAllTextAsync(args[1]), Path.GetFileName(args[1])), CancellationToken.None);
            await output.WriteLineAsync($"import-areas: {areas.Count} {kind} areas from {args[1]}: {string.Join(", ", areas.Select(a => a.Code))}");
            return 0;
        }
        catch (NeedsMap.Api.Graph.DomainException ex)
        {
            await error.WriteLineAsync($"import-areas: {ex.Code}: {ex.Message}");
            return 1;
        }
    }
}
