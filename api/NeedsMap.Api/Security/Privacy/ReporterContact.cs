namespace NeedsMap.Api.Security.Privacy;

/// <summary>Who reported a need and how to reach them: personal data, stored only encrypted.</summary>
public sealed record ReporterContact(string? Name, string? Phone, string? IdNumber);
