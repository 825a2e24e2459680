using System.Reflection;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Sdk.Tests.Records;

public class NeedRecordTests
{
    private static NeedRecord Sample() => new()
    {
        ExternalId = "YW20261127000123",
        Version = 1_795_000_000_000,
        ReceivedAt = new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(8)),
        Text = "鸡鸣山社区夜间施工噪声扰民",
        Location = new RecordLocation(120.0861, 29.3019, CoordinateSystem.Gcj02),
        Address = "义乌市江东街道鸡鸣山社区",
        ChannelCategory = "环境保护/噪声污染",
        CategoryCode = "noise.construction",
        Reporter = new ReporterAttributes("ab12", AgeBand.Age35To59, Gender.Female, ReporterGroup.MigrantWorker),
        Contact = new SensitiveContact("王小明", "13812345678", "330782198503124319"),
        Attributes = new Dictionary<string, string> { ["status"] = "办理中" },
        Status = RecordStatus.InProgress,
        Notes = [new RecordNote(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)), "activity", "已派执法中队核查")],
    };

    [Fact]
    public void Records_parsed_twice_are_equal_even_with_distinct_attribute_dictionaries_and_note_lists()
    {
        var first = Sample();
        var second = Sample();

        Assert.NotSame(first.Attributes, second.Attributes);
        Assert.NotSame(first.Notes, second.Notes);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Records_differing_in_any_single_property_are_not_equal()
    {
        var changes = new Dictionary<string, Func<NeedRecord, NeedRecord>>
        {
            [nameof(NeedRecord.ExternalId)] = r => r with { ExternalId = "other" },
            [nameof(NeedRecord.Version)] = r => r with { Version = r.Version + 1 },
            [nameof(NeedRecord.ReceivedAt)] = r => r with { ReceivedAt = r.ReceivedAt.AddSeconds(1) },
            [nameof(NeedRecord.Text)] = r => r with { Text = "其他" },
            [nameof(NeedRecord.Location)] = r => r with { Location = r.Location! with { System = CoordinateSystem.Wgs84 } },
            [nameof(NeedRecord.Address)] = r => r with { Address = null },
            [nameof(NeedRecord.ChannelCategory)] = r => r with { ChannelCategory = null },
            [nameof(NeedRecord.CategoryCode)] = r => r with { CategoryCode = "noise" },
            [nameof(NeedRecord.Reporter)] = r => r with { Reporter = r.Reporter with { Group = null } },
            [nameof(NeedRecord.Contact)] = r => r with { Contact = r.Contact! with { Phone = "13900001111" } },
            [nameof(NeedRecord.Attributes)] = r => r with { Attributes = new Dictionary<string, string> { ["status"] = "已办结" } },
            [nameof(NeedRecord.Status)] = r => r with { Status = RecordStatus.Resolved },
            [nameof(NeedRecord.Notes)] = r => r with { Notes = [.. r.Notes, new RecordNote(r.ReceivedAt.AddDays(1), "closed", "已办结")] },
        };
        var properties = typeof(NeedRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name);

        Assert.Equal(properties.Order(), changes.Keys.Order());
        foreach (var (property, change) in changes)
        {
            Assert.False(Sample().Equals(change(Sample())), $"a change of {property} went unnoticed");
        }
    }

    [Fact]
    public void Printing_a_record_does_not_print_the_contact_values()
    {
        var printed = Sample().ToString();

        Assert.DoesNotContain("13812345678", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("王小明", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("330782198503124319", printed, StringComparison.Ordinal);
        Assert.Contains("SensitiveContact { Name = (redacted), Phone = (redacted), IdNumber = (redacted) }", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Printing_a_rejection_leaves_out_the_raw_fragment()
    {
        var rejected = new RejectedRecord("YW1", RejectReasons.MissingField, "sqnr is empty", "{\"lxdh\":\"13812345678\"}");

        var printed = rejected.ToString();

        Assert.DoesNotContain("13812345678", printed, StringComparison.Ordinal);
        Assert.Contains("missing_field", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_from_time_grows_with_the_update_time()
    {
        var earlier = RecordVersion.FromTime(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        var later = RecordVersion.FromTime(new DateTimeOffset(2026, 11, 27, 9, 0, 1, TimeSpan.FromHours(8)));

        Assert.True(later > earlier);
    }
}
