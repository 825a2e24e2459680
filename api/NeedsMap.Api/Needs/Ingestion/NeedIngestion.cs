using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Reference;
using NeedsMap.Sdk.Categories;
using Npgsql;

namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>
/// The one way a need enters the store, whatever brought it (an app, a channel inbox, a pull, a file):
/// validate, convert and locate, classify, then insert or revise by (channel, external id) and announce it.
/// Everything is checked before the transaction starts, so a rejected record writes nothing.
/// </summary>
public sealed class NeedIngestion(NeedsMapDbContext db, NeedLocator locator, ReferenceData reference,
    IEnumerable<ITextCategorizer> categorizers, TimeProvider time, IEnumerable<INeedWriteHook> hooks)
{
    public const int MaxTextLength = 4000;
    public const int MaxExternalIdLength = 128;
    public const int MaxAddressLength = 500;

    public async Task<IngestResult> IngestAsync(IncomingNeed incoming, CancellationToken cancellationToken)
    {
        var snapshot = reference.Current;
        var channel = snapshot.FindChannel(incoming.ChannelCode)
            ?? throw new DomainException(ErrorCodes.UnknownChannel, $"No channel has the code \"{incoming.ChannelCode}\".");
        var text = incoming.Text.Trim();
        Require(text.Length is > 0 and <= MaxTextLength, $"The text must have 1 to {MaxTextLength} characters.");
        Require(incoming.ExternalId.Length is > 0 and <= MaxExternalIdLength, $"The external id must have 1 to {MaxExternalIdLength} characters.");
        Require(incoming.Address is null || incoming.Address.Length <= MaxAddressLength, $"The address must have at most {MaxAddressLength} characters.");
        if (incoming.CategoryCode is { } given && snapshot.FindCategory(given) is null)
        {
            throw new DomainException(ErrorCodes.UnknownCategory, $"No category has the code \"{given}\".");
        }
        var placement = await locator.PlaceAsync(incoming.Location, incoming.CoordinateSystem, incoming.Address, cancellationToken);
        var (categoryCode, confidence, classifierVersion) = Categorize(incoming.CategoryCode, text);
        var weight = channel.Weight * (snapshot.FindCategory(categoryCode)?.Weight ?? 1.0);
        var now = time.GetUtcNow();

        try
        {
            return await StoreAsync(incoming, text, placement, categoryCode, confidence, classifierVersion, weight, now, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request inserted the same record between our look-up and our insert: now it is a revision.
            return await StoreAsync(incoming, text, placement, categoryCode, confidence, classifierVersion, weight, now, cancellationToken);
        }
    }

    private async Task<IngestResult> StoreAsync(IncomingNeed incoming, string text, Placement placement, string categoryCode,
        double? confidence, string? classifierVersion, double weight, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var existing = await db.Needs
                .FromSqlInterpolated($"SELECT * FROM needs WHERE channel_code = {incoming.ChannelCode} AND external_id = {incoming.ExternalId} FOR UPDATE")
                .SingleOrDefaultAsync(ct);
            IngestResult result;
            NeedFacts? before = null;
            if (existing is null)
            {
                var need = new Need
                {
                    ChannelCode = incoming.ChannelCode,
                    ExternalId = incoming.ExternalId,
                    Version = incoming.Version,
                    ReceivedAt = incoming.ReceivedAt,
                    UpdatedAt = now,
                    Text = text,
                    CategoryCode = categoryCode,
                    CategoryConfidence = confidence,
                    ClassifierVersion = classifierVersion,
                    Weight = weight,
                    Location = placement.Point,
                    Address = incoming.Address,
                    LocatedBy = placement.LocatedBy,
                    JurisdictionCode = placement.JurisdictionCode,
                    JurisdictionPath = placement.JurisdictionPath,
                    ReporterKey = incoming.ReporterKey,
                    ReporterAgeBand = incoming.ReporterAgeBand,
                    ReporterGender = incoming.ReporterGender,
                    ReporterGroup = incoming.ReporterGroup,
                };
                db.Needs.Add(need);
                await db.SaveChangesAsync(ct);
                db.NeedHistory.Add(new NeedHistoryEntry
                {
                    NeedId = need.Id, At = now, Actor = incoming.Actor, Kind = "created", ToStatus = need.Status, Version = need.Version,
                });
                result = new IngestResult(need, IngestOutcome.Created);
            }
            else if (incoming.Version <= existing.Version)
            {
                await transaction.RollbackAsync(ct);
                return new IngestResult(existing, IngestOutcome.Unchanged);
            }
            else
            {
                before = NeedFacts.Of(existing);
                db.NeedHistory.Add(new NeedHistoryEntry
                {
                    NeedId = existing.Id, At = now, Actor = incoming.Actor, Kind = "revised", Version = incoming.Version,
                    PreviousText = existing.Text == text ? null : existing.Text,
                    Note = $"revision {existing.Version} -> {incoming.Version}",
                });
                existing.Version = incoming.Version;
                existing.UpdatedAt = now;
                existing.Text = text;
                existing.CategoryCode = categoryCode;
                existing.CategoryConfidence = confidence;
                existing.ClassifierVersion = classifierVersion;
                existing.Weight = weight;
                existing.Location = placement.Point;
                existing.Address = incoming.Address;
                existing.LocatedBy = placement.LocatedBy;
                existing.JurisdictionCode = placement.JurisdictionCode;
                existing.JurisdictionPath = placement.JurisdictionPath;
                result = new IngestResult(existing, IngestOutcome.Revised);
            }
            await db.SaveChangesAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            foreach (var hook in hooks)
            {
                await hook.OnStoredAsync(connection, before, result.Need, ct);
            }
            await NeedNotifications.NotifyAsync(connection,
                result.Outcome == IngestOutcome.Created ? NeedChangeKind.Created : NeedChangeKind.Updated, result.Need.Id, ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }

    private (string Code, double? Confidence, string? Version) Categorize(string? given, string text)
    {
        if (given is not null)
        {
            return (given, null, null);
        }
        foreach (var categorizer in categorizers)
        {
            var suggestion = categorizer.Suggest(text);
            if (reference.Current.FindCategory(suggestion.CategoryCode) is not null)
            {
                return (suggestion.CategoryCode, suggestion.Confidence, suggestion.ClassifierVersion);
            }
        }
        return (StandardTaxonomy.Other, null, null);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(ErrorCodes.InvalidInput, message);
        }
    }
}
