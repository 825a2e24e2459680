namespace NeedsMap.Api.Open311;

/// <summary>NeedsMap:Open311.</summary>
public sealed class Open311Options
{
    public const string Section = "NeedsMap:Open311";

    /// <summary>
    /// The channels whose keys (<c>NeedsMap:Channels:Keys:&lt;code&gt;</c>) are Open311 <c>api_key</c>s; a request POSTed with
    /// one is stored under that channel.
    /// </summary>
    public List<string> Channels { get; set; } = ["open311"];

    /// <summary>The <c>jurisdiction_id</c> this server answers for; the city's code when empty. Another one is 404.</summary>
    public string? JurisdictionId { get; set; }

    /// <summary>At most this many requests per GET (the specification suggests 1000).</summary>
    public int MaxRequests { get; set; } = 1000;

    /// <summary>Without start_date and end_date a GET covers this many days back (the specification suggests 90).</summary>
    public int DefaultDays { get; set; } = 90;
}
