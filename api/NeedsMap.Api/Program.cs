using NeedsMap.Api.Channels.Batch;
using NeedsMap.Api.Extensions;
using NeedsMap.Api.Security;

var builder = WebApplication.CreateBuilder(args);
if (TokenCommand.IsInvoked(args))
{
    return TokenCommand.Run(args, builder.Configuration, Console.Out, Console.Error);
}

builder.Services.AddNeedsMapData(builder.Configuration);
builder.Services.AddNeedsMapFeatures();
builder.Services.AddNeedsMapChannels(builder.Configuration);
builder.Services.AddNeedsMapLoop(builder.Configuration);
builder.Services.AddNeedsMapGraph();
builder.Services.AddNeedsMapSecurity(builder.Configuration);
builder.Services.AddNeedsMapWeather();

var app = builder.Build();

if (args is ["ingest", .. var ingestArgs])
{
    return await IngestCommand.RunAsync(app.Services, ingestArgs);
}
if (args is [SecretRotation.CommandName])
{
    return await SecretRotation.RunCommandAsync(app.Services);
}

app.UseNeedsMapSecurity();
app.MapNeedsMapGraph();
app.MapNeedsMapChannels();
app.MapNeedsMapWeather();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
