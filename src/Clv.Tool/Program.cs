using System.Runtime.InteropServices;
using Spectre.Console;

namespace Clv.Tool;

/// <summary>The <c>clv</c> entry point.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C cancels the run cleanly (temporary outputs are deleted); a second one ends the process.
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        };

        // A scheduler's stop (systemd, Kubernetes, timeout) is SIGTERM: the same clean cancellation, not an end on the spot
        // that would leave the staging folder behind. A second one ends the process.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        });
        var env = new ToolEnvironment(AnsiConsole.Console, Console.Out, Console.Error);
        return ClvApp.Run(args, env, cancel.Token);
    }
}
