namespace NeedsMap.Sdk;

/// <summary>
/// The reporter's contact details in clear, so a case worker can call back. An envelope: the host stores it
/// only encrypted and shows it only to those entitled. <see cref="ToString"/> never prints the values, so a
/// record that gets logged does not leak them.
/// </summary>
/// <param name="Name">The reporter's name.</param>
/// <param name="Phone">The reporter's phone number.</param>
/// <param name="IdNumber">The reporter's ID card number.</param>
public sealed record SensitiveContact(string? Name, string? Phone, string? IdNumber)
{
    /// <summary>Says which values are present, never what they are.</summary>
    public override string ToString() =>
        $"SensitiveContact {{ Name = {Presence(Name)}, Phone = {Presence(Phone)}, IdNumber = {Presence(IdNumber)} }}";

    private static string Presence(string? value) => string.IsNullOrEmpty(value) ? "(none)" : "(redacted)";
}
