using NeedsMap.Api.Channels.Batch;
using NeedsMap.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddNeedsMapData(builder.Configuration);
builder.Services.AddNeedsMapFeatures();
builder.Services.AddNeedsMapChannels(builder.Configuration);
builder.Services.AddNeedsMapGraph();

var app = builder.Build();

if (args is ["ingest", .. var ingestArgs])
{
    return await IngestCommand.RunAsync(app.Services, ingestArgs);
}

app.MapNeedsMapGraph();
app.MapNeedsMapChannels();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
