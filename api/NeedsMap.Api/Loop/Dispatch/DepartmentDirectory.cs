using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>The departments, held in memory like the other reference data: resolvers and subscriptions never query them.</summary>
public sealed class DepartmentDirectory(IServiceScopeFactory scopes)
{
    private volatile IReadOnlyDictionary<string, Department> _departments = new Dictionary<string, Department>();

    public IEnumerable<Department> All => _departments.Values.OrderBy(d => d.Code, StringComparer.Ordinal);

    public Department? Find(string code) => _departments.GetValueOrDefault(code);

    public Department Require(string code) => Find(code)
        ?? throw new DomainException(ErrorCodes.UnknownDepartment, $"No department has the code \"{code}\".");

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
        _departments = await db.Set<Department>().AsNoTracking().ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, cancellationToken);
    }
}
