using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NeedsMap.Sdk;

namespace NeedsMap.Api.Tests.Channels.Faults;

/// <summary>
/// Channel plugins a test needs and no integrator would ship (a code too long, a parse that hangs or throws, a load that
/// never ends), compiled from source into a plugin folder as <c>&lt;Root&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c> against the real
/// SDK, so the host loads them exactly as it loads any plugin: in a context of their own, sharing only the SDK.
/// </summary>
internal static class TestPlugins
{
    /// <summary>A JSON adapter: [{"id","text","lon","lat"}] in WGS-84; <paramref name="parseBody"/> runs first in Parse.</summary>
    public static string Adapter(string code, string parseBody = "", string constructorBody = "", string extraMembers = "", string interfaces = "") => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using System.Text.Json;
        using NeedsMap.Sdk;
        using NeedsMap.Sdk.Geo;

        namespace Faulty;

        public sealed class FaultyAdapter : IChannelAdapter{{interfaces}}
        {
            public FaultyAdapter()
            {
                {{constructorBody}}
            }

            public ChannelDescriptor Descriptor { get; } =
                new("{{code}}", "故障测试渠道", "application/json", CoordinateSystem.Wgs84, "测试宿主如何对待有问题的插件。");

            public ParseResult Parse(ChannelPayload payload, IChannelContext context)
            {
                {{parseBody}}
                using var document = JsonDocument.Parse(payload.GetText());
                var records = new List<NeedRecord>();
                foreach (var item in document.RootElement.EnumerateArray())
                {
                    records.Add(new NeedRecord
                    {
                        ExternalId = item.GetProperty("id").GetString()!,
                        Version = 1,
                        ReceivedAt = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)),
                        Text = item.GetProperty("text").GetString()!,
                        Location = new RecordLocation(item.GetProperty("lon").GetDouble(), item.GetProperty("lat").GetDouble(), CoordinateSystem.Wgs84),
                        CategoryCode = "utilities.streetlight",
                    });
                }
                return new ParseResult(records, []);
            }

            {{extraMembers}}
        }
        """;

    /// <summary>Compiles <paramref name="source"/> into <c>&lt;root&gt;/&lt;name&gt;/&lt;name&gt;.dll</c>.</summary>
    public static void Install(string root, string name, string source)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        var compilation = CSharpCompilation.Create(name,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var output = new MemoryStream();
        var emitted = compilation.Emit(output);
        if (!emitted.Success)
        {
            throw new InvalidOperationException("The test plugin does not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }
        File.WriteAllBytes(Path.Combine(folder, name + ".dll"), output.ToArray());
    }

    // The running framework's assemblies and the SDK: what a plugin built against the SDK package compiles against.
    private static readonly Lazy<List<MetadataReference>> References = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(typeof(IChannelAdapter).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
    ]);
}
