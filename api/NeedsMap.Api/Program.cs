using NeedsMap.Api.Extensions;
using NeedsMap.Api.Security;

var builder = WebApplication.CreateBuilder(args);
if (TokenCommand.IsInvoked(args))
{
    return TokenCommand.Run(args, builder.Configuration, Console.Out, Console.Error);
}

builder.Services.AddNeedsMapData(builder.Configuration);
builder.Services.AddNeedsMapFeatures();
builder.Services.AddNeedsMapGraph();
builder.Services.AddNeedsMapSecurity(builder.Configuration);

var app = builder.Build();

app.UseNeedsMapSecurity();
app.MapNeedsMapGraph();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

app.Run();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
