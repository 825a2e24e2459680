using System.Globalization;
using System.Text;

namespace NeedsMap.Sdk.Testing;

/// <summary>What <see cref="AdapterConformance"/> found. Assert <see cref="Passed"/> and print the report on failure.</summary>
public sealed class ConformanceReport
{
    internal ConformanceReport(string channelCode, IReadOnlyList<ConformanceFinding> findings, int samples, int records, int rejections)
    {
        ChannelCode = channelCode;
        Findings = findings;
        SamplesChecked = samples;
        RecordsChecked = records;
        RejectionsChecked = rejections;
    }

    /// <summary>The code of the channel checked.</summary>
    public string ChannelCode { get; }

    /// <summary>Everything found, errors and warnings.</summary>
    public IReadOnlyList<ConformanceFinding> Findings { get; }

    /// <summary>The findings that fail the report.</summary>
    public IEnumerable<ConformanceFinding> Errors => Findings.Where(f => f.Severity == ConformanceSeverity.Error);

    /// <summary>Whether no finding is an error.</summary>
    public bool Passed => !Errors.Any();

    /// <summary>How many samples were parsed.</summary>
    public int SamplesChecked { get; }

    /// <summary>How many records the samples yielded.</summary>
    public int RecordsChecked { get; }

    /// <summary>How many rejections the samples yielded.</summary>
    public int RejectionsChecked { get; }

    /// <summary>Whether a finding broke <paramref name="rule"/>.</summary>
    public bool Has(string rule) => Findings.Any(f => f.Rule == rule);

    /// <summary>A summary line, then one line per finding.</summary>
    public override string ToString()
    {
        var text = new StringBuilder()
            .Append(ChannelCode).Append(": ").Append(Passed ? "passed" : "FAILED")
            .Append(CultureInfo.InvariantCulture, $" ({SamplesChecked} samples, {RecordsChecked} records, {RejectionsChecked} rejections, ")
            .Append(CultureInfo.InvariantCulture, $"{Errors.Count()} errors, {Findings.Count - Errors.Count()} warnings)");
        foreach (var finding in Findings)
        {
            text.AppendLine().Append("  ").Append(finding);
        }
        return text.ToString();
    }
}
