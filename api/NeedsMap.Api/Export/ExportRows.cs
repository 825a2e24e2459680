namespace NeedsMap.Api.Export;

/// <summary>
/// Rows of an export, one at a time, whatever they come from (a database cursor, a small aggregate list). Every
/// format's writer reads this, so CSV, XLSX and GeoJSON of the same request hold the same rows and values.
/// Values are strings, numbers, <see cref="DateTimeOffset"/>s in the city's offset, or null.
/// </summary>
public interface IExportRows : IAsyncDisposable
{
    IReadOnlyList<ExportColumn> Columns { get; }

    object?[] Current { get; }

    /// <summary>Rows read so far.</summary>
    long Read { get; }

    ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken);

    /// <summary>For writers that pull synchronously (MiniExcel reads an IDataReader with Read()).</summary>
    bool MoveNext();
}

/// <param name="Name">The header: the GraphQL field name, so a column means what the field means.</param>
/// <param name="Description">What the column holds, for the README and the OpenAPI description.</param>
public sealed record ExportColumn(string Name, string Description, bool FreeText = false);

/// <summary>An aggregate's rows, already in memory (they are counted groups, never more than a few thousand).</summary>
public sealed class ListRows(IReadOnlyList<ExportColumn> columns, IEnumerable<object?[]> rows) : IExportRows
{
    private readonly IEnumerator<object?[]> _rows = rows.GetEnumerator();

    public IReadOnlyList<ExportColumn> Columns => columns;

    public object?[] Current => _rows.Current;

    public long Read { get; private set; }

    public bool MoveNext()
    {
        var moved = _rows.MoveNext();
        Read += moved ? 1 : 0;
        return moved;
    }

    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken) => ValueTask.FromResult(MoveNext());

    public ValueTask DisposeAsync()
    {
        _rows.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Calls back every <paramref name="every"/> rows (the CLI's progress bar) without the writers knowing.</summary>
public sealed class ProgressRows(IExportRows inner, Action<long> progress, int every = 5_000) : IExportRows
{
    public IReadOnlyList<ExportColumn> Columns => inner.Columns;

    public object?[] Current => inner.Current;

    public long Read => inner.Read;

    public bool MoveNext() => Report(inner.MoveNext());

    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken) => Report(await inner.MoveNextAsync(cancellationToken));

    private bool Report(bool moved)
    {
        if (!moved || inner.Read % every == 0)
        {
            progress(inner.Read);
        }
        return moved;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
