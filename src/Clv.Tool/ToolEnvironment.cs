using Spectre.Console;

namespace Clv.Tool;

/// <summary>Where a run writes: the rendering console, raw standard output (for <c>--json</c>) and standard error.</summary>
/// <param name="Console">Tables, progress and messages.</param>
/// <param name="Stdout">Raw standard output: the <c>--json</c> document is written here unwrapped.</param>
/// <param name="Stderr">Errors.</param>
internal sealed record ToolEnvironment(IAnsiConsole Console, TextWriter Stdout, TextWriter Stderr);
