using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Testing;

namespace NeedsMap.Sdk.Tests.Testing;

public class AdapterConformanceTests
{
    private static readonly ConformanceOptions Yiwu = new() { ExpectedArea = new GeoBoundingBox(119.8, 29.0, 120.35, 29.55) };

    private static readonly SamplePayload Valid = new("valid", ChannelPayload.FromText(
        """[{"id":"A1","text":"工地夜间施工噪声扰民","phone":"13812345678","lon":120.098233,"lat":29.295318}]""", "application/json"), IsValid: true);

    private static readonly SamplePayload Invalid = new("invalid", ChannelPayload.FromText(
        """[{"id":"B1","phone":"13812345678","lon":120.098233,"lat":29.295318}]""", "application/json"), IsValid: false);

    private static ConformanceReport Check(FakeAdapter adapter) => AdapterConformance.Check(adapter, [Valid, Invalid], Yiwu);

    [Fact]
    public void A_well_behaved_adapter_passes_with_no_findings()
    {
        var report = Check(new FakeAdapter());

        Assert.True(report.Passed, report.ToString());
        Assert.Empty(report.Findings);
        Assert.Equal((2, 1, 1), (report.SamplesChecked, report.RecordsChecked, report.RejectionsChecked));
    }

    [Fact]
    public void Throwing_on_bad_data_instead_of_rejecting_fails_the_report()
    {
        var report = Check(new FakeAdapter { ThrowOnBadData = true });

        Assert.False(report.Passed);
        Assert.Equal(ConformanceRules.ParseThrew, Assert.Single(report.Errors).Rule);
    }

    [Fact]
    public void External_ids_made_up_at_parse_time_are_caught_as_unstable()
    {
        Assert.True(Check(new FakeAdapter { RandomIds = true }).Has(ConformanceRules.ExternalIdUnstable));
    }

