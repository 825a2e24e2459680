using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Areas;

/// <summary><c>dotnet NeedsMap.Api.dll import-areas KIND FILE.geojson</c>: imports service areas as importServiceAreas does (KIND: school_district, clinic_catchment, other).</summary>
internal static class ImportAreasCommand
{
    public const string Name = "import-areas";

    public static async Task<int> RunAsync(IServiceProvider services, string kindName, string file, CliContext context, CancellationToken cancellationToken)
    {
        var kind = Enum.Parse<ServiceAreaKind>(kindName.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
        foreach (var initializer in services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(cancellationToken);
        }
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Security.Auth.AccessScope>().Actor = "cli:import-areas";
        // A refusal (DomainException: a bad polygon, a duplicate code) reaches the CLI, which prints its code and exits 1.
        var areas = await scope.ServiceProvider.GetRequiredService<ServiceAreaImport>()
            .ImportAsync(new ImportServiceAreasInput(kind, await File.ReadAllTextAsync(file, cancellationToken), Path.GetFileName(file)), cancellationToken);
        await context.Output.WriteLineAsync($"import-areas: {areas.Count} {kind} areas from {file}: {string.Join(", ", areas.Select(a => a.Code))}");
        return ExitCodes.Ok;
    }
}
