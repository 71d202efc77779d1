using System.Text.Json.Nodes;
using Clv.Csv;
using Clv.Parquet;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Clv.Tool;

/// <summary>The <c>clv</c> command line: its commands, help, examples, and how failures become exit codes.</summary>
internal static class ClvApp
{
    /// <summary>The tool's version: the package version it was built as (for example <c>1.0.0-rc.1</c>), without the commit.</summary>
    public static string Version { get; } =
        (typeof(ClvApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown").Split('+')[0];

    /// <summary>Runs one command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="env">Where to write.</param>
    /// <param name="cancellation">Cancels the run (Ctrl+C); outputs are then not moved into place.</param>
    /// <returns>The exit code (see <see cref="ExitCode"/>).</returns>
    public static int Run(string[] args, ToolEnvironment env, CancellationToken cancellation)
    {
        args = DashValues(args);
        bool json = args.Contains("--json", StringComparer.OrdinalIgnoreCase);
        if (MissingValue(args) is { } option)
        {
            return Fail(ToolException.Usage($"{option} needs a value, but nothing follows it (is a shell variable empty?)."), json, env);
        }

        if (BadNumber(args) is { } message)
        {
            return Fail(ToolException.Usage(message), json, env);
        }

        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("clv");
            config.SetApplicationVersion(Version);
            config.ConfigureConsole(env.Console);
            config.Settings.Registrar.RegisterInstance(env);
            config.CaseSensitivity(CaseSensitivity.None);
            config.UseStrictParsing();
            config.CancellationExitCode(ExitCode.Cancelled);
            config.SetHelpProvider(new ExitCodesHelp(config.Settings));
            config.SetExceptionHandler((ex, _) => Fail(ex, json, env));
            config.AddExample("analyze", "orders.csv", "--observation-end", "1997-09-30", "--out", "clv-out");
            config.AddExample("score", "new-orders.parquet", "--observation-end", "1998-06-30", "--models", "clv-out", "--out", "clv-scores");
            config.AddExample("rfm", "orders.csv", "--observation-end", "1997-09-30", "--out", "rfm.parquet", "--json");

            config.AddCommand<AnalyzeCommand>("analyze")
                .WithDescription("The whole job: read the log, fit the purchase and spend models, score every customer, and write the scorecard (CSV and Parquet), the model files, the HTML report and summary.json into --out.")
                .WithExample("analyze", "orders.csv", "--observation-end", "1997-09-30", "--out", "clv-out")
                .WithExample("analyze", "orders.parquet", "--observation-end", "1997-09-30", "--holdout-end", "1998-06-30", "--model", "auto", "--out", "clv-out")
                .WithExample("analyze", "export.csv", "--observation-end", "2026-11-30", "--date-format", "\"yyyy-MM-ddTHH:mm:sszzz\"", "--time-zone", "Asia/Shanghai", "--unit", "day", "--out", "out", "--json")
                .WithExample("analyze", "order-lines.csv", "--observation-end", "2011-09-30", "--id-column", "CustomerID", "--date-column", "InvoiceDate", "--date-format", "\"yyyy-MM-dd HH:mm:ss\"", "--quantity-column", "Quantity", "--amount-column", "UnitPrice", "--lenient", "--out", "out");
            config.AddCommand<ScoreCommand>("score")
                .WithDescription("Apply saved models (and RFM cut points) from 'clv analyze' or 'clv fit' to a new log: the scorecard without refitting.")
                .WithExample("score", "new-orders.csv", "--observation-end", "1998-06-30", "--models", "clv-out", "--out", "clv-scores");
            config.AddCommand<FitCommand>("fit")
                .WithDescription("Fit the purchase and spend models (and RFM cut points) and write them as JSON into --out.")
                .WithExample("fit", "orders.csv", "--observation-end", "1997-09-30", "--model", "paretonbd", "--out", "models");
            config.AddCommand<RfmCommand>("rfm")
                .WithDescription("RFM scores, code, segment and value tier per customer, into one .csv or .parquet file.")
                .WithExample("rfm", "orders.csv", "--observation-end", "1997-09-30", "--out", "rfm.csv");
            config.AddCommand<StagesCommand>("stages")
                .WithDescription("Lifecycle stage, days quiet and churn warning per customer, into one .csv or .parquet file.")
                .WithExample("stages", "orders.csv", "--observation-end", "1997-09-30", "--out", "stages.parquet");
        });
        return app.Run(args, cancellation);
    }

