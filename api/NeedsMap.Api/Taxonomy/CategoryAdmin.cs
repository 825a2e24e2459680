using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.KeyMatters.Rollups;
using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Weather.Rollups;
using Npgsql;

namespace NeedsMap.Api.Taxonomy;

public sealed record AddCategoryInput(string Code, string Name, string? NameEn, string? ParentCode, double Weight, IReadOnlyList<string>? Departments);

/// <summary>Only what is given changes; <c>parentCode: ""</c> makes a category top-level.</summary>
public sealed record UpdateCategoryInput(string Code, string? Name, string? NameEn, string? ParentCode, IReadOnlyList<string>? Departments);

/// <summary>
/// The city's taxonomy: categories added, renamed, moved, given departments, merged and retired. Nothing is deleted: a
/// retired or merged category stays readable (old needs, old reports), is never given to a new need, and a merged one
/// points at the category that took its needs. Every change is written to the audit log (<c>category_change</c>) with
/// what it was before. A merge moves needs, labels, whistles, scenes and external labels to the surviving category
/// (each need's history says so), re-parents the children, then rebuilds the cell and key-matter rollups.
/// </summary>
public sealed partial class CategoryAdmin(NeedsMapDbContext db, ReferenceData reference, DepartmentDirectory departments, ExternalLabelMap labels,
    CellRollupRebuilder cells, KeyMatterRebuilder keyMatters, AccessScope scope, TimeProvider time)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,63}$")]
    private static partial Regex CodePattern();

    public async Task<Category> AddAsync(AddCategoryInput input, CancellationToken cancellationToken)
    {
        var code = input.Code.Trim();
        if (!CodePattern().IsMatch(code))
        {
            throw new DomainException(ErrorCodes.InvalidInput, "A category code is 1 to 64 lower-case letters, digits, '.', '_' or '-'.");
        }
        if (await db.Categories.AnyAsync(c => c.Code == code, cancellationToken))
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"The category {code} exists already.");
        }
        var parent = input.ParentCode is { Length: > 0 } p ? await LiveAsync(p, cancellationToken) : null;
        RequireWeight(input.Weight);
        var category = new Category
        {
            Code = code, Name = Name(input.Name), NameEn = NameEn(input.NameEn, input.Name), ParentCode = parent?.Code, Weight = input.Weight,
            Departments = Departments(input.Departments ?? []), IsStandard = false,
        };
        db.Categories.Add(category);
        await AuditAsync($"add {code} under {parent?.Code ?? "(top)"}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await reference.ReloadAsync(cancellationToken);
        return category;
    }

    public async Task<Category> UpdateAsync(UpdateCategoryInput input, CancellationToken cancellationToken)
    {
        var category = await LiveAsync(input.Code, cancellationToken);
        var before = $"{category.Name}|{category.NameEn}|{category.ParentCode ?? "(top)"}|{string.Join(',', category.Departments)}";
        if (input.Name is not null)
        {
            category.Name = Name(input.Name);
        }
        if (input.NameEn is not null)
        {
            category.NameEn = NameEn(input.NameEn, category.Name);
        }
        if (input.ParentCode is not null)
        {
            var parent = input.ParentCode.Length == 0 ? null : await LiveAsync(input.ParentCode, cancellationToken);
            if (parent is not null && (parent.Code == category.Code || await IsBelowAsync(parent.Code, category.Code, cancellationToken)))
            {
                throw new DomainException(ErrorCodes.InvalidInput, $"{category.Code} cannot move under itself or its own descendant {parent.Code}.");
            }
            category.ParentCode = parent?.Code;
        }
        if (input.Departments is not null)
        {
            category.Departments = Departments(input.Departments);
        }
        await AuditAsync($"update {category.Code}: was {before}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await reference.ReloadAsync(cancellationToken);
        // A move changes which top-level category the needs count under: the rollups follow.
        if (input.ParentCode is not null)
        {
            await RebuildAsync(cancellationToken);
        }
        return category;
    }

    public async Task<Category> RetireAsync(string code, CancellationToken cancellationToken)
    {
        var category = await LiveAsync(code, cancellationToken);
        if (await db.Categories.AnyAsync(c => c.ParentCode == code && c.RetiredAt == null, cancellationToken))
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"{code} has categories under it still in use: retire, move or merge them first.");
        }
        category.RetiredAt = time.GetUtcNow();
        await AuditAsync($"retire {code}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await reference.ReloadAsync(cancellationToken);
        return category;
    }

    /// <summary>Moves everything of <paramref name="from"/> to <paramref name="into"/> and retires <paramref name="from"/>; returns the needs moved.</summary>
    public async Task<(Category Into, long Needs)> MergeAsync(string from, string into, CancellationToken cancellationToken)
    {
        var source = await LiveAsync(from, cancellationToken);
        var target = await LiveAsync(into, cancellationToken);
        if (source.Code == target.Code || await IsBelowAsync(target.Code, source.Code, cancellationToken))
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"{from} cannot be merged into itself or into a category under it.");
        }
        long moved;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await Data.StatementTimeout.LiftAsync(connection, cancellationToken);
            await using var command = new NpgsqlCommand("""
                INSERT INTO need_history (need_id, at, actor, kind, note)
                  SELECT id, @now, @actor, 'recategorized', 'category ' || @from || ' merged into ' || @into FROM needs WHERE category_code = @from;
                UPDATE need_labels SET category_code = @into WHERE category_code = @from;
                UPDATE whistles SET category_code = @into WHERE category_code = @from;
                UPDATE scenes SET category_codes = array_replace(category_codes, @from, @into) WHERE @from = ANY(category_codes);
                UPDATE external_labels SET category_code = @into WHERE category_code = @from;
                UPDATE categories SET parent_code = @into WHERE parent_code = @from;
                UPDATE categories SET retired_at = @now, merged_into = @into WHERE code = @from;
                UPDATE needs SET category_code = @into WHERE category_code = @from;
                """, connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            command.Parameters.AddWithValue("actor", scope.Actor);
            command.Parameters.AddWithValue("from", source.Code);
            command.Parameters.AddWithValue("into", target.Code);
            moved = await db.Needs.CountAsync(n => n.CategoryCode == source.Code, cancellationToken);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await AuditAsync($"merge {from} into {into}", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        await reference.ReloadAsync(cancellationToken);
        await labels.ReloadAsync(cancellationToken);
        await RebuildAsync(cancellationToken);
        return (await db.Categories.AsNoTracking().SingleAsync(c => c.Code == target.Code, cancellationToken), moved);
    }

    public async Task<ExternalLabel> SetLabelAsync(string? source, string label, string categoryCode, CancellationToken cancellationToken)
    {
        var (s, l) = LabelKey(source, label);
        var category = await LiveAsync(categoryCode, cancellationToken);
        var row = await db.Set<ExternalLabel>().FindAsync([s, l], cancellationToken);
        if (row is null)
        {
            row = new ExternalLabel { Source = s, Label = l, CategoryCode = category.Code, UpdatedAt = time.GetUtcNow(), UpdatedBy = scope.Actor };
            db.Add(row);
        }
        else
        {
            (row.CategoryCode, row.UpdatedAt, row.UpdatedBy) = (category.Code, time.GetUtcNow(), scope.Actor);
        }
        await db.SaveChangesAsync(cancellationToken);
        await labels.ReloadAsync(cancellationToken);
        return row;
    }

    public async Task<bool> RemoveLabelAsync(string? source, string label, CancellationToken cancellationToken)
    {
        var (s, l) = LabelKey(source, label);
        var removed = await db.Set<ExternalLabel>().Where(x => x.Source == s && x.Label == l).ExecuteDeleteAsync(cancellationToken) > 0;
        await labels.ReloadAsync(cancellationToken);
        return removed;
    }

    private (string Source, string Label) LabelKey(string? source, string label)
    {
        var s = string.IsNullOrWhiteSpace(source) ? ExternalLabel.AnySource : source.Trim();
        if (s != ExternalLabel.AnySource && reference.Current.FindChannel(s) is null)
        {
            throw new DomainException(ErrorCodes.UnknownChannel, $"No channel has the code \"{s}\".");
        }
        var l = ExternalLabelMap.Normalize(label);
        if (l.Length is 0 or > 200)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "An external label has 1 to 200 characters.");
        }
        return (s, l);
    }

    private async Task<Category> LiveAsync(string code, CancellationToken cancellationToken)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Code == code, cancellationToken)
            ?? throw new DomainException(ErrorCodes.UnknownCategory, $"No category has the code \"{code}\".");
        if (category.RetiredAt is not null)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"The category {code} is retired{(category.MergedInto is { } m ? $" (merged into {m})" : "")}.");
        }
        return category;
    }

    private async Task<bool> IsBelowAsync(string candidate, string ancestor, CancellationToken cancellationToken)
    {
        var parents = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.ParentCode, cancellationToken);
        for (var p = parents.GetValueOrDefault(candidate); p is not null; p = parents.GetValueOrDefault(p))
        {
            if (p == ancestor)
            {
                return true;
            }
        }
        return false;
    }

    private string[] Departments(IReadOnlyList<string> codes)
    {
        foreach (var code in codes)
        {
            if (departments.Find(code) is null)
            {
                throw new DomainException(ErrorCodes.UnknownDepartment, $"No department has the code \"{code}\".");
            }
        }
        return [.. codes.Distinct(StringComparer.Ordinal)];
    }

    private static string Name(string name) => name.Trim() is { Length: > 0 and <= 100 } n ? n
        : throw new DomainException(ErrorCodes.InvalidInput, "A category's name has 1 to 100 characters.");

    private static string NameEn(string? nameEn, string name) => string.IsNullOrWhiteSpace(nameEn) ? name.Trim()
        : nameEn.Trim() is { Length: <= 100 } n ? n : throw new DomainException(ErrorCodes.InvalidInput, "nameEn has at most 100 characters.");

    private static void RequireWeight(double weight)
    {
        if (!double.IsFinite(weight) || weight is < 0 or > 100)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "A category's weight is between 0 and 100.");
        }
    }

    private Task AuditAsync(string what, CancellationToken cancellationToken) => db.Database.ExecuteSqlInterpolatedAsync(
        $"INSERT INTO audit_log (at, actor, role, fields, action) VALUES ({time.GetUtcNow()}, {scope.Actor}, {(scope.IsEstablished ? scope.Right.Role : "cli")}, {what}, 'category_change')",
        cancellationToken);

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await cells.RebuildAsync(cancellationToken);
        await keyMatters.RebuildAsync(cancellationToken);
    }
}
