using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Clv.Tool;

/// <summary>
/// One command's run: its steps (each timed; a progress bar per step on an interactive terminal; a line per step on a
/// plain one; nothing with <c>--quiet</c> or <c>--json</c>) and its cancellation.
/// </summary>
internal sealed class Run
{
    private readonly ToolEnvironment _env;
    private readonly ReportingSettings _settings;
    private readonly List<KeyValuePair<string, double>> _timings = [];
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private ProgressContext? _progress;

    public Run(ToolEnvironment env, ReportingSettings settings, string command, CancellationToken cancellation)
    {
        _env = env;
        _settings = settings;
        Command = command;
        Cancellation = cancellation;
    }

    public string Command { get; }

    public CancellationToken Cancellation { get; }

    public ToolEnvironment Environment => _env;

    /// <summary>True when the run prints text (neither <c>--quiet</c> nor <c>--json</c>).</summary>
    public bool ShowsText => !_settings.Quiet && !_settings.Json;

    public bool Json => _settings.Json;

    /// <summary>Each step's key (stable, for <c>step_ms</c>) and milliseconds, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Timings => _timings;

    public double TotalMilliseconds => _total.Elapsed.TotalMilliseconds;

    /// <summary>Runs the command's body, inside a live progress display when the terminal is interactive.</summary>
    public T Body<T>(Func<T> body)
    {
        if (!ShowsText || !_env.Console.Profile.Capabilities.Interactive)
        {
            return body();
        }

        T result = default!;
        _env.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                _progress = ctx;
                try
                {
                    result = body();
                }
                finally
                {
                    _progress = null;
                }
            });
        return result;
    }

    /// <summary>
    /// Runs one step: <paramref name="work"/> reports its progress as a fraction 0 to 1 (or never, for a spinner). The
    /// <paramref name="name"/> is shown; the <paramref name="key"/> (the same for every run of the command, whatever the files
    /// and models) names its time in <c>step_ms</c>.
    /// </summary>
    public T Step<T>(string key, string name, Func<Action<double>, T> work)
    {
        Cancellation.ThrowIfCancellationRequested();
        var task = _progress?.AddTask(Markup.Escape(name), autoStart: true, maxValue: 1.0);
        if (task is not null)
        {
            task.IsIndeterminate = true;
        }

        var watch = Stopwatch.StartNew();
        T result = work(fraction =>
        {
            if (task is not null)
            {
                task.IsIndeterminate = false;
                task.Value = Math.Clamp(fraction, 0, 1);
            }
        });
        double ms = watch.Elapsed.TotalMilliseconds;
        _timings.Add(new(key, ms));
        if (task is not null)
        {
            task.IsIndeterminate = false;
            task.Value = 1.0;
            task.StopTask();
        }
        else if (ShowsText)
        {
            _env.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} ({ms:N0} ms)"));
        }

        return result;
    }

    /// <summary>A step without a result.</summary>
    public void Step(string key, string name, Action<Action<double>> work) => Step<bool>(key, name, report =>
    {
        work(report);
        return true;
    });
}
