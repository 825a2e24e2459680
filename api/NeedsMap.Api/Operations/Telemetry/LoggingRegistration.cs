namespace NeedsMap.Api.Operations.Telemetry;

/// <summary>Console logs as JSON lines in Production (or when <c>NeedsMap:Telemetry:JsonConsole</c> says so), plain elsewhere.</summary>
public static class LoggingRegistration
{
    public static ILoggingBuilder AddNeedsMapLogging(this ILoggingBuilder logging, IConfiguration configuration, IHostEnvironment environment)
    {
        var json = configuration.GetValue<bool?>(TelemetrySettings.Section + ":JsonConsole") ?? environment.IsProduction();
        if (json)
        {
            logging.ClearProviders();
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions
                {
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                };
            });
        }
        return logging;
    }
}
