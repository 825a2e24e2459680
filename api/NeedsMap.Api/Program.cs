using NeedsMap.Api.Cells.Rollups;
using NeedsMap.Api.Channels.Batch;
using NeedsMap.Api.Demo;
using NeedsMap.Api.Extensions;
using NeedsMap.Api.Operations.Telemetry;
using NeedsMap.Api.Security;
using NeedsMap.Api.Startup;

var builder = WebApplication.CreateBuilder(args);
SettingsFile.AddFromEnvironment(builder.Configuration);
if (TokenCommand.IsInvoked(args))
{
    return TokenCommand.Run(args, builder.Configuration, Console.Out, Console.Error);
}
if (DemoSetupCommand.IsInvoked(args))
{
    return await DemoSetupCommand.RunAsync(args, Console.Out, Console.Error);
}

builder.Logging.AddNeedsMapLogging(builder.Configuration, builder.Environment);
WebApplication app;
try
{
    builder.Services.AddNeedsMap(builder.Configuration);
    app = builder.Build();
}
catch (InvalidOperationException ex) when (StartupRefusal.Explain(ex, builder.Environment.EnvironmentName) is { } unreadable)
{
    // A value that does not convert (NeedsMap:Cases:Days=seven) fails while the server is composed.
    await Console.Error.WriteLineAsync(unreadable);
    return 1;
}
// Every missing or invalid setting at once, before anything starts, instead of a stack trace naming the first.
if (StartupRefusal.Check(app.Services, app.Environment) is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return 1;
}

if (args is ["ingest", .. var ingestArgs])
{
    return await IngestCommand.RunAsync(app.Services, ingestArgs);
}
if (args is [RebuildCellsCommand.Name, .. var rebuildArgs])
{
    return await RebuildCellsCommand.RunAsync(app.Services, rebuildArgs, Console.Out, Console.Error);
}
if (args is [NeedsMap.Api.Areas.ImportAreasCommand.Name, .. var areaArgs])
{
    return await NeedsMap.Api.Areas.ImportAreasCommand.RunAsync(app.Services, areaArgs, Console.Out, Console.Error);
}
if (args is [NeedsMap.Api.Jurisdictions.Divisions.ImportDivisionsCommand.Name, .. var divisionArgs])
{
    return await NeedsMap.Api.Jurisdictions.Divisions.ImportDivisionsCommand.RunAsync(app.Services, divisionArgs, Console.Out, Console.Error);
}
if (args is [NeedsMap.Api.Export.ExportCommand.Name, .. var exportArgs])
{
    return await NeedsMap.Api.Export.ExportCommand.RunAsync(app.Services, exportArgs, Console.Out, Console.Error);
}
if (args is [SecretRotation.CommandName])
{
    return await SecretRotation.RunCommandAsync(app.Services);
}

app.MapNeedsMap();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
