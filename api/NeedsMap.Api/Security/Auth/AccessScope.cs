using NeedsMap.Api.Filtering;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Privacy;

namespace NeedsMap.Api.Security.Auth;

/// <summary>
/// What the caller of this request may see. Every reader of needs ANDs <see cref="NeedFilter"/> into its
/// query, so a field added later cannot forget it. Null means the whole city. Until the security middleware
/// (HTTP) or the execution hook (each WebSocket operation's scope) establishes it from the caller's token,
/// it matches nothing: a reader that runs without a caller sees no needs.
/// </summary>
public sealed class AccessScope(CityClock clock) : IPageSizeLimit
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(clock.TimeZoneId);

    public NeedFilter? NeedFilter { get; set; } = NeedFilter.Nothing;

    public string Actor { get; set; } = "anonymous";

    public Caller? Caller { get; private set; }

    public RoleRight Right { get; private set; } = RoleRights.For(RoleRights.Public);

    public bool IsEstablished => Caller is not null;

    /// <summary>Path of the caller's jurisdiction (Subtree scope), for write checks.</summary>
    public string? JurisdictionPath { get; private set; }

    /// <summary>Aggregate groups smaller than this are left out (public view); 0 keeps every group.</summary>
    public int SuppressGroupsBelow { get; private set; }

    /// <summary>
    /// The configured k (NeedsMap:Privacy:MinimumPublicGroup): the public view leaves out smaller groups of every
    /// aggregate; portraits of reporter groups leave them out for every role.
    /// </summary>
    public int MinimumGroup { get; private set; } = new PrivacySettings().MinimumPublicGroup;

    public int MaxPageSize => Right.MaxPageSize;

    public bool SeesPersonalData => IsEstablished && Right.PersonalData;

    /// <summary>
    /// A text as this caller may see it: unchanged for roles with personal data, otherwise with phone and ID numbers,
    /// names and house numbers masked (<see cref="PersonalDataMask"/>). Every free text and address a resolver returns goes through here.
    /// </summary>
    public string? Mask(string? text) => text is null || SeesPersonalData ? text : PersonalDataMask.Scrub(text);

    /// <summary>A prefix no jurisdiction path has: matches nothing.</summary>
    public const string NoPath = "-";

    /// <summary>
    /// For what is placed by jurisdiction path rather than filtered as needs (cells, warnings, whistles): null when the
    /// caller sees the whole city, else the prefix every path it may see starts with (<see cref="NoPath"/> for roles
    /// that see no places: residents, integrators, the public, and callers not yet established).
    /// </summary>
    public string? VisiblePathPrefix => !IsEstablished ? NoPath : Right.Scope switch
    {
        DataScope.City => null,
        DataScope.Subtree => JurisdictionPath ?? NoPath,
        _ => NoPath,
    };

    /// <summary>The public: no records, the whole city's aggregates with small groups left out.</summary>
    public bool IsPublic => IsEstablished && Right.Scope == DataScope.PublicAggregates;

    private ReferenceSnapshot? _snapshot;
    private AccessScope? _publicWeather;

    /// <summary>
    /// The scope the demand weather (cells, cell tiles, cell and warning events, warnings) is read with. A resident's records
    /// are their own needs, which the rollups cannot count by person, and the weather is everyone's: a resident sees it as
    /// the public does (city-wide, 500 m and up, small groups left out). Everyone else reads it with their own scope.
    /// </summary>
    public AccessScope Weather => Caller is { Role: RoleRights.Resident } resident && _snapshot is { } snapshot
        ? _publicWeather ??= PublicTwin(resident, snapshot)
        : this;

    private AccessScope PublicTwin(Caller resident, ReferenceSnapshot snapshot)
    {
        var twin = new AccessScope(clock);
        twin.Establish(new Caller(resident.Subject, RoleRights.Public, null, null, resident.Authenticated), snapshot, MinimumGroup);
        return twin;
    }

    /// <summary>
    /// For aggregates placed by jurisdiction (cells, warnings, key-matter events) and the city's public deliberation
    /// (consultations): <see cref="VisiblePathPrefix"/>, except that the public sees them city-wide. Whatever reads with it
    /// must leave out groups under <see cref="SuppressGroupsBelow"/> and show no record, text of a need or point.
    /// </summary>
    public string? AggregatePathPrefix => IsPublic ? null : VisiblePathPrefix;

    /// <summary>The codes of the jurisdictions the caller may see things placed in; null for the whole city.</summary>
    public IReadOnlySet<string>? VisibleJurisdictionCodes(ReferenceSnapshot snapshot) => CodesUnder(VisiblePathPrefix, snapshot);

    /// <summary><see cref="VisibleJurisdictionCodes"/> with <see cref="AggregatePathPrefix"/>.</summary>
    public IReadOnlySet<string>? AggregateJurisdictionCodes(ReferenceSnapshot snapshot) => CodesUnder(AggregatePathPrefix, snapshot);

    private static IReadOnlySet<string>? CodesUnder(string? prefix, ReferenceSnapshot snapshot) =>
        prefix is null ? null : snapshot.Jurisdictions.Where(j => Within(prefix, j.Path)).Select(j => j.Code).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether something placed at <paramref name="path"/> is within <see cref="VisiblePathPrefix"/>.</summary>
    public static bool Within(string? prefix, string? path) =>
        prefix is null || (path is not null && path.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>
    /// Refuses at subscribe time a subscription to a jurisdiction wholly outside the caller's view (neither within its
    /// subtree nor above it); one above it is allowed and its events are narrowed to the subtree.
    /// </summary>
    public void EnsureMayWatch(string? jurisdictionPath) => EnsureMayWatch(VisiblePathPrefix, jurisdictionPath);

    /// <summary>Like <see cref="EnsureMayWatch(string?)"/> for aggregates placed by jurisdiction (<see cref="AggregatePathPrefix"/>).</summary>
    public void EnsureMayWatchAggregates(string? jurisdictionPath) => EnsureMayWatch(AggregatePathPrefix, jurisdictionPath);

    private static void EnsureMayWatch(string? prefix, string? jurisdictionPath)
    {
        if (prefix is null || jurisdictionPath is null || (prefix != NoPath && (jurisdictionPath.StartsWith(prefix, StringComparison.Ordinal)
            || prefix.StartsWith(jurisdictionPath, StringComparison.Ordinal))))
        {
            return;
        }
        throw new DomainException(ErrorCodes.Forbidden, "This jurisdiction lies outside what you may watch.");
    }

    /// <summary>
    /// The caller's filter narrowed to what the caller may see. A role without personal data searches texts as it reads
    /// them: its <c>textContains</c> runs over the masked text (<c>MaskedSearch/MaskedTexts</c>), so neither a page, a count nor
    /// an event tells it whether hidden digits or a masked name are there.
    /// </summary>
    public NeedFilter? Restrict(NeedFilter? filter)
    {
        GuardTextSearch(filter);
        var asked = IsEstablished && !SeesPersonalData ? SearchMasked(filter) : filter;
        return NeedFilter is null ? asked : NeedFilter.AllOf(NeedFilter, asked);
    }

    /// <summary>
    /// For counts and statistics: everyone but the public counts what they may see as records (<see cref="Restrict"/>).
    /// The public counts the whole city, but only by what <see cref="PublicQuestion"/> allows, and every reader that answers
    /// it leaves out small groups by <see cref="SmallGroups"/> (<see cref="GuardsDifferencing"/>). Readers that do not opt in
    /// by calling this get <see cref="Restrict"/>, which shows the public nothing.
    /// </summary>
    public NeedFilter? RestrictAggregates(NeedFilter? filter)
    {
        GuardTextSearch(filter);
        return GuardsDifferencing ? PublicQuestion.Check(filter, _zone) : Restrict(filter);
    }

    /// <summary>True for the public: its aggregates span needs it may not see, so they follow the small-group rule.</summary>
    public bool GuardsDifferencing => IsPublic;

    private static NeedFilter? SearchMasked(NeedFilter? f) => f is null ? null : f with
    {
        TextContains = null,
        MaskedTextContains = f.TextContains ?? f.MaskedTextContains,
        And = f.And?.Select(c => SearchMasked(c)!).ToList(),
        Or = f.Or?.Select(c => SearchMasked(c)!).ToList(),
        Not = SearchMasked(f.Not),
    };

    /// <summary>
    /// Texts are masked for roles without personal data, so they may not search the unmasked text for digit runs
    /// (is 138…5678 among the needs?) either.
    /// </summary>
    private void GuardTextSearch(NeedFilter? filter)
    {
        if (filter is null || SeesPersonalData || !IsEstablished)
        {
            return;
        }
        if (filter.TextContains is { } text && System.Text.RegularExpressions.Regex.IsMatch(text, @"\d{5}"))
        {
            throw new DomainException(ErrorCodes.Forbidden, "Your role may not search texts for numbers of five digits or more.");
        }
        foreach (var child in (filter.And ?? []).Concat(filter.Or ?? []).Append(filter.Not))
        {
            GuardTextSearch(child);
        }
    }

    /// <summary>Fills the scope from the caller; the same caller again changes nothing.</summary>
    public void Establish(Caller caller, ReferenceSnapshot snapshot, int minimumPublicGroup)
    {
        if (Caller == caller)
        {
            return;
        }
        Caller = caller;
        Right = caller.Right;
        _snapshot = snapshot;
        _publicWeather = null;
        Actor = $"{caller.Role}:{caller.Subject}";
        MinimumGroup = minimumPublicGroup;
        SuppressGroupsBelow = Right.Scope == DataScope.PublicAggregates ? minimumPublicGroup : 0;
        JurisdictionPath = null;
        NeedFilter = Right.Scope switch
        {
            DataScope.City => null,
            DataScope.Subtree when caller.Jurisdiction is { } code && snapshot.FindJurisdiction(code) is { } j =>
                SubtreeOf(j.Path, code),
            DataScope.OwnRecords when caller.Role == RoleRights.ChannelIntegrator && caller.Channel is { } channel =>
                new NeedFilter { ChannelIn = [channel] },
            DataScope.OwnRecords when caller.Role == RoleRights.Resident =>
                new NeedFilter { ReporterKeyIn = [ReporterKeys.ForSubject(caller.Subject)] },
            _ => NeedFilter.Nothing,
        };
    }

    private NeedFilter SubtreeOf(string path, string code)
    {
        JurisdictionPath = path;
        return new NeedFilter { JurisdictionIn = [code] };
    }

    /// <summary>
    /// A channel's operations figures (its counters, last arrival, last error and plugin): for city administrators and the
    /// channel's own integrator. Anyone else would learn, from a counter that moved by one, when a single call reached 110 or 120.
    /// </summary>
    public void EnsureSeesChannelOperations(string channelCode)
    {
        if (IsEstablished && !Right.Groups.HasFlag(FieldGroup.Admin) && !(Caller!.Role == RoleRights.ChannelIntegrator && Caller.Channel == channelCode))
        {
            throw new DomainException(ErrorCodes.Forbidden, "A channel's counters, arrivals, errors and plugin are for city administrators and the channel's integrator.");
        }
    }

    /// <summary>
    /// Refuses, before anything is written, a need the caller may not place: outside its subtree, on another
    /// channel, or by a role that may not submit. Trusted in-process callers (loaders, tests) have no caller.
    /// </summary>
    public void EnsureMayWrite(string jurisdictionPath, string channelCode)
    {
        if (!IsEstablished)
        {
            return;
        }
        var allowed = Right.Groups.HasFlag(FieldGroup.Ingest) && Right.Scope switch
        {
            DataScope.City => true,
            DataScope.Subtree => JurisdictionPath is { } own && jurisdictionPath.StartsWith(own, StringComparison.Ordinal),
            DataScope.OwnRecords when Caller!.Role == RoleRights.ChannelIntegrator => Caller.Channel == channelCode,
            DataScope.OwnRecords => channelCode is "app" or "board",
            _ => false,
        };
        if (!allowed)
        {
            throw new DomainException(ErrorCodes.Forbidden, "This need lies outside what you may write.");
        }
    }
}
