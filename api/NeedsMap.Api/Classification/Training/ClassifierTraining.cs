using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Data;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Reference;
using NeedsMap.Classification.Model;
using NeedsMap.Classification.Training;

namespace NeedsMap.Api.Classification.Training;

/// <summary>
/// Trains a model through the product's one training path (<see cref="ClassifierTrainer"/>) from the city's labelled
/// needs, imported training sets and an inline CSV, with or without the shipped corpus: k-fold cross-validation of the
/// classifier as it will run (model + the city's lexicon), calibration, a report, then a fit on everything. The model is
/// saved under a new version; it classifies new needs only once activated (at once with <c>activate</c>), and any
/// earlier version can be activated again. The fitting runs on a thread of its own; one training runs at a time.
/// </summary>
public sealed class ClassifierTraining(NeedsMapDbContext db, ReferenceData reference, ClassifierModelStore store, TrainingSetStore sets,
    ActiveClassifier active, IOptions<ClassifierSettings> settings, ILogger<ClassifierTraining> logger)
{
    public const int MaxFolds = 10;
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async Task<NeedModelInfo> TrainAsync(TrainClassifierInput input, CancellationToken cancellationToken, Action<string>? progress = null)
    {
        if (input.Folds is < 0 or 1 or > MaxFolds)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"folds is 0 (no cross-validation) or 2 to {MaxFolds}.");
        }

        var own = new List<LabelledText>();
        own.AddRange(ParseCsv(input.Csv));
        foreach (var name in input.TrainingSets ?? [])
        {
            if (!sets.Exists(name))
            {
                throw new DomainException(ErrorCodes.NotFound, $"No training set is called \"{name}\".");
            }

            own.AddRange(sets.Read(name));
        }

        if (input.FromLabelledNeeds)
        {
            own.AddRange(await LabelledNeedsAsync(cancellationToken));
        }

        var options = settings.Value;
        var shipped = input.MixShippedCorpus ? TrainingCorpus.Shipped(options.CorpusGeneratedPerCategory, options.CorpusHandWrittenPerCategory) : [];
        IReadOnlyList<LabelledText> evaluated = own.Count > 0 ? own : shipped;
        if ((own.Count > 0 ? own.Concat(shipped) : shipped).Select(t => t.CategoryCode).Distinct().Count() < 2)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "Training needs labelled texts of at least two categories (labels, a training set or the shipped corpus).");
        }

        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            var version = $"needs-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{own.Count + (own.Count > 0 ? shipped.Count : 0)}";
            var lexicon = active.Current.Lexicon;
            var result = await Task.Factory.StartNew(
                () => ClassifierTrainer.Train(new ClassifierTrainingRequest
                {
                    Texts = evaluated,
                    AlwaysTrain = own.Count > 0 ? shipped : [],
                    Folds = input.Folds,
                    Options = new TrainingOptions { HoldOutFraction = 0, Version = version },
                    Lexicon = lexicon,
                    Version = version,
                    Progress = progress,
                }),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var model = result.Model;
            store.Save(model);
            if (input.Activate)
            {
                active.Activate(model.Version);
            }

            logger.LogInformation("Trained classifier model {Version} on {Own} own texts and {Shipped} shipped ({Labels} labels): {Accuracy:P1} by {Method}{Activated}.",
                model.Version, own.Count, own.Count > 0 ? shipped.Count : 0, model.Labels.Count, model.Evaluation?.Accuracy, model.Evaluation?.Method ?? "no evaluation",
                input.Activate ? ", active" : "");
            return model.Info;
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

    /// <summary>An inline CSV: labels are existing category codes at any level (a training set also takes names and paths).</summary>
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
            if (string.IsNullOrWhiteSpace(row.Text) || row.Text.Length > TrainingSetImporter.MaxTextLength)
            {
                throw new DomainException(ErrorCodes.InvalidInput, $"csv row {index + 2}: the text must have 1 to 4,000 characters.");
            }

            if (snapshot.FindCategory(row.CategoryCode) is null)
            {
                throw new DomainException(ErrorCodes.UnknownCategory, $"csv row {index + 2}: no category has the code \"{row.CategoryCode}\".");
            }
        }

        return [.. rows];
    }
}
