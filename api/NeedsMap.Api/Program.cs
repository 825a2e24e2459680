using NeedsMap.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddNeedsMapData(builder.Configuration);
builder.Services.AddNeedsMapFeatures();
builder.Services.AddNeedsMapGraph();
builder.Services.AddNeedsMapWeather();

var app = builder.Build();

app.MapNeedsMapGraph();
app.MapNeedsMapWeather();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
