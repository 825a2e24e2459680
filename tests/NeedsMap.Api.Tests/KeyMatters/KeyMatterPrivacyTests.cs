using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.KeyMatters;

/// <summary>Portraits and key matters through every role's eyes: small groups never shown, scopes kept.</summary>
public sealed class KeyMatterPrivacyTests(SecuredHost host) : IClassFixture<SecuredHost>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await KeyMatterTestData.ResetAsync(host);
        var jimingshan = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var at = new DateTimeOffset(2026, 6, 20, 3, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 6; i++)
        {
            await KeyMatterTestData.AddAsync(host, $"打工的宿舍旁第{i}个工地夜里施工", TestNeeds.Offset(jimingshan, i * 400, 0), at.AddHours(i),
                reporter: $"worker-{i}", group: "migrant_worker");
        }
        for (var i = 0; i < 2; i++)
        {
            await KeyMatterTestData.AddAsync(host, $"学校旁第{i}处噪音", TestNeeds.Offset(jimingshan, 0, i * 400), at.AddHours(i),
                reporter: $"student-{i}", group: "student", category: "noise.traffic");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IEnumerable<(string Name, string? Token)> Callers()
    {
        yield return ("public", null);
        foreach (var right in RoleRights.All.Where(r => r.Groups.HasFlag(FieldGroup.Aggregates) && r.Role != RoleRights.Public))
        {
            yield return ($"{right.Role}@{TestNeeds.Jiangdong}", host.Token(right.Role, TestNeeds.Jiangdong));
            yield return ($"{right.Role}@{TestNeeds.Choucheng}", host.Token(right.Role, TestNeeds.Choucheng));
        }
    }

    [Fact]
    public async Task A_group_of_fewer_than_five_needs_is_never_shown_to_any_role()
    {
        foreach (var (name, token) in Callers())
        {
            var (status, body, _) = await host.PostAsync($$"""
                { groupPortraits({{KeyMatterTestData.Window}}) { minimumGroup groups { value needs topCategories { code needs } topPlaces { code needs } } } }
                """, token: token);
            Assert.True(status == 200 && body!["errors"] is null, $"{name}: {status} {body?.ToJsonString()}");
            var text = body!.ToJsonString();
            Assert.DoesNotContain("student", text, StringComparison.Ordinal);
            Assert.DoesNotContain("noise.traffic", text, StringComparison.Ordinal);
            var groups = body["data"]!["groupPortraits"]!["groups"]!.AsArray();
            Assert.All(groups, g => Assert.True(g!["needs"]!.GetValue<int>() >= 5, name));
            // Six needs in six places: the group shows, its places (one need each) do not.
            Assert.All(groups, g => Assert.Empty(g!["topPlaces"]!.AsArray()));
            var sees = name is "public" || name.StartsWith(RoleRights.CityAdmin, StringComparison.Ordinal)
                || name.StartsWith(RoleRights.DepartmentStaff, StringComparison.Ordinal) || name.EndsWith(TestNeeds.Jiangdong, StringComparison.Ordinal)
                && !name.StartsWith(RoleRights.Resident, StringComparison.Ordinal);
            Assert.True(sees == groups.Any(g => g!["value"]!.GetValue<string>() == "migrant_worker"), $"{name}: {text}");
        }
    }

    [Fact]
    public async Task Key_matters_answer_each_role_from_what_it_may_see()
    {
        foreach (var (name, token) in Callers())
        {
            var (status, body, _) = await host.PostAsync($$"""
                { keyMatters({{KeyMatterTestData.Window}}) { jurisdiction { code } records smallGroupsSuppressed categories { category { code } components { records } } } }
                """, token: token);
            Assert.True(status == 200 && body!["errors"] is null, $"{name}: {status} {body?.ToJsonString()}");
            var km = body!["data"]!["keyMatters"]!;
            var categories = km["categories"]!.AsArray().Select(c => c!["category"]!["code"]!.GetValue<string>()).ToList();
            if (name == "public")
            {
                // City-wide, with the two-need category left out.
                Assert.Equal(["noise.construction"], categories);
                Assert.True(km["smallGroupsSuppressed"]!.GetValue<bool>());
            }
            else if (name.StartsWith(RoleRights.CityAdmin, StringComparison.Ordinal) || name.StartsWith(RoleRights.DepartmentStaff, StringComparison.Ordinal))
            {
                Assert.Equal(["noise.construction", "noise.traffic"], categories);
                Assert.Equal("330782", km["jurisdiction"]!["code"]!.GetValue<string>());
            }
            else if (name.EndsWith(TestNeeds.Jiangdong, StringComparison.Ordinal) && !name.StartsWith(RoleRights.Resident, StringComparison.Ordinal))
            {
                // Asked about the city, answered for the caller's street.
                Assert.Equal(TestNeeds.Jiangdong, km["jurisdiction"]!["code"]!.GetValue<string>());
                Assert.NotEmpty(categories);
            }
            else
            {
                Assert.Empty(categories);
            }
        }
    }
}
