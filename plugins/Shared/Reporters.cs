using NeedsMap.Sdk;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Channels.Shared;

/// <summary>Builds the non-identifying reporter attributes and the contact envelope from a source's fields.</summary>
internal static class Reporters
{
    /// <summary>
    /// Keys the reporter by phone first (the one identity every channel has, so counts join up across
    /// channels), else by ID number, else by an account id; reads age and gender from a valid ID number.
    /// </summary>
    public static ReporterAttributes Describe(IChannelContext context, DateTimeOffset on, string? phone, string? idNumber,
        string? accountId = null, ReporterGroup? group = null, Gender? gender = null, int? age = null)
    {
        var identity = new[] { phone, idNumber, accountId }.FirstOrDefault(IsUsableIdentity);
        var key = identity is null ? null : context.PersonalData.HashIdentity(identity);
        AgeBand? ageBand = age is { } years ? AgeBands.FromAge(years) : null;
        if (PersonalData.TryReadIdNumber(idNumber, out var birthDate, out var idGender))
        {
            ageBand = AgeBands.FromBirthDate(birthDate, DateOnly.FromDateTime(on.DateTime));
            gender ??= idGender;
        }
        return new ReporterAttributes(key, ageBand, gender, group);
    }

    public static SensitiveContact? Contact(string? name, string? phone, string? idNumber) =>
        name is null && phone is null && idNumber is null ? null : new SensitiveContact(name, phone, idNumber);

    public static Gender? ParseGender(string? text) => text?.Trim() switch
    {
        "男" or "1" or "M" or "m" or "male" => Gender.Male,
        "女" or "2" or "F" or "f" or "female" => Gender.Female,
        _ => null,
    };

    private static bool IsUsableIdentity(string? value) =>
        !string.IsNullOrWhiteSpace(value) && !value.Contains('*', StringComparison.Ordinal);
}
