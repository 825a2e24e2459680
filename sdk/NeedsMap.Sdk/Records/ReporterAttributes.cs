namespace NeedsMap.Sdk;

/// <summary>What can be said about a reporter without identifying them.</summary>
/// <param name="ReporterKey">
/// The reporter's identity (phone, ID number, account id) hashed with the host's salt by
/// <see cref="Privacy.PersonalData.HashIdentity(string)"/>, so distinct residents can be counted; <see langword="null"/> if anonymous.
/// </param>
/// <param name="AgeBand">The reporter's age band, if known.</param>
/// <param name="Gender">The reporter's gender, if known.</param>
/// <param name="Group">The population group the reporter belongs to, if known.</param>
public sealed record ReporterAttributes(string? ReporterKey, AgeBand? AgeBand, Gender? Gender, ReporterGroup? Group)
{
    /// <summary>An anonymous reporter about whom nothing is known.</summary>
    public static ReporterAttributes Unknown { get; } = new(null, null, null, null);
}
