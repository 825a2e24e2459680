namespace NeedsMap.Sdk.Testing.Checks;

internal sealed class FindingList
{
    private readonly List<ConformanceFinding> _findings = [];

    public IReadOnlyList<ConformanceFinding> All => _findings;

    public void Error(string rule, string sample, string? externalId, string message) =>
        Add(new ConformanceFinding(ConformanceSeverity.Error, rule, sample, externalId, message));

    public void Warning(string rule, string sample, string? externalId, string message) =>
        Add(new ConformanceFinding(ConformanceSeverity.Warning, rule, sample, externalId, message));

    // Each sample is parsed three times; a fault that shows in every parse is reported once.
    private void Add(ConformanceFinding finding)
    {
        if (!_findings.Contains(finding))
        {
            _findings.Add(finding);
        }
    }
}
