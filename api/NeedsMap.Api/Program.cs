using NeedsMap.Api.Cells.Rollups;
using NeedsMap.Api.Channels.Batch;
using NeedsMap.Api.Extensions;
using NeedsMap.Api.Operations.Telemetry;
using NeedsMap.Api.Security;

var builder = WebApplication.CreateBuilder(args);
if (TokenCommand.IsInvoked(args))
{
    return TokenCommand.Run(args, builder.Configuration, Console.Out, Console.Error);
}

builder.Logging.AddNeedsMapLogging(builder.Configuration, builder.Environment);
builder.Services.AddNeedsMap(builder.Configuration);

var app = builder.Build();

if (args is ["ingest", .. var ingestArgs])
{
    return await IngestCommand.RunAsync(app.Services, ingestArgs);
}
if (args is [RebuildCellsCommand.Name, .. var rebuildArgs])
{
    return await RebuildCellsCommand.RunAsync(app.Services, rebuildArgs, Console.Out, Console.Error);
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
