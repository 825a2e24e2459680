namespace NeedsMap.Sdk.Testing;

/// <summary>The rules <see cref="AdapterConformance"/> checks, as stable codes to filter findings on.</summary>
public static class ConformanceRules
{
    /// <summary>The descriptor misses a code, a Chinese name, a media type or a description.</summary>
    public const string DescriptorIncomplete = "descriptor_incomplete";
    /// <summary>The descriptor breaks the <see cref="DescriptorLimits"/> the host enforces (code length and characters, name, formats, weight).</summary>
    public const string DescriptorOutOfLimits = "descriptor_out_of_limits";
    /// <summary>A valid sample's content type is not one the descriptor's AcceptedFormats lists.</summary>
    public const string FormatNotAccepted = "format_not_accepted";
    /// <summary>Attributes or notes over the limits the host keeps, or a note that is empty or holds personal data.</summary>
    public const string RecordOutOfLimits = "record_out_of_limits";
    /// <summary>No samples were given, or none of one kind.</summary>
    public const string SamplesMissing = "samples_missing";
    /// <summary>Parsing threw instead of rejecting.</summary>
    public const string ParseThrew = "parse_threw";
    /// <summary>A sample marked valid had rejections or yielded nothing.</summary>
    public const string ValidSampleRejected = "valid_sample_rejected";
    /// <summary>A sample marked invalid was accepted whole.</summary>
    public const string InvalidSampleAccepted = "invalid_sample_accepted";
    /// <summary>The sample yielded a different number of records or rejections than the test expected.</summary>
    public const string UnexpectedCount = "unexpected_count";
    /// <summary>External ids differ between two parses of the same payload.</summary>
    public const string ExternalIdUnstable = "external_id_unstable";
    /// <summary>Two parses of the same payload gave records that are not equal.</summary>
    public const string ReparseDiffers = "reparse_differs";
    /// <summary>A required field (id, text, a place) is missing.</summary>
    public const string RecordIncomplete = "record_incomplete";
    /// <summary>A phone or ID number in clear outside the contact envelope.</summary>
    public const string PersonalDataUnmasked = "personal_data_unmasked";
    /// <summary>A value from the contact envelope repeated in clear in another field.</summary>
    public const string ContactLeaked = "contact_leaked";
    /// <summary>An attribute whose key names personal data (phone, ID, name, openid).</summary>
    public const string PersonalAttribute = "personal_attribute";
    /// <summary>A reporter key that is not a 64-hex-digit hash.</summary>
    public const string ReporterKeyNotHashed = "reporter_key_not_hashed";
    /// <summary>Coordinates out of range, at 0,0, swapped, or outside the expected area.</summary>
    public const string CoordinatesImplausible = "coordinates_implausible";
    /// <summary>A record's coordinate system differs from the one the descriptor declares.</summary>
    public const string CoordinateSystemMismatch = "coordinate_system_mismatch";
    /// <summary>A category code that is not in the standard taxonomy.</summary>
    public const string UnknownCategoryCode = "unknown_category_code";
    /// <summary>A channel category the adapter did not map to a standard code.</summary>
    public const string UnmappedCategory = "unmapped_category";
    /// <summary>A receipt time before 2000 or after the context's clock.</summary>
    public const string ReceivedAtImplausible = "received_at_implausible";
    /// <summary>A negative version.</summary>
    public const string VersionInvalid = "version_invalid";
    /// <summary>A rejection without a snake_case reason code, a message or the raw fragment.</summary>
    public const string RejectionIncomplete = "rejection_incomplete";
    /// <summary>The adapter logged a phone or ID number in clear.</summary>
    public const string LogLeaked = "log_leaked";
    /// <summary>A pull source that does not terminate, or does not repeat itself from the same checkpoint.</summary>
    public const string PullInconsistent = "pull_inconsistent";
}
