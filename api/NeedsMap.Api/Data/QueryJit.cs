using Npgsql;

namespace NeedsMap.Api.Data;

/// <summary>
/// PostgreSQL's JIT is off on the server's connections (<c>NeedsMap:Database:Jit</c>, false by default). PostgreSQL compiles a
/// statement to machine code when its estimated cost passes <c>jit_above_cost</c> (100,000), and on this API's questions the
/// compiling costs far more than it saves: the social-risk detector's window read ran 731 ms with JIT, 674 ms of it compiling,
/// and 40 ms without (79,000 needs, 2026-12-05), and each such compile is a burst of a core that stalls whatever else runs.
/// A connection string whose <c>Options</c> already set <c>jit</c> is taken as written: the operator has chosen.
/// </summary>
public static class QueryJit
{
    public const string Setting = "NeedsMap:Database:Jit";

    public static void Apply(NpgsqlConnectionStringBuilder connection, bool jit)
    {
        if (!jit)
        {
            ConnectionOptions.SetUnlessChosen(connection, "jit", "off");
        }
    }
}
