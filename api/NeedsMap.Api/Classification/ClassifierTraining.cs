using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Reference;
using NeedsMap.Classification.Model;

namespace NeedsMap.Api.Classification;

/// <summary>
/// Trains a model from the shipped corpus, the city's labelled needs and an uploaded CSV; reports its held-out accuracy,
/// saves it under a new version and activates it. The fitting runs on a thread of its own, so a long training holds no
/// request thread; one training runs at a time.
/// </summary>
public sealed class ClassifierTraining(NeedsMapDbContext db, ReferenceData reference, ClassifierModelStore store, ActiveClassifier active,
    IOptions<ClassifierSettings> settings, ILogger<ClassifierTraining> logger)
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async Task<NeedModelInfo> TrainAsync(TrainClassifierInput input, CancellationToken cancellationToken)
    {
        var uploaded = ParseCsv(input.Csv);
        var labelled = input.FromLabelledNeeds ? await LabelledNeedsAsync(cancellationToken) : [];
        var options = settings.Value;
        var corpus = TrainingCorpus.Shipped(options.CorpusGeneratedPerCategory, options.CorpusHandWrittenPerCategory);
        List<LabelledText> texts = [.. corpus, .. labelled, .. uploaded];

        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            var version = $"needs-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{texts.Count}";
            var model = await Task.Factory.StartNew(
                () => NeedModel.Train(texts, new TrainingOptions { HoldOutFraction = options.HoldOutFraction, RefitOnAllData = false, Version = version }),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            store.Save(model);
            active.Activate(model.Version);
            logger.LogInformation("Trained classifier model {Version} on {Count} texts ({Labelled} labelled needs, {Uploaded} uploaded): {TopLevel:P1} top-level on the hold-out.",
                model.Version, texts.Count, labelled.Count, uploaded.Count, model.Evaluation?.TopLevelAccuracy);
            return new NeedModelInfo(model.Version, model.TrainingCount, model.Evaluation, model.CreatedAt);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>Each labelled need once, with its latest label.</summary>
    private async Task<List<LabelledText>> LabelledNeedsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<NeedLabel>()
            .Join(db.Needs, l => l.NeedId, n => n.Id, (l, n) => new { l.NeedId, l.Id, l.CategoryCode, n.Text })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.NeedId).Select(g => g.MaxBy(r => r.Id)!).Select(r => new LabelledText(r.Text, r.CategoryCode)).ToList();
    }

    private List<LabelledText> ParseCsv(string? csv)
    {
        if (string.IsNullOrWhiteSpace(csv))
        {
            return [];
        }

        IReadOnlyList<LabelledText> rows;
        try
        {
            rows = LabelledTextCsv.Read(new StringReader(csv));
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "csv: " + e.Message);
        }

        var snapshot = reference.Current;
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            if (string.IsNullOrWhiteSpace(row.Text) || row.Text.Length > 4000)
            {
                throw new DomainException(ErrorCodes.InvalidInput, $"csv row {index + 2}: the text must have 1 to 4,000 characters.");
            }

            if (snapshot.FindCategory(row.CategoryCode) is null)
            {
                throw new DomainException(ErrorCodes.UnknownCategory, $"csv row {index + 2}: no category has the code \"{row.CategoryCode}\".");
            }

            if (snapshot.ChildCategoriesOf(row.CategoryCode).Any())
            {
                throw new DomainException(ErrorCodes.InvalidInput, $"csv row {index + 2}: \"{row.CategoryCode}\" has sub-categories; use one of them.");
            }
        }

        return [.. rows];
    }
}
