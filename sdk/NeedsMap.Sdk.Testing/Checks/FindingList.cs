namespace NeedsMap.Sdk.Testing.Checks;

internal sealed class FindingList
{
    private readonly List<ConformanceFinding> _findings = [];

    public IReadOnlyList<ConformanceFinding> All => _findings;

    public void Error(string rule, string sample, string? externalId, string message) =>
        _findings.Add(new ConformanceFinding(ConformanceSeverity.Error, rule, sample, externalId, message));

    public void Warning(string rule, string sample, string? externalId, string message) =>
        _findings.Add(new ConformanceFinding(ConformanceSeverity.Warning, rule, sample, externalId, message));
}
