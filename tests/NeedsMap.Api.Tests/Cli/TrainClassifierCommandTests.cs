using NeedsMap.Api.Classification;
using NeedsMap.Api.Cli;
using NeedsMap.Api.Security;
using NeedsMap.Api.Tests.Classification;

namespace NeedsMap.Api.Tests.Cli;

public sealed class TrainClassifierCommandTests(ClassifierHost host) : IClassFixture<ClassifierHost>
{
    [Fact]
    public async Task train_classifier_trains_on_the_csv_saves_and_activates_the_model_the_server_then_reports()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"needsmap-train-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "text,category\n小区里新开的烧烤档天天放歌到两点,noise.commercial\n楼下夜宵摊音响开得很大,noise.commercial\n");
        try
        {
            var (exit, run) = await CliRun.InvokeAsync([TrainClassifierCommand.Name, "--csv", csv, "--without-labelled-needs"], host.Services);

            Assert.True(exit == ExitCodes.Ok, run.Error.ToString());
            var lines = run.Output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.StartsWith("[1/2] training on the shipped corpus and " + Path.GetFileName(csv), lines[0], StringComparison.Ordinal);
            Assert.StartsWith("[2/2] saved and activated needs-", lines[1], StringComparison.Ordinal);
            var version = lines[1]["[2/2] saved and activated ".Length..];
            Assert.StartsWith($"train-classifier: {version} on ", lines[2], StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(host.ModelFolder, version + ".zip")));
            var (_, body, _) = await host.PostAsync("{ classifierModels { version active } }", token: host.Token(RoleRights.CityAdmin));
            Assert.Contains(body!["data"]!["classifierModels"]!.AsArray(), m => m!["version"]!.GetValue<string>() == version && m["active"]!.GetValue<bool>());
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task A_csv_the_training_refuses_exits_1_with_its_code()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"needsmap-train-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "text,category\n楼下夜宵摊音响开得很大,no.such.category\n");
        try
        {
            var (exit, run) = await CliRun.InvokeAsync([TrainClassifierCommand.Name, "--csv", csv], host.Services);
            Assert.Equal(ExitCodes.Failure, exit);
            Assert.Contains("train-classifier: UNKNOWN_CATEGORY: csv row 2", run.Error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
