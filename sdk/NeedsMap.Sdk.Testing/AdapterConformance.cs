using NeedsMap.Sdk.Privacy;
using NeedsMap.Sdk.Testing.Checks;

namespace NeedsMap.Sdk.Testing;

/// <summary>
/// Checks an adapter the way the host will use it, over sample payloads, and reports what it finds instead
/// of asserting, so it works in any test framework: <c>Assert.True(report.Passed, report.ToString())</c>.
/// </summary>
public static class AdapterConformance
{
    /// <summary>
    /// Checks the descriptor against the host's <see cref="DescriptorLimits"/>, then parses every sample three times (twice alike, once with the clock a day
    /// later) and checks: valid samples parse with no rejections and invalid ones are rejected without an
    /// exception; valid samples are of a format the descriptor accepts; external ids are stable; the two alike parses give equal records; no phone or ID number is
    /// left in clear outside the contact envelope, in records, rejections or logs; coordinates are plausible
    /// for the declared system; category codes exist; reporter keys are hashed.
    /// </summary>
    public static ConformanceReport Check(IChannelAdapter adapter, IEnumerable<SamplePayload> samples, ConformanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(samples);
        options ??= ConformanceOptions.Default;
        var findings = new FindingList();
        ChannelDescriptor? descriptor;
        try
        {
            descriptor = adapter.Descriptor;
        }
        catch (Exception ex)
        {
            findings.Error(ConformanceRules.DescriptorIncomplete, "descriptor", null, $"Reading Descriptor threw {ex.GetType().Name}.");
            return new ConformanceReport("(no descriptor)", findings.All, 0, 0, 0);
        }
        DescriptorChecks.Check(descriptor, findings);
        if (descriptor is null)
        {
            return new ConformanceReport("(no descriptor)", findings.All, 0, 0, 0);
        }
        var sampleList = samples.ToList();
        CheckSampleCoverage(sampleList, findings);
        int records = 0, rejections = 0;
        foreach (var sample in sampleList)
        {
            var (recordCount, rejectionCount) = CheckSample(adapter, descriptor, sample, options, findings);
            records += recordCount;
            rejections += rejectionCount;
        }
        return new ConformanceReport(descriptor?.Code ?? "(no descriptor)", findings.All, sampleList.Count, records, rejections);
    }

    /// <summary>
    /// Checks an adapter that is also an <see cref="IPullSource"/>: pulling from no checkpoint ends within
    /// <see cref="ConformanceOptions.MaxPulls"/>, its records pass the same record checks as parsed ones,
    /// pulling again from the start gives equal records, and pulling from the last checkpoint gives nothing new.
    /// </summary>
    public static async Task<ConformanceReport> CheckPullAsync(IChannelAdapter adapter, ConformanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        options ??= ConformanceOptions.Default;
        var findings = new FindingList();
        const string where = "pull";
        if (adapter is not IPullSource source)
        {
            findings.Error(ConformanceRules.PullInconsistent, where, null, "The adapter is not an IPullSource.");
            return new ConformanceReport(adapter.Descriptor.Code, findings.All, 0, 0, 0);
        }
        var first = await PullAllAsync(source, options, findings).ConfigureAwait(false);
        var second = await PullAllAsync(source, options, findings).ConfigureAwait(false);
        if (first is null || second is null)
        {
            return new ConformanceReport(adapter.Descriptor.Code, findings.All, 0, 0, 0);
        }
        foreach (var record in first.Records)
        {
            RecordChecks.Check(record, adapter.Descriptor, options, where, findings);
        }
        foreach (var rejected in first.Rejected)
        {
            RecordChecks.CheckRejection(rejected, where, findings);
        }
        if (!first.Records.SequenceEqual(second.Records))
        {
            findings.Error(ConformanceRules.PullInconsistent, where, null, "Pulling again from the start gave different records.");
        }
        try
        {
            var after = await source.PullAsync(first.Checkpoint, new TestChannelContext(options.Now)).ConfigureAwait(false);
            if (after.Records.Count > 0)
            {
                findings.Error(ConformanceRules.PullInconsistent, where, null, $"Pulling from the last checkpoint gave {after.Records.Count} records again.");
            }
        }
        catch (Exception ex)
        {
            findings.Error(ConformanceRules.ParseThrew, where, null, $"PullAsync from the last checkpoint threw {ex.GetType().Name}.");
        }
        return new ConformanceReport(adapter.Descriptor.Code, findings.All, 0, first.Records.Count, first.Rejected.Count);
    }

