using System.Collections.Concurrent;
using GraphQL.Types;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeedsMap.Api.Graph;
using NeedsMap.Api.GraphEdge;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.FrontDoor;

/// <summary>The API with one more root field whose resolver fails as an unexpected bug would, and its log kept.</summary>
public sealed class FailingResolverHost : NeedsMapHost
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Logged { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IQueryFields, BrokenField>();
            services.AddSingleton<ILoggerProvider>(new KeepingProvider(Logged));
        });
    }

    private sealed class BrokenField : IQueryFields
    {
        public void AddTo(ObjectGraphType query) => query.Field<StringGraphType>("brokenForTests")
            .Resolve(_ => throw new InvalidOperationException("Set NeedsMap:Privacy:EncryptionKey (as a missing key would fail)."));
    }

    private sealed class KeepingProvider(ConcurrentQueue<(LogLevel, string, string, Exception?)> logged) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Keeper(categoryName, logged);

        public void Dispose()
        {
        }
    }

    private sealed class Keeper(string category, ConcurrentQueue<(LogLevel, string, string, Exception?)> logged) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logged.Enqueue((logLevel, category, formatter(state, exception), exception));
    }
}

/// <summary>An internal error in a resolver reaches the client as INTERNAL_ERROR and the log with its exception (issue #15).</summary>
public sealed class ResolverFailureLogTests(FailingResolverHost host) : IClassFixture<FailingResolverHost>
{
    [Fact]
    public async Task An_internal_error_in_a_resolver_is_logged_with_its_exception_and_field()
    {
        var result = await host.GraphQLAsync("query Broken { brokenForTests }");
        Assert.Equal("INTERNAL_ERROR", result["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        var entry = host.Logged.Single(l => l.Category == ErrorCodeNormalizer.LogCategory);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.IsType<InvalidOperationException>(entry.Exception);
        Assert.Contains("brokenForTests", entry.Message, StringComparison.Ordinal);
        Assert.Contains("Broken", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_mistake_is_not_logged_as_a_failure()
    {
        var result = await host.GraphQLAsync("""{ jurisdictions(parentCode: "no-such") { code } }""");
        Assert.Equal("UNKNOWN_JURISDICTION", result["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain(host.Logged, l => l.Category == ErrorCodeNormalizer.LogCategory && l.Message.Contains("jurisdictions", StringComparison.Ordinal));
    }
}
