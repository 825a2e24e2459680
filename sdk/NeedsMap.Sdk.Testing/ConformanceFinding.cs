namespace NeedsMap.Sdk.Testing;

/// <summary>How bad a finding is.</summary>
public enum ConformanceSeverity
{
    /// <summary>Worth a look, but the host copes: the report still passes.</summary>
    Warning,
    /// <summary>The host would store wrong data, leak personal data or fail: the report fails.</summary>
    Error,
}

/// <summary>One thing the conformance check found.</summary>
/// <param name="Severity">Whether it fails the report.</param>
/// <param name="Rule">The rule broken, one of <see cref="ConformanceRules"/>.</param>
/// <param name="Sample">The sample it was found in, or <c>descriptor</c>.</param>
/// <param name="ExternalId">The record it concerns, if one.</param>
/// <param name="Message">What is wrong; never quotes personal data.</param>
public sealed record ConformanceFinding(ConformanceSeverity Severity, string Rule, string Sample, string? ExternalId, string Message)
{
    /// <summary>One line for a test failure message.</summary>
    public override string ToString() =>
        $"{Severity.ToString().ToUpperInvariant()} {Rule} [{Sample}{(ExternalId is null ? "" : $" #{ExternalId}")}]: {Message}";
}
