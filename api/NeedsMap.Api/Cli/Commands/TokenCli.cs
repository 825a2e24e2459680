using System.CommandLine;
using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Cli.Commands;

/// <summary><c>issue-token</c>: reads the configuration only, so it runs without the database.</summary>
internal static class TokenCli
{
    public static Command Create(CliContext context)
    {
        var role = new Option<string>("--role") { Description = $"The role the token carries: {string.Join(", ", RoleRights.All.Select(r => r.Role))}.", Required = true, HelpName = "role" }
            .AcceptOnlyFromAmong([.. RoleRights.All.Select(r => r.Role)]);
        var subject = new Option<string>("--subject") { Description = "Who the token names (the sub claim; audited as the actor).", Required = true };
        var jurisdiction = new Option<string?>("--jurisdiction") { Description = "The jurisdiction code a street or community role is bound to." };
        var channel = new Option<string?>("--channel") { Description = "The channel code a channel integrator is bound to." };
        var department = new Option<string?>("--department") { Description = "The department code of department_staff." };
        var hours = new Option<double>("--hours") { Description = "How long the token is valid.", DefaultValueFactory = _ => 8 };
        hours.Validators.Add(r =>
        {
            // Only a number out of range: one that does not parse already has the parser's own error.
            if (r.Tokens is [var token] && double.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out var value)
                && value is <= 0 or > 24 * 366)
            {
                r.AddError("--hours must be more than 0 and at most a year.");
            }
        });
        var command = new Command(TokenCommand.Name, "Prints a token signed with the configured key (NeedsMap:Auth:SigningKey), for local use and tests.")
        {
            role, subject, jurisdiction, channel, department, hours,
        };
        command.SetAction(parse => TokenCommand.Run(new TokenCommand.Request(parse.GetRequiredValue(role), parse.GetRequiredValue(subject),
            parse.GetValue(jurisdiction), parse.GetValue(channel), parse.GetValue(department), parse.GetValue(hours)),
            context.ReadConfiguration(), context.Output));
        return command;
    }
}
