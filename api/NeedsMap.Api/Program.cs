using NeedsMap.Api.Cli;

// One command line (Cli/NeedsMapCli): no command serves (Cli/ServerCommand, which composes the modules with
// Startup/NeedsMapServer: AddNeedsMap and MapNeedsMap, the list of feature modules); `NeedsMap.Api --help` lists the commands.
return await NeedsMapCli.RunAsync(args);

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
