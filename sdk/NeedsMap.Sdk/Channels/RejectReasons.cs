namespace NeedsMap.Sdk;

/// <summary>Reason codes every adapter uses alike; an adapter may add its own, in the same snake_case.</summary>
public static class RejectReasons
{
    /// <summary>The payload, or a record in it, is not well-formed in the channel's format.</summary>
    public const string MalformedPayload = "malformed_payload";

    /// <summary>The payload's content type is not one the adapter reads.</summary>
    public const string UnsupportedContentType = "unsupported_content_type";

    /// <summary>A field the record cannot do without (id, time, text) is missing or empty.</summary>
    public const string MissingField = "missing_field";

    /// <summary>A field is present but unusable: a date that does not parse, coordinates out of range.</summary>
    public const string InvalidField = "invalid_field";

    /// <summary>The record is of a kind that is confidential and must not become a public need.</summary>
    public const string ConfidentialKind = "confidential_kind";

    /// <summary>The record is an emergency handled elsewhere, not a need.</summary>
    public const string EmergencyKind = "emergency_kind";

    /// <summary>The record is not a resident's need (a test call, a system message, a follow-up).</summary>
    public const string NotANeed = "not_a_need";
}
