using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace Clv.Tool;

/// <summary>The help of every command, with the exit codes a script or scheduler branches on at its foot.</summary>
internal sealed class ExitCodesHelp(ICommandAppSettings settings) : HelpProvider(settings)
{
    /// <summary>The exit codes as the help lists them (the README's table says the same).</summary>
    internal const string ExitCodes = """
        EXIT CODES:
            0      done; every output written
            1      unexpected failure (a defect: the stack trace is on standard error)
            2      wrong command line (unknown option, missing or malformed value)
            3      wrong input (missing file, bad row, invalid model file)
            4      a model could not be fitted
            5      an output could not be written; nothing was moved into place
            130    cancelled (Ctrl+C or SIGTERM); nothing was moved into place
        """;

    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command) =>
        [.. base.GetFooter(model, command), new Text(ExitCodes + "\n")];
}
