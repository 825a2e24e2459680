using System.Text;
using NeedsMap.Classification.Model;

namespace NeedsMap.Api.Classification.Training;

/// <summary>What an import did: rows kept, rows skipped with the first reasons, labels and categories made.</summary>
public sealed record TrainingSetReport(string Name, int Rows, int Skipped, IReadOnlyDictionary<string, int> Labels,
    IReadOnlyList<string> CreatedCategories, IReadOnlyList<string> Problems);

/// <summary>
/// Imports a city's labelled history (CSV: text and label columns, optionally a title) as a named training set, reading
/// the stream record by record so a file of any size costs the memory of one record. Labels are resolved to categories
/// (<see cref="CityLabels"/>); a row with an empty or over-long text or an empty label is skipped and reported. Labels that
/// name no category fail the whole import (UNKNOWN_CATEGORY, naming them) unless categories may be created: nothing is
/// written, no category is made.
/// </summary>
public sealed class TrainingSetImporter(TrainingSetStore store, CityLabels labels, ILogger<TrainingSetImporter> logger)
{
    public const int MaxTextLength = 4000;
    private const int MaxProblems = 20;

    public async Task<TrainingSetReport> ImportAsync(string name, Stream csv, bool createCategories, string actor, CancellationToken cancellationToken)
    {
        if (!TrainingSetStore.IsValidName(name))
        {
            throw new DomainException(ErrorCodes.InvalidInput, "A training set name has 1 to 64 letters, digits, dots, dashes or underscores and starts with a letter or digit.");
        }

        var resolver = labels.Begin(createCategories);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var unknown = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        var (rows, skipped) = (0, 0);
        using var pending = store.Begin(name);
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        try
        {
            foreach (var (text, line) in LabelledTextCsv.Stream(reader))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var problem = string.IsNullOrWhiteSpace(text.Text) || text.Text.Length > MaxTextLength ? $"line {line}: the text must have 1 to {MaxTextLength:N0} characters"
                    : text.CategoryCode.Length == 0 ? $"line {line}: no label"
                    : null;
                if (problem is not null)
                {
                    skipped++;
                    if (problems.Count < MaxProblems)
                    {
                        problems.Add(problem);
                    }

                    continue;
                }

                if (resolver.Resolve(text.CategoryCode) is not { } code)
                {
                    unknown[text.CategoryCode] = unknown.GetValueOrDefault(text.CategoryCode) + 1;
                    continue;
                }

                pending.Write(text with { CategoryCode = code });
                counts[code] = counts.GetValueOrDefault(code) + 1;
                rows++;
            }
        }
        catch (InvalidDataException e)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "csv: " + e.Message);
        }

        if (unknown.Count > 0)
        {
            throw new DomainException(ErrorCodes.UnknownCategory,
                $"{unknown.Count} label(s) name no category: {string.Join(", ", unknown.Take(10).Select(kv => $"\"{kv.Key}\" ({kv.Value} rows)"))}" +
                (unknown.Count > 10 ? ", …" : "") + ". Use category codes or names, or import with createCategories to add them as the city's own.");
        }

        if (rows == 0)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "The file holds no usable labelled text.");
        }

        await resolver.SaveAsync(cancellationToken);
        pending.Commit(new TrainingSetInfo(name, rows, skipped, counts, DateTimeOffset.UtcNow, actor));
        logger.LogInformation("Training set {Name} imported by {Actor}: {Rows} texts, {Labels} labels, {Skipped} skipped, {Created} categories created.",
            name, actor, rows, counts.Count, skipped, resolver.Created.Count);
        return new TrainingSetReport(name, rows, skipped, counts, resolver.Created.Select(c => $"{c.Code} {c.Name}").ToList(), problems);
    }
}