    /// <summary>
    /// <c>--delimiter -</c> as <c>--delimiter=-</c>: the parser reads a lone "-" as an option without a name ("Option does not
    /// have a name"), though a dash is a delimiter like any other.
    /// </summary>
    internal static string[] DashValues(string[] args)
    {
        var result = new List<string>(args.Length);
        for (int i = 0; i < args.Length; i++)
        {
            if (string.Equals(args[i], "--delimiter", StringComparison.OrdinalIgnoreCase) && i + 1 < args.Length && args[i + 1] == "-")
            {
                result.Add(args[i] + "=-");
                i++;
            }
            else
            {
                result.Add(args[i]);
            }
        }

        return [.. result];
    }

    /// <summary>
    /// The first option that takes a value but is last or followed by another option, or null. The parser gave such an option
    /// its internal placeholder "__default_command" as the value: <c>--out</c> then wrote a file of that name with exit 0.
    /// </summary>
    internal static string? MissingValue(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (ValueOptions.ContainsKey(args[i]) && (i + 1 == args.Length || IsOption(args[i + 1])))
            {
                return args[i];
            }
        }

        return null;
    }

    /// <summary>
    /// A message for the first number option whose value is not a number, or null: the parser's own message named neither
    /// the option nor the type ("Failed to convert 'x' to Nullable`1.").
    /// </summary>
    internal static string? BadNumber(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string[] parts = args[i].Split('=', 2);
            string? value = parts.Length == 2 ? parts[1] : i + 1 < args.Length ? args[i + 1] : null;
            if (value is null || !ValueOptions.TryGetValue(parts[0], out var type))
            {
                continue;
            }

            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(int) && !int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return $"{parts[0]} must be a whole number, but was '{value}'.";
            }

            if (type == typeof(double) && !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return $"{parts[0]} must be a number such as 0.1 (a dot for decimals), but was '{value}'.";
            }
        }

        return null;
    }

    private static bool IsOption(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) || (arg.Length == 2 && arg[0] == '-' && char.IsLetter(arg[1]));

    /// <summary>Every option of every command that takes a value, as typed (<c>--out</c>, <c>-o</c>), with its type.</summary>
    private static readonly Dictionary<string, Type> ValueOptions =
        typeof(ClvApp).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(CommandSettings)))
            .SelectMany(t => t.GetProperties())
            .Select(p => (Property: p, Option: p.GetCustomAttributes(typeof(CommandOptionAttribute), true).OfType<CommandOptionAttribute>().FirstOrDefault()))
            .Where(o => o.Option?.ValueName is not null)
            .SelectMany(o => o.Option!.LongNames.Select(n => "--" + n).Concat(o.Option.ShortNames.Select(n => "-" + n)).Select(name => (Name: name, o.Property.PropertyType)))
            .DistinctBy(o => o.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(o => o.Name, o => o.PropertyType, StringComparer.OrdinalIgnoreCase);

    /// <summary>Reports a failure (a message to standard error; with <c>--json</c> also an error document on standard output) and picks the exit code.</summary>
    private static int Fail(Exception ex, bool json, ToolEnvironment env)
    {
        var error = Classify(ex);
        env.Stderr.WriteLine("clv: " + error.Message);
        if (error.ExitCode == ExitCode.Failure)
        {
            env.Stderr.WriteLine(ex.ToString());
        }
        else if (error.ExitCode == ExitCode.Usage)
        {
            env.Stderr.WriteLine("Run 'clv --help' or 'clv <command> --help' for the commands and options.");
        }

        if (json)
        {
            var o = new JsonObject
            {
                ["status"] = "error",
                ["kind"] = error.Kind,
                ["exit_code"] = error.ExitCode,
                ["message"] = error.Message,
                ["file"] = error.File,
                ["row"] = error.Row,
                ["column"] = error.Column,
            };
            env.Stdout.WriteLine(o.ToJsonString(Summary.Indented));
        }

        return error.ExitCode;
    }

    /// <summary>The tool's view of any failure.</summary>
    internal static ToolException Classify(Exception ex) => ex switch
    {
        ToolException t => t,
        OperationCanceledException => new ToolException(ExitCode.Cancelled, "cancelled", "Cancelled; no output was moved into place.", ex),
        CommandParseException or CommandRuntimeException => ToolException.Usage(ex.Message),
        CsvFormatException c => new ToolException(ExitCode.BadInput, "bad_input", c.Message, ex) { Row = c.LineNumber, Column = c.Column },
        ParquetFormatException p => new ToolException(ExitCode.BadInput, "bad_input", p.Message, ex) { File = p.Path, Row = p.RowNumber, Column = p.Column },
        _ => new ToolException(ExitCode.Failure, "failure", "Unexpected failure (please report it): " + ex.Message, ex),
    };
}
