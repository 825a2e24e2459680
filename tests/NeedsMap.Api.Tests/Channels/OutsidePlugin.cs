using System.Diagnostics;

namespace NeedsMap.Api.Tests.Channels;

/// <summary>
/// A channel plugin written where an integrator writes one: a folder of its own outside the solution, a project that
/// references nothing of ours but the NeedsMap.Sdk package, packed from this repository into a local folder feed.
/// Restores offline: the SDK from the feed, everything else from the machine's package folder (read-only, as a
/// fallback), into a package folder of its own so nothing leaks into or comes stale out of the shared cache.
/// </summary>
internal sealed class OutsidePlugin : IDisposable
{
    public const string Name = "Outside.CommunityApp";
    public const string ChannelCode = "community-app";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("needsmap-outside-plugin-");

    public string PublishDirectory => Path.Combine(_work.FullName, "publish");

    public string WorkDirectory => _work.FullName;

    public async Task BuildAsync()
    {
        var feed = Path.Combine(_work.FullName, "feed");
        var source = Path.Combine(_work.FullName, "src");
        Directory.CreateDirectory(source);
        // A version no cache has ever seen, so the build can only have used the package just packed.
        var version = $"1.0.0-outside.{DateTime.UtcNow:yyyyMMddHHmmss}.{Guid.NewGuid().ToString("N")[..6]}";
        var sdkProject = Path.Combine(PluginFolder.RepositoryRoot, "sdk", "NeedsMap.Sdk", "NeedsMap.Sdk.csproj");
        await DotnetAsync(PluginFolder.RepositoryRoot, "pack", sdkProject, "-c", PluginFolder.Configuration, "--no-build", "--no-restore",
            "-o", feed, $"-p:PackageVersion={version}", $"-p:NuspecOutputPath={Path.Combine(_work.FullName, "nuspec")}");

        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        await File.WriteAllTextAsync(Path.Combine(source, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="needsmap-sdk" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="needsmap-sdk"><package pattern="NeedsMap.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders>
                <clear />
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(source, Name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EnableDynamicLoading>true</EnableDynamicLoading>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="NeedsMap.Sdk" Version="{version}" ExcludeAssets="runtime" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(source, "CommunityAppAdapter.cs"), AdapterSource);
        await DotnetAsync(source, "publish", "-c", "Release", "-o", PublishDirectory, $"-p:RestorePackagesPath={Path.Combine(_work.FullName, "packages")}");
    }

    /// <summary>Copies the published plugin into a server's plugin root as &lt;Root&gt;/&lt;Name&gt;/&lt;Name&gt;.dll.</summary>
    public void InstallInto(string pluginRoot)
    {
        var target = Path.Combine(pluginRoot, Name);
        foreach (var file in Directory.GetFiles(PublishDirectory, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(PublishDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    private static async Task DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments.Concat(["-nologo", "-v", "q", "-nodeReuse:false"]))
        {
            start.ArgumentList.Add(argument);
        }
        // dotnet test runs us inside MSBuild's environment; a child build must pick its own SDK paths.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }
    }

    public void Dispose()
    {
        try
        {
            _work.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private const string AdapterSource = """
        using System.Text.Json;
        using NeedsMap.Sdk;
        using NeedsMap.Sdk.Geo;
        using NeedsMap.Sdk.Privacy;

        namespace Outside.CommunityApp;

        /// <summary>A community mini-program's reports: a JSON array of {id, time, text, lng, lat} in GCJ-02.</summary>
        public sealed class CommunityAppAdapter : IChannelAdapter
        {
            public ChannelDescriptor Descriptor { get; } =
                new("community-app", "社区小程序随手拍", "application/json", CoordinateSystem.Gcj02, "居民在社区小程序里随手拍上报的问题。");

            public ParseResult Parse(ChannelPayload payload, IChannelContext context)
            {
                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(payload.GetText());
                }
                catch (JsonException)
                {
                    return ParseResult.Failed(new RejectedRecord(null, RejectReasons.MalformedPayload, "Not JSON.", payload.GetText()));
                }
                using (document)
                {
                    var records = new List<NeedRecord>();
                    var rejected = new List<RejectedRecord>();
                    foreach (var item in document.RootElement.EnumerateArray())
                    {
                        if (!item.TryGetProperty("id", out var id) || !item.TryGetProperty("text", out var text))
                        {
                            rejected.Add(new RejectedRecord(null, RejectReasons.MissingField, "id and text are required.", item.GetRawText()));
                            continue;
                        }
                        var time = item.GetProperty("time").GetDateTimeOffset();
                        records.Add(new NeedRecord
                        {
                            ExternalId = id.GetString()!,
                            Version = RecordVersion.FromTime(time),
                            ReceivedAt = time,
                            Text = PersonalData.ScrubText(text.GetString()!),
                            Location = new RecordLocation(item.GetProperty("lng").GetDouble(), item.GetProperty("lat").GetDouble(), CoordinateSystem.Gcj02),
                        });
                    }
                    return new ParseResult(records, rejected);
                }
            }
        }
        """;
}
