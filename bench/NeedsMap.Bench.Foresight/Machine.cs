namespace NeedsMap.Bench.Foresight;

internal static class Machine
{
    public static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
}
