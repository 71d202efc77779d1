namespace Clv.Tool;

/// <summary>A failure the tool explains to its user: an exit code, a kind for <c>--json</c>, and where in which file.</summary>
internal sealed class ToolException : Exception
{
    public ToolException(int exitCode, string kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
        Kind = kind;
    }

    public int ExitCode { get; }

    /// <summary><c>usage</c>, <c>bad_input</c>, <c>fit_failed</c>, <c>output_failed</c>, <c>cancelled</c> or <c>failure</c>.</summary>
    public string Kind { get; }

    public string? File { get; init; }

    public long? Row { get; init; }

    public string? Column { get; init; }

    public static ToolException Usage(string message) => new(Tool.ExitCode.Usage, "usage", message);

    public static ToolException BadInput(string message, string? file = null, Exception? inner = null) =>
        new(Tool.ExitCode.BadInput, "bad_input", message, inner) { File = file };
}
