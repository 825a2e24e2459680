using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace NeedsMap.Api.Tests.Infrastructure;

/// <summary>
/// The API in process over its own PostGIS database, with the demo city's jurisdictions (and no needs unless
/// a test adds them). Used as a class fixture: one host per test class, needs reset before each test.
/// </summary>
public class NeedsMapHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _connectionString;
    private readonly bool _ownsDatabase;

    public NeedsMapHost()
        : this(seeded: true)
    {
    }

    /// <summary>
    /// A host over a database of its own: copied from the seeded template (<paramref name="seeded"/>: what a default host's first
    /// start leaves) or only with the extensions, for a host whose settings seed something else (another city, no demo city).
    /// </summary>
    protected NeedsMapHost(bool seeded)
        : this(seeded ? TestDatabase.NewSeededDatabase("api") : TestDatabase.NewDatabaseWithExtensions("api"), ownsDatabase: true)
    {
    }

    /// <summary>A host over a database that outlives it (<paramref name="ownsDatabase"/> false), so a test can restart the server.</summary>
    protected NeedsMapHost(string connectionString, bool ownsDatabase)
    {
        _connectionString = connectionString;
        _ownsDatabase = ownsDatabase;
    }

    public string ConnectionString => _connectionString;

    protected virtual bool UseRealSockets => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:NeedsMap", _connectionString);
        builder.UseSetting("NeedsMap:LoadDemoCity", "true");
        builder.UseSetting("NeedsMap:LoadDemoNeeds", "false");
        // The demo's five years of school-place needs change the demo's counts; the suites that want them turn them on.
        builder.UseSetting("NeedsMap:LoadDemoSchoolDemand", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("NeedsMap:Auth:SigningKey", TestSigningKey);
        builder.UseSetting("NeedsMap:Privacy:EncryptionKey", TestEncryptionKey);
        builder.UseSetting("NeedsMap:RateLimit:PermitsPerMinute", "1000000");
        builder.UseSetting("NeedsMap:RateLimit:AnonymousPermitsPerMinute", "1000000");
        // The feature suites expect a nudged warning detector to run as soon as the burst settles; the minimum gap between
        // runs (60 s in production) has its own host in WarningDetectorGapTests.
        builder.UseSetting("NeedsMap:Weather:DetectorMinimumGapSeconds", "0");
        // The feature suites run without tokens as the whole city's administrator; only the Testing environment allows it.
        // The security suites (SecuredHost) leave anonymous callers with the public view.
        if (AnonymousRole is { } role)
        {
            builder.UseSetting("NeedsMap:Auth:AnonymousRole", role);
        }
    }

    public const string TestEncryptionKey = "bmVlZHNtYXAtdGVzdHMtY29udGFjdC1rZXktMzJieXQ=";

    public const string TestSigningKey = "needsmap-tests-signing-key-0123456789abcdef";

    protected virtual string? AnonymousRole => "city_admin";

    public async Task InitializeAsync()
    {
        if (UseRealSockets)
        {
            UseKestrel(0);
        }
        StartServer();
        await Task.CompletedTask;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await TestDatabase.DropAsync(_connectionString);
        }
        OnDisposed();
    }

    /// <summary>For hosts that own more than the database (a plugin folder, say).</summary>
    protected virtual void OnDisposed()
    {
    }

    /// <summary>Empties everything tests write, keeping reference data and jurisdictions.</summary>
    public Task ResetAsync() => ExecuteSqlAsync("TRUNCATE needs, need_history, audit_log RESTART IDENTITY CASCADE");

    /// <summary>
    /// Runs a test's own SQL beside the host's background workers. A TRUNCATE locks every table it cascades to, in its own
    /// order, while an applier or a plugin's pull may hold one of them and wait for another; PostgreSQL then aborts one side
    /// with 40P01 (CI, 2026-12-06: Open311IntakeTests' reset). A deadlock's victim is meant to be retried, so this retries it.
    /// A TRUNCATE first takes the rollup applier's turn, in the same transaction: the applier's batch then ends before the
    /// tables are emptied, instead of reading <c>needs</c> while the TRUNCATE holds it and waits for the batch's rows (the
    /// deadlock every CI run logged from session 25 on, the applier's side failing and retrying its batch).
    /// </summary>
    public async Task ExecuteSqlAsync(string sql)
    {
        var statements = sql.TrimStart().StartsWith("TRUNCATE", StringComparison.OrdinalIgnoreCase)
            ? $"SELECT pg_advisory_xact_lock({Api.Needs.Rollups.RollupApplier.RollupLockKey}); {sql}"
            : sql;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(statements, connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt));
            }
        }
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>POSTs a GraphQL request and returns the parsed response body.</summary>
    public async Task<JsonObject> GraphQLAsync(string query, object? variables = null, string accept = "application/graphql-response+json",
        string? token = null, TimeSpan? timeout = null)
    {
        using var client = CreateClient();
        client.Timeout = timeout ?? client.Timeout;
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body)?.AsObject() ?? throw new InvalidOperationException($"Empty response ({(int)response.StatusCode}).");
    }

    /// <summary>
    /// POSTs a GraphQL request that must succeed: no GraphQL error and no refusal in any mutation payload. Returns <c>data</c>.
    /// </summary>
    public async Task<JsonNode> GraphQLDataAsync(string query, object? variables = null, string? token = null)
    {
        var body = await GraphQLAsync(query, variables, token: token);
        Assert.True(body["errors"] is null, body.ToJsonString());
        Payloads.AssertNoRefusals(body["data"]);
        return body["data"]!;
    }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
