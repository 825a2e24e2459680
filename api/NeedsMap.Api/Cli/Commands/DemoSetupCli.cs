using System.CommandLine;
using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Demo;

namespace NeedsMap.Api.Cli.Commands;

/// <summary><c>demo-setup</c>: run by scripts/run before it serves; needs neither the settings nor the database.</summary>
internal static class DemoSetupCli
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "The data folder (scripts/run: .data): plugins go to DATA/plugins, settings to DATA/demo/settings.json.", Required = true };
        var from = new Option<string?>("--plugins-from") { Description = "The repository's plugins folder whose built plugins to deploy." };
        var configuration = new Option<string>("--configuration") { Description = "The build configuration of the plugins to deploy.", DefaultValueFactory = _ => "Release" };
        var command = new Command(DemoSetupCommand.Name, "Deploys the shipped plugins and keeps the demo's settings file (keys created once, reused).")
        {
            data, from, configuration,
        };
        command.SetAction(async (parse, ct) => await DemoSetupCommand.RunAsync(parse.GetRequiredValue(data), parse.GetValue(from),
            parse.GetRequiredValue(configuration), context.Output));
        return command;
    }
}