    private static void CheckSampleCoverage(List<SamplePayload> samples, FindingList findings)
    {
        if (samples.Count == 0)
        {
            findings.Error(ConformanceRules.SamplesMissing, "samples", null, "No samples were given.");
            return;
        }
        if (!samples.Any(s => s.IsValid))
        {
            findings.Warning(ConformanceRules.SamplesMissing, "samples", null, "No valid sample: nothing shows the adapter accepts anything.");
        }
        if (samples.All(s => s.IsValid))
        {
            findings.Warning(ConformanceRules.SamplesMissing, "samples", null, "No invalid sample: nothing shows the adapter rejects bad data without throwing.");
        }
    }

    private static (int Records, int Rejections) CheckSample(IChannelAdapter adapter, ChannelDescriptor descriptor, SamplePayload sample, ConformanceOptions options, FindingList findings)
    {
        DescriptorChecks.CheckFormat(descriptor, sample, findings);
        var context = new TestChannelContext(options.Now);
        var first = TryParse(adapter, sample, context, findings);
        var second = TryParse(adapter, sample, new TestChannelContext(options.Now), findings);
        var later = new TestChannelContext(options.Now);
        later.AdvanceClock(TimeSpan.FromDays(1));
        var third = TryParse(adapter, sample, later, findings);
        if (first is null || second is null || third is null)
        {
            return (0, 0);
        }

        CheckExpectation(sample, first, findings);
        foreach (var record in first.Records)
        {
            RecordChecks.Check(record, descriptor, options, sample.Name, findings);
        }
        foreach (var rejected in first.Rejected)
        {
            RecordChecks.CheckRejection(rejected, sample.Name, findings);
        }
        CheckRepeatability(sample, first, second, third, findings);
        CheckLogs(sample, first, context, findings);
        return (first.Records.Count, first.Rejected.Count);
    }

    private static ParseResult? TryParse(IChannelAdapter adapter, SamplePayload sample, TestChannelContext context, FindingList findings)
    {
        try
        {
            var result = adapter.Parse(sample.Payload, context);
            if (result?.Records is null || result.Rejected is null)
            {
                findings.Error(ConformanceRules.ParseThrew, sample.Name, null, "Parse returned null or null lists.");
                return null;
            }
            return result;
        }
        catch (Exception ex)
        {
            findings.Error(ConformanceRules.ParseThrew, sample.Name, null, $"Parse threw {ex.GetType().Name} instead of rejecting.");
            return null;
        }
    }

    private static void CheckExpectation(SamplePayload sample, ParseResult result, FindingList findings)
    {
        if (sample.IsValid && result.Rejected.Count > 0)
        {
            var reasons = string.Join(", ", result.Rejected.Select(r => r.ReasonCode).Distinct());
            findings.Error(ConformanceRules.ValidSampleRejected, sample.Name, null, $"{result.Rejected.Count} rejected ({reasons}) in a sample marked valid.");
        }
        if (sample.IsValid && result.Records.Count == 0)
        {
            findings.Error(ConformanceRules.ValidSampleRejected, sample.Name, null, "A sample marked valid yielded no record.");
        }
        if (!sample.IsValid && result.Rejected.Count == 0)
        {
            findings.Error(ConformanceRules.InvalidSampleAccepted, sample.Name, null, "A sample marked invalid yielded no rejection.");
        }
        if (sample.ExpectedRecords is { } records && records != result.Records.Count)
        {
            findings.Error(ConformanceRules.UnexpectedCount, sample.Name, null, $"Expected {records} records, got {result.Records.Count}.");
        }
        if (sample.ExpectedRejections is { } rejections && rejections != result.Rejected.Count)
        {
            findings.Error(ConformanceRules.UnexpectedCount, sample.Name, null, $"Expected {rejections} rejections, got {result.Rejected.Count}.");
        }
    }