    [Fact]
    public void A_phone_left_in_the_text_is_caught_and_not_quoted_in_the_report()
    {
        var report = Check(new FakeAdapter { LeakPhoneIntoText = true });

        Assert.True(report.Has(ConformanceRules.PersonalDataUnmasked));
        Assert.True(report.Has(ConformanceRules.ContactLeaked));
        Assert.DoesNotContain("13812345678", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Swapped_latitude_and_longitude_are_caught()
    {
        var finding = Assert.Single(Check(new FakeAdapter { SwapCoordinates = true }).Errors);

        Assert.Equal(ConformanceRules.CoordinatesImplausible, finding.Rule);
        Assert.Contains("swapped", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Points_outside_the_expected_area_are_caught()
    {
        var farAway = new SamplePayload("valid", ChannelPayload.FromText(
            """[{"id":"A1","text":"施工噪声","phone":"13812345678","lon":116.404,"lat":39.915}]""", "application/json"), IsValid: true);

        var report = AdapterConformance.Check(new FakeAdapter(), [farAway, Invalid], Yiwu);

        Assert.True(report.Has(ConformanceRules.CoordinatesImplausible), report.ToString());
    }

    [Fact]
    public void A_reporter_key_that_is_not_a_hash_is_caught()
    {
        Assert.True(Check(new FakeAdapter { UnhashedReporterKey = true }).Has(ConformanceRules.ReporterKeyNotHashed));
    }

    [Fact]
    public void Receipt_time_taken_from_the_clock_is_caught_by_the_reparse_comparison()
    {
        // Two parses at the same clock agree; the id check parses again a day later, which must not matter for ids.
        var report = Check(new FakeAdapter { ClockAsReceivedAt = true });

        Assert.True(report.Passed, report.ToString());
        Assert.True(AdapterConformance.Check(new FakeAdapter { ClockAsReceivedAt = true, RandomIds = true }, [Valid], Yiwu).Has(ConformanceRules.ExternalIdUnstable));
    }

    [Fact]
    public void A_phone_written_to_the_log_is_caught()
    {
        Assert.True(Check(new FakeAdapter { LogPhone = true }).Has(ConformanceRules.LogLeaked));
    }

    [Fact]
    public void A_category_code_outside_the_taxonomy_is_caught()
    {
        Assert.True(Check(new FakeAdapter { CategoryCode = "noise.fireworks" }).Has(ConformanceRules.UnknownCategoryCode));
    }

    [Fact]
    public void An_incomplete_descriptor_is_caught_by_the_limits_the_host_enforces()
    {
        var adapter = new FakeAdapter { Descriptor = new ChannelDescriptor("Fake Channel", "Fake", "json", CoordinateSystem.Wgs84, "") };

        var report = Check(adapter);
        var limits = report.Findings.Where(f => f.Rule == ConformanceRules.DescriptorOutOfLimits).Select(f => f.Message).ToList();

        Assert.False(report.Passed);
        Assert.Contains(limits, m => m.StartsWith("Code 'Fake Channel'", StringComparison.Ordinal));
        Assert.Contains(limits, m => m.StartsWith("Description is empty", StringComparison.Ordinal));
        Assert.Contains(limits, m => m.StartsWith("NativeFormat 'json'", StringComparison.Ordinal));
        Assert.Single(report.Findings, f => f.Rule == ConformanceRules.DescriptorIncomplete); // the name is not Chinese
    }

    [Fact]
    public void A_forty_character_channel_code_fails_the_kit_as_it_fails_the_host()
    {
        var code = new string('c', 40);
        var adapter = new FakeAdapter { Descriptor = new ChannelDescriptor(code, "测试渠道", "application/json", CoordinateSystem.Gcj02, "太长的渠道代码。") };

        var report = Check(adapter);

        Assert.False(report.Passed);
        var finding = Assert.Single(report.Findings, f => f.Rule == ConformanceRules.DescriptorOutOfLimits);
        Assert.Equal($"Code is 40 characters long; at most {DescriptorLimits.MaxCodeLength} are allowed.", finding.Message);
        Assert.Equal(DescriptorLimits.Check(adapter.Descriptor).Single(), finding.Message);
    }

    [Fact]
    public void A_valid_sample_in_a_format_the_descriptor_does_not_accept_is_caught()
    {
        var adapter = new FakeAdapter { Descriptor = new ChannelDescriptor("fake", "测试渠道", "application/xml", CoordinateSystem.Gcj02, "只收XML。") };

        Assert.True(Check(adapter).Has(ConformanceRules.FormatNotAccepted));
        Assert.False(Check(new FakeAdapter()).Has(ConformanceRules.FormatNotAccepted));
    }

    [Fact]
    public void Notes_with_a_phone_in_clear_or_over_the_limits_are_caught()
    {
        var at = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8));

        Assert.True(Check(new FakeAdapter { Notes = [new RecordNote(at, "activity", "回访13812345678")] }).Has(ConformanceRules.PersonalDataUnmasked));
        Assert.True(Check(new FakeAdapter { Notes = [new RecordNote(at, "Activity Log", "已回访")] }).Has(ConformanceRules.RecordOutOfLimits));
        Assert.True(Check(new FakeAdapter { Notes = [new RecordNote(at, "activity", new string('长', RecordNote.MaxTextLength + 1))] })
            .Has(ConformanceRules.RecordOutOfLimits));
        Assert.True(Check(new FakeAdapter { Notes = [new RecordNote(at, "activity", "已回访")], Status = RecordStatus.InProgress }).Passed);
    }

    [Fact]
    public void Samples_marked_wrongly_are_reported_both_ways()
    {
        var report = AdapterConformance.Check(new FakeAdapter(), [Valid with { IsValid = false }, Invalid with { IsValid = true }], Yiwu);

        Assert.True(report.Has(ConformanceRules.InvalidSampleAccepted));
        Assert.True(report.Has(ConformanceRules.ValidSampleRejected));
    }

    [Fact]
    public void Expected_counts_are_checked_when_given()
    {
        var report = AdapterConformance.Check(new FakeAdapter(), [Valid with { ExpectedRecords = 2 }, Invalid], Yiwu);

        Assert.True(report.Has(ConformanceRules.UnexpectedCount));
    }

    [Fact]
    public void Test_context_keeps_the_clock_still_until_advanced()
    {
        var context = new TestChannelContext();
        var start = context.Clock.GetUtcNow();

        context.AdvanceClock(TimeSpan.FromHours(1));

        Assert.Equal(TestChannelContext.DefaultNow, start);
        Assert.Equal(start.AddHours(1), context.Clock.GetUtcNow());
    }
}
