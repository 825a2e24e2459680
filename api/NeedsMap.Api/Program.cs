using NeedsMap.Api.Cells.Rollups;
using NeedsMap.Api.Channels.Batch;
using NeedsMap.Api.Classification.Training;
using NeedsMap.Api.Extensions;
using NeedsMap.Api.Security;

var builder = WebApplication.CreateBuilder(args);
if (TokenCommand.IsInvoked(args))
{
    return TokenCommand.Run(args, builder.Configuration, Console.Out, Console.Error);
}

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
if (args is [TrainClassifierCommand.Name, .. var trainArgs])
{
    return await TrainClassifierCommand.RunAsync(app.Services, trainArgs, Console.Out, Console.Error);
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
