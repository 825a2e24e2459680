using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph.Relay;

namespace NeedsMap.Api.Loop.Consultations;

/// <summary>Loads consultations whole (participants, threads, proposals and votes): subscribers get them complete.</summary>
public sealed class ConsultationReader(NeedsMapDbContext db)
{
    public const string TypeName = "Consultation";
    public const string ParticipantType = "ConsultationParticipant";
    public const string PostType = "ConsultationPost";
    public const string ProposalType = "Proposal";

    private IQueryable<Consultation> Whole(bool tracked) =>
        (tracked ? db.Set<Consultation>() : db.Set<Consultation>().AsNoTrackingWithIdentityResolution())
            .Include(c => c.Participants).Include(c => c.Posts).Include(c => c.Proposals).ThenInclude(p => p.Votes).AsSplitQuery();

    public Task<Consultation?> FindAsync(long id, CancellationToken cancellationToken) =>
        Whole(false).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <param name="visibleCodes">The caller's jurisdictions (Security/AccessScope.VisibleJurisdictionCodes); null for the whole city.</param>
    public Task<Consultation?> FindAsync(long id, IReadOnlySet<string>? visibleCodes, CancellationToken cancellationToken) =>
        Visible(Whole(false), visibleCodes).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>The consultation holding a participant, post or proposal (node ids), if it lies within <paramref name="visibleCodes"/>.</summary>
    public Task<Consultation?> FindHoldingAsync(System.Linq.Expressions.Expression<Func<Consultation, bool>> holds, IReadOnlySet<string>? visibleCodes,
        CancellationToken cancellationToken) =>
        Visible(Whole(false), visibleCodes).FirstOrDefaultAsync(holds, cancellationToken);

    public Task<List<Consultation>> ListAsync(ConsultationStatus? status, IReadOnlySet<string>? visibleCodes, CancellationToken cancellationToken) =>
        Visible(Whole(false), visibleCodes).Where(c => status == null || c.Status == status).OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id)
            .Take(200).ToListAsync(cancellationToken);

    /// <summary>A page of consultations, newest opened first, within <paramref name="visibleCodes"/>.</summary>
    public Task<Connection<Consultation>> PageAsync(ConsultationStatus? status, IReadOnlySet<string>? visibleCodes, PageRequest page,
        CancellationToken cancellationToken) =>
        IdKeysetPaging.PageAsync(Visible(Whole(false), visibleCodes).Where(c => status == null || c.Status == status), c => c.Id, page, cancellationToken);

    private static IQueryable<Consultation> Visible(IQueryable<Consultation> query, IReadOnlySet<string>? visibleCodes)
    {
        if (visibleCodes is null)
        {
            return query;
        }
        var codes = visibleCodes.ToArray();
        return query.Where(c => codes.Contains(c.JurisdictionCode));
    }

    public async Task<Consultation> RequireAsync(string globalId, CancellationToken cancellationToken) =>
        GlobalId.TryDecodeLong(globalId, TypeName, out var id) && await Whole(true).FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } c
            ? c
            : throw NotFound("consultation", globalId);

    /// <summary>The open consultation with the given id, for a change; a closed one takes no more changes.</summary>
    public async Task<Consultation> RequireOpenAsync(string globalId, CancellationToken cancellationToken)
    {
        var consultation = await RequireAsync(globalId, cancellationToken);
        return consultation.Status == ConsultationStatus.Open ? consultation
            : throw new DomainException(ErrorCodes.IllegalTransition, "The consultation is closed.");
    }

    public static T Member<T>(IEnumerable<T> items, Func<T, long> key, string globalId, string type, string what) =>
        GlobalId.TryDecodeLong(globalId, type, out var id) && items.FirstOrDefault(i => key(i) == id) is { } item
            ? item
            : throw NotFound(what, globalId);

    public static DomainException NotFound(string what, string id) => new(ErrorCodes.NotFound, $"No {what} has the id \"{id}\" here.");
}
