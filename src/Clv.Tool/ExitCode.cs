namespace Clv.Tool;

/// <summary>The process exit codes of <c>clv</c>; the README and <c>--help</c> list them.</summary>
internal static class ExitCode
{
    /// <summary>The command did its job; every output was written.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure (a defect): the message and stack trace go to standard error.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>The input is wrong: a missing or unreadable file, a bad row (file, row and column named), an invalid model file.</summary>
    public const int BadInput = 3;

    /// <summary>A model could not be fitted to the data (for example no repeat purchases), or a saved model does not fit the command.</summary>
    public const int FitFailed = 4;

    /// <summary>An output could not be written (permissions, disk full); nothing was moved into place.</summary>
    public const int OutputFailed = 5;

    /// <summary>Cancelled (Ctrl+C or SIGTERM); nothing was moved into place.</summary>
    public const int Cancelled = 130;
}
