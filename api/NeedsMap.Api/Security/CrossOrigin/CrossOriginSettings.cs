namespace NeedsMap.Api.Security.CrossOrigin;

/// <summary>
/// Configuration section <c>NeedsMap:CrossOrigin</c>: which web pages on other origins may call the API from a browser
/// (CORS), such as a community app or a department's dashboard that a frontend team hosts elsewhere.
/// </summary>
/// <remarks>
/// Every door takes its caller from a bearer token the page sends itself (or no token: the public); none reads a cookie.
/// So answering any origin, as token APIs commonly do, lets a page read only what its own token may read, and a page that
/// holds no token reads what the public may. A city that wants its API called only from its own apps lists their origins.
/// </remarks>
public sealed class CrossOriginSettings
{
    public const string Section = "NeedsMap:CrossOrigin";
    public const string AnyOrigin = "*";

    /// <summary>False: only the server's own pages (<c>/map</c>, GraphiQL) can read its answers in a browser.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Origins such as <c>https://app.example.org</c> (scheme, host and port; no path), or <c>*</c> for any. Unset means any.
    /// (A list, not a default of <c>["*"]</c>: configuration binding adds to a list's defaults instead of replacing them.)
    /// </summary>
    public List<string>? AllowedOrigins { get; set; }

    /// <summary>How long a browser may reuse a preflight's answer before asking again (browsers cap it at 2 hours).</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);

    public bool AllowsAnyOrigin => AllowedOrigins is null or [] || AllowedOrigins.Contains(AnyOrigin);
}
