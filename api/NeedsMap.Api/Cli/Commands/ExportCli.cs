using System.CommandLine;
using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Export;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Cli.Commands;

/// <summary><c>export KIND.FORMAT FILE [name=value …]</c>: the export route's file, written by the operator as a role.</summary>
internal static class ExportCli
{
    public static Command Create(CliContext context)
    {
        var what = new Argument<string>("kind.format")
        {
            Description = $"What and how: {string.Join("|", Exporter.Kinds)} . csv|xlsx|geojson, e.g. needs.xlsx.",
        };
        what.Validators.Add(r =>
        {
            if (ExportCommand.ParseWhat(r.GetValueOrDefault<string>()) is null)
            {
                r.AddError($"'{r.GetValueOrDefault<string>()}' is no export: give KIND.FORMAT, KIND one of {string.Join(", ", Exporter.Kinds)}, FORMAT csv, xlsx or geojson.");
            }
        });
        var file = new Argument<string>("file") { Description = "Where to write; - writes to standard output (the summary then goes to standard error)." };
        var parameters = new Argument<string[]>("name=value")
        {
            Description = "The route's query parameters, e.g. 'where={\"categoryIn\":[\"noise\"]}' groupBy=STATUS days=30.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        parameters.Validators.Add(r =>
        {
            foreach (var value in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (value.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    r.AddError($"'{value}' is not name=value.");
                }
            }
        });
        var role = new Option<string>("--role") { Description = $"The role to export as (what it may see is what is written): {string.Join(", ", RoleRights.All.Select(r => r.Role))}.", DefaultValueFactory = _ => RoleRights.CityAdmin, HelpName = "role" }
            .AcceptOnlyFromAmong([.. RoleRights.All.Select(r => r.Role)]);
        var jurisdiction = new Option<string?>("--jurisdiction") { Description = "The jurisdiction code of a street or community role (required for them)." };
        var channel = new Option<string?>("--channel") { Description = "The channel code of a channel integrator." };
        var department = new Option<string?>("--department") { Description = "The department code of department_staff." };
        var subject = new Option<string?>("--subject") { Description = "Who exports, audited as ROLE:cli:SUBJECT (default: the OS user)." };
        var command = new Command(ExportCommand.Name,
            "Writes the same export as GET /export/KIND.FORMAT?name=value… to a file, with a progress bar, as the role given (audited).")
        {
            what, file, parameters, role, jurisdiction, channel, department, subject,
        };
        command.SetAction(async (parse, ct) =>
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var pair in (parse.GetValue(parameters) ?? []).Select(p => p.Split('=', 2)))
            {
                values[pair[0]] = pair[1]; // the last one wins, as in a query string read by the route
            }
            var request = new ExportCommand.Request(ExportCommand.ParseWhat(parse.GetRequiredValue(what))!.Value, parse.GetRequiredValue(file), values,
                parse.GetRequiredValue(role), parse.GetValue(jurisdiction), parse.GetValue(channel), parse.GetValue(department), parse.GetValue(subject));
            return await ExportCommand.RunAsync(context.BuildServices(), request, context, ct);
        });
        return command;
    }
}
