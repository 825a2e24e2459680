using NeedsMap.Channels.Ambulance120;
using NeedsMap.Channels.FourPlatforms;
using NeedsMap.Channels.Hotline12345;
using NeedsMap.Channels.Hotline96150;
using NeedsMap.Channels.MessageBoard;
using NeedsMap.Channels.Open311;
using NeedsMap.Channels.Police110;
using NeedsMap.Channels.Traffic122;
using NeedsMap.Channels.WeChat;
using NeedsMap.Channels.Zheliban;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Testing;

namespace NeedsMap.Channels.Tests;

public class ConformanceTests
{
    public static TheoryData<string> Channels => new(Plugins.Keys);

    internal static readonly Dictionary<string, Func<IChannelAdapter>> Plugins = new()
    {
        ["NeedsMap.Channels.Ambulance120"] = () => new Ambulance120Adapter(),
        ["NeedsMap.Channels.FourPlatforms"] = () => new FourPlatformsAdapter(),
        ["NeedsMap.Channels.Hotline12345"] = () => new Hotline12345Adapter(),
        ["NeedsMap.Channels.Hotline96150"] = () => new Hotline96150Adapter(),
        ["NeedsMap.Channels.MessageBoard"] = () => new MessageBoardAdapter(),
        ["NeedsMap.Channels.Open311"] = () => new Open311Adapter(),
        ["NeedsMap.Channels.Police110"] = () => new Police110Adapter(),
        ["NeedsMap.Channels.Traffic122"] = () => new Traffic122Adapter(),
        ["NeedsMap.Channels.WeChat"] = () => new WeChatAdapter(),
        ["NeedsMap.Channels.Zheliban"] = () => new ZhelibanAdapter(),
    };

    [Theory]
    [MemberData(nameof(Channels))]
    public void Every_plugin_passes_the_conformance_kit_over_its_own_samples(string project)
    {
        var report = AdapterConformance.Check(Plugins[project](), Samples.Of(project), Samples.Options);

        Assert.True(report.Passed, report.ToString());
        Assert.True(report.RecordsChecked > 0 && report.RejectionsChecked > 0, report.ToString());
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Every_plugin_ships_valid_and_malformed_samples(string project)
    {
        var samples = Samples.Of(project);

        Assert.Contains(samples, s => s.IsValid);
        Assert.Contains(samples, s => !s.IsValid);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Every_plugin_maps_every_valid_sample_record_to_a_standard_category(string project)
    {
        var adapter = Plugins[project]();

        var unmapped = Samples.Of(project).Where(s => s.IsValid)
            .SelectMany(s => adapter.Parse(s.Payload, new TestChannelContext()).Records)
            .Where(r => r.CategoryCode is null)
            .Select(r => r.ExternalId);

        Assert.Empty(unmapped);
    }

    [Fact]
    public void Every_plugin_project_is_covered_by_these_tests()
    {
        var projects = Directory.GetDirectories(Path.Combine(Samples.RepositoryRoot, "plugins"), "NeedsMap.Channels.*")
            .Select(Path.GetFileName);

        Assert.Equal(projects.Order(), Plugins.Keys.Order());
    }
}
