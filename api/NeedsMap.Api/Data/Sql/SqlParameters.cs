using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Data.Sql;

/// <summary>Collects the parameters of one SQL statement and hands out their placeholders.</summary>
public sealed class SqlParameters
{
    private readonly List<NpgsqlParameter> _parameters = [];

    public IReadOnlyList<NpgsqlParameter> All => _parameters;

    public string Add(object value, NpgsqlDbType? type = null)
    {
        var name = "p" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var parameter = new NpgsqlParameter(name, value);
        if (type is { } t)
        {
            parameter.NpgsqlDbType = t;
        }
        _parameters.Add(parameter);
        return "@" + name;
    }

    public void AddTo(NpgsqlCommand command)
    {
        foreach (var p in _parameters)
        {
            command.Parameters.Add(p);
        }
    }
}
