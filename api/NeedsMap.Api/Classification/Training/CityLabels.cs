using System.Security.Cryptography;
using System.Text;
using NeedsMap.Api.Data;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Classification.Training;

/// <summary>
/// Resolves the labels of a city's labelled history to categories, at any level: a category's code, its name, or a path
/// of names from the top (<c>城乡建设/物业管理</c>). With <c>createCategories</c> a label that names nothing becomes a
/// category of the city's own (not standard), so a city trains on its own labels without stand-ins; its code is made from
/// the name (<c>c</c> + 6 hex digits of its SHA-256, a child's appended after its parent's and a dot), so a re-import
/// finds the same category. Renaming, moving and merging categories is the category administration's business.
/// </summary>
public sealed class CityLabels(NeedsMapDbContext db, ReferenceData reference)
{
    public const char PathSeparator = '/';
    public const int MaxNameLength = 100;

    public Resolver Begin(bool createCategories) => new(db, reference, createCategories);

    public sealed class Resolver
    {
        private readonly NeedsMapDbContext _db;
        private readonly ReferenceData _reference;
        private readonly ReferenceSnapshot _snapshot;
        private readonly bool _create;
        private readonly Dictionary<string, string?> _resolved = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Category> _created = new(StringComparer.Ordinal);
        private readonly ILookup<string, Category> _byName;

        internal Resolver(NeedsMapDbContext db, ReferenceData reference, bool create)
        {
            (_db, _reference, _snapshot, _create) = (db, reference, reference.Current, create);
            _byName = _snapshot.Categories.ToLookup(c => c.Name, StringComparer.Ordinal);
        }

        /// <summary>The categories this import makes (saved by <see cref="SaveAsync"/>).</summary>
        public IReadOnlyCollection<Category> Created => _created.Values;

        /// <summary>The category code of <paramref name="label"/>, or null when it names none (or several) and creating is off.</summary>
        public string? Resolve(string label)
        {
            label = label.Trim();
            if (!_resolved.TryGetValue(label, out var code))
            {
                code = Current(_snapshot.FindCategory(label) is not null ? label : ResolvePath(label.Split(PathSeparator, StringSplitOptions.TrimEntries)));
                _resolved[label] = code;
            }

            return code;
        }

        /// <summary>
        /// The category a label's texts train today: one merged into another trains the survivor (as its needs moved there);
        /// a retired one names nothing, so no new need is classified into it.
        /// </summary>
        private string? Current(string? code)
        {
            for (var hops = 0; code is not null && hops < 16; hops++)
            {
                var category = _snapshot.FindCategory(code);
                if (category?.MergedInto is { } survivor)
                {
                    code = survivor;
                    continue;
                }
                return category is { RetiredAt: not null } ? null : code;
            }
            return code;
        }

        /// <summary>Adds the created categories and reloads the reference data, so the import's codes exist before training.</summary>
        public async Task SaveAsync(CancellationToken cancellationToken)
        {
            if (_created.Count == 0)
            {
                return;
            }

            _db.Categories.AddRange(_created.Values.OrderBy(c => c.Code.Length));
            await _db.SaveChangesAsync(cancellationToken);
            await _reference.ReloadAsync(cancellationToken);
        }

        private string? ResolvePath(string[] names)
        {
            if (names.Any(n => n.Length is 0 or > MaxNameLength))
            {
                return null;
            }

            string? parent = null;
            foreach (var name in names)
            {
                var code = Find(name, parent) ?? Create(name, parent);
                if (code is null)
                {
                    return null;
                }

                parent = code;
            }

            return parent;
        }

        /// <summary>A category called <paramref name="name"/> (or with that code) under <paramref name="parent"/>; at the top, a unique name anywhere.</summary>
        private string? Find(string name, string? parent)
        {
            var matches = _byName[name].Concat(_created.Values.Where(c => c.Name == name)).Where(c => parent is null || c.ParentCode == parent).ToList();
            if (parent is not null && _snapshot.FindCategory(name) is { } byCode && byCode.ParentCode == parent)
            {
                return byCode.Code;
            }

            return matches.Count switch
            {
                1 => matches[0].Code,
                > 1 => matches.FirstOrDefault(c => c.ParentCode is null)?.Code,
                _ => null,
            };
        }

        private string? Create(string name, string? parent)
        {
            if (!_create)
            {
                return null;
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((parent ?? "") + PathSeparator + name)));
            var length = 6;
            string code;
            do
            {
                code = (parent is null ? "c" : parent + ".") + hash[..length++];
            }
            while (_snapshot.FindCategory(code) is not null || _created.ContainsKey(code));

            if (code.Length > 64)
            {
                return null;
            }

            _created[code] = new Category { Code = code, Name = name, NameEn = name, ParentCode = parent, IsStandard = false };
            return code;
        }
    }
}
