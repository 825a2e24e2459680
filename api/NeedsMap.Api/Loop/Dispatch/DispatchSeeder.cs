using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>
/// Adds the standard departments that are missing, and the default service list when the city has none yet;
/// never changes what a city edited. Runs after the database initializer, which is registered before it.
/// </summary>
public sealed class DispatchSeeder(IServiceScopeFactory scopes, DepartmentDirectory departments) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
            var known = await db.Set<Department>().Select(d => d.Code).ToHashSetAsync(cancellationToken);
            db.AddRange(StandardDepartments.All.Where(d => !known.Contains(d.Code))
                .Select(d => new Department { Code = d.Code, Name = d.Name, NameEn = d.NameEn }));
            if (!await db.Set<ServiceItem>().AnyAsync(cancellationToken))
            {
                db.AddRange(StandardDepartments.Services.Select(s => new ServiceItem
                {
                    CategoryCode = s.Category, Name = s.Name, DepartmentCodes = [.. s.Departments], DeadlineHours = s.DeadlineHours,
                }));
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        await departments.ReloadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