    private static void CheckRepeatability(SamplePayload sample, ParseResult first, ParseResult second, ParseResult later, FindingList findings)
    {
        var ids = first.Records.Select(r => r.ExternalId).ToList();
        if (!ids.SequenceEqual(second.Records.Select(r => r.ExternalId)) || !ids.SequenceEqual(later.Records.Select(r => r.ExternalId)))
        {
            findings.Error(ConformanceRules.ExternalIdUnstable, sample.Name, null, "External ids differ between parses of the same payload (made from the clock or a random source?).");
        }
        var duplicates = ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            findings.Warning(ConformanceRules.ExternalIdUnstable, sample.Name, null, $"{duplicates.Count} external ids occur more than once in one payload.");
        }
        for (var i = 0; i < Math.Min(first.Records.Count, second.Records.Count); i++)
        {
            if (!first.Records[i].Equals(second.Records[i]))
            {
                findings.Error(ConformanceRules.ReparseDiffers, sample.Name, first.Records[i].ExternalId, "Parsing the payload again gave a record that is not equal.");
            }
        }
        var firstReasons = first.Rejected.Select(r => (r.ExternalId, r.ReasonCode));
        if (!firstReasons.SequenceEqual(second.Rejected.Select(r => (r.ExternalId, r.ReasonCode))))
        {
            findings.Error(ConformanceRules.ReparseDiffers, sample.Name, null, "Parsing the payload again gave different rejections.");
        }
    }

    private static void CheckLogs(SamplePayload sample, ParseResult result, TestChannelContext context, FindingList findings)
    {
        var contacts = result.Records.Select(r => r.Contact).OfType<SensitiveContact>().ToList();
        foreach (var entry in context.Logs)
        {
            var text = entry.Message + " " + entry.Exception?.Message;
            if (PersonalData.ContainsUnmaskedContact(text)
                || contacts.Any(c => (c.Phone is { Length: >= 7 } p && text.Contains(p, StringComparison.Ordinal))
                                  || (c.Name is { Length: >= 2 } n && text.Contains(n, StringComparison.Ordinal))))
            {
                findings.Error(ConformanceRules.LogLeaked, sample.Name, null, $"A {entry.Level} log message holds personal data in clear.");
            }
        }
    }

    private static async Task<PulledAll?> PullAllAsync(IPullSource source, ConformanceOptions options, FindingList findings)
    {
        var context = new TestChannelContext(options.Now);
        var records = new List<NeedRecord>();
        var rejected = new List<RejectedRecord>();
        string? checkpoint = null;
        for (var pulls = 0; pulls < options.MaxPulls; pulls++)
        {
            PullBatch batch;
            try
            {
                batch = await source.PullAsync(checkpoint, context).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                findings.Error(ConformanceRules.ParseThrew, "pull", null, $"PullAsync threw {ex.GetType().Name}.");
                return null;
            }
            records.AddRange(batch.Records);
            rejected.AddRange(batch.Rejected);
            checkpoint = batch.NextCheckpoint ?? checkpoint;
            if (!batch.HasMore)
            {
                return new PulledAll(records, rejected, checkpoint);
            }
        }
        findings.Error(ConformanceRules.PullInconsistent, "pull", null, $"Still HasMore after {options.MaxPulls} pulls.");
        return null;
    }

    private sealed record PulledAll(List<NeedRecord> Records, List<RejectedRecord> Rejected, string? Checkpoint);
}
