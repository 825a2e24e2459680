using System.Collections;
using System.Data.Common;
using System.Globalization;

namespace NeedsMap.Api.Export;

/// <summary>
/// <see cref="IExportRows"/> as a forward-only <see cref="DbDataReader"/>: MiniExcel streams a sheet row by row from a
/// data reader (from a plain IEnumerable it would first copy every row into a list). Timestamps become the city's
/// clock time, which Excel shows as a date.
/// </summary>
internal sealed class RowsDataReader(IExportRows rows) : DbDataReader
{
    public override int FieldCount => rows.Columns.Count;

    public override bool Read() => rows.MoveNext();

    public override Task<bool> ReadAsync(CancellationToken cancellationToken) => rows.MoveNextAsync(cancellationToken).AsTask();

    public override string GetName(int ordinal) => rows.Columns[ordinal].Name;

    public override object GetValue(int ordinal) => rows.Current[ordinal] switch
    {
        null => DBNull.Value,
        DateTimeOffset at => at.DateTime,
        var value => value,
    };

    public override int GetOrdinal(string name) => rows.Columns.Select((c, i) => (c, i)).First(x => x.c.Name == name).i;

    public override bool IsDBNull(int ordinal) => rows.Current[ordinal] is null;

    public override Type GetFieldType(int ordinal) => rows.Current.ElementAtOrDefault(ordinal)?.GetType() ?? typeof(string);

    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;

    public override int GetValues(object[] values)
    {
        var n = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < n; i++)
        {
            values[i] = GetValue(i);
        }
        return n;
    }

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override int Depth => 0;

    public override bool HasRows => true;

    public override bool IsClosed => false;

    public override int RecordsAffected => -1;

    public override bool NextResult() => false;

    public override IEnumerator GetEnumerator() => throw new NotSupportedException();

    public override string GetString(int ordinal) => Convert.ToString(GetValue(ordinal), CultureInfo.InvariantCulture) ?? "";

    public override double GetDouble(int ordinal) => Convert.ToDouble(GetValue(ordinal), CultureInfo.InvariantCulture);

    public override long GetInt64(int ordinal) => Convert.ToInt64(GetValue(ordinal), CultureInfo.InvariantCulture);

    public override int GetInt32(int ordinal) => Convert.ToInt32(GetValue(ordinal), CultureInfo.InvariantCulture);

    public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);

    public override bool GetBoolean(int ordinal) => throw new NotSupportedException();

    public override byte GetByte(int ordinal) => throw new NotSupportedException();

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    public override char GetChar(int ordinal) => throw new NotSupportedException();

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    public override decimal GetDecimal(int ordinal) => throw new NotSupportedException();

    public override float GetFloat(int ordinal) => throw new NotSupportedException();

    public override Guid GetGuid(int ordinal) => throw new NotSupportedException();

    public override short GetInt16(int ordinal) => throw new NotSupportedException();
}
