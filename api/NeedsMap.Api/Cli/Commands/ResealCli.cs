using System.CommandLine;
using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Security.Privacy;

namespace NeedsMap.Api.Cli.Commands;

/// <summary><c>reseal-secrets</c>: after a key rotation, moves every sealed value to the current key.</summary>
internal static class ResealCli
{
    public static Command Create(CliContext context)
    {
        var command = new Command(SecretRotation.CommandName,
            "Re-seals every sealed contact and quarantined payload under the current NeedsMap:Privacy:EncryptionKey "
            + "(the previous keys in NeedsMap:Privacy:PreviousEncryptionKeys).");
        command.SetAction(async (parse, ct) => await SecretRotation.RunCommandAsync(context.BuildServices(), context.Output, ct));
        return command;
    }
}
