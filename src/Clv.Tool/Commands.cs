using Clv.Crm;
using Clv.Csv;
using Clv.Parquet;
using Clv.Plots;
using Clv.Probabilistic;
using Clv.Rfm;
using Spectre.Console.Cli;

namespace Clv.Tool;

/// <summary>Runs a command's body and prints its summary: the table, or the JSON document.</summary>
internal abstract class ToolCommand<TSettings>(ToolEnvironment env) : Command<TSettings>
    where TSettings : ReportingSettings
{
    protected ToolEnvironment Env => env;

    protected abstract string Name { get; }

    public override int Execute(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var run = new Run(env, settings, Name, cancellationToken);
        var summary = run.Body(() => Execute(run, settings));
        summary.Timings(run);
        if (settings.Json)
        {
            env.Stdout.WriteLine(summary.ToJsonText());
        }
        else if (!settings.Quiet)
        {
            summary.Render(env.Console, run);
        }

        return ExitCode.Success;
    }

    protected abstract Summary Execute(Run run, TSettings settings);

    protected static Input.Loaded Read(Run run, Input input) =>
        run.Step("read", "Read " + Path.GetFileName(input.Path), report => input.Load(report, run.Cancellation));

    /// <summary>A path option's value: usage errors when it is missing or blank (a blank path used to fail unexpectedly).</summary>
    protected static string Required(string? value, string option, string what) =>
        value is null ? throw ToolException.Usage($"{option} is required: {what}")
        : string.IsNullOrWhiteSpace(value) ? throw ToolException.Usage($"{option} must not be empty: {what}")
        : value;

    protected static void RequireCustomers(Input input, Input.Loaded loaded)
    {
        if (loaded.Customers.Count == 0)
        {
            throw ToolException.BadInput($"{input.Path}: no customer has a purchase up to --observation-end; nothing to analyse.", input.Path);
        }
    }

    /// <summary>Writes summary.json into the staging folder: the same document <c>--json</c> prints.</summary>
    protected static void WriteSummaryFile(Staging staging, Summary summary, IReadOnlyList<string> outputs)
    {
        summary.Outputs([.. outputs, Path.Combine(staging.Folder, Job.SummaryFile)]);
        staging.Write(Job.SummaryFile, p => File.WriteAllText(p, summary.ToJsonText() + "\n"));
    }
}

/// <summary><c>clv analyze</c>: the whole job.</summary>
internal sealed class AnalyzeCommand(ToolEnvironment env) : ToolCommand<AnalyzeSettings>(env)
{
    protected override string Name => "analyze";

    protected override Summary Execute(Run run, AnalyzeSettings s)
    {
        string model = Job.CheckModelChoice(s.Model);
        var input = Input.Resolve(s, null);
        var horizon = Job.Horizon(s.Horizon, s.HorizonUnit, s.DiscountRate, s.Margin);
        var language = s.Language.ToLowerInvariant() switch
        {
            "en" => PlotLanguage.English,
            "zh" => PlotLanguage.Chinese,
            _ => throw ToolException.Usage($"--language must be en or zh, but was '{s.Language}'."),
        };
        string outFolder = Required(s.Out, "--out", "the folder for the scorecard, models and report.");

        var summary = new Summary("analyze");
        var loaded = Read(run, input);
        RequireCustomers(input, loaded);
        var customers = loaded.Customers;
        summary.Input(input, loaded);
        var comparison = Job.FitPurchases(run, customers, model);
        var purchases = comparison.BestByBic!.Value.Model!;
        summary.PurchaseModel(comparison);
        var spend = Job.FitSpend(run, customers);
        summary.SpendModel(spend);
        summary.Horizon(horizon, s.DiscountRate);

        var cuts = Job.FitCutPoints(customers);
        Job.CheckSpend(spend.Model, customers, null);
        var scorecard = run.Step("score", "Score customers", _ => Scorecard.Create(customers, new ScorecardOptions
        {
            RfmCutPoints = cuts,
            Purchases = purchases,
            Spend = spend.Model,
            Horizon = horizon,
        }));
        run.Step("summarise", "Summarise", _ => summary.Scorecard(scorecard));

        using var staging = Staging.ForFolder(outFolder);
        Job.WriteScorecard(run, staging, scorecard, s.CsvWrite);
        run.Step("write_models", "Write models", _ =>
        {
            staging.Write(Job.PurchaseModelFile, p => File.WriteAllText(p, ModelJson.Save(purchases) + "\n"));
            staging.Write(Job.SpendModelFile, p => File.WriteAllText(p, ModelJson.Save(spend.Model) + "\n"));
            staging.Write(Job.RfmCutPointsFile, p => File.WriteAllText(p, cuts.ToJson() + "\n"));
        });
        Job.WriteRejected(staging, input, loaded.Rejected, s.CsvWrite);
        if (!s.NoReport)
        {
            run.Step("write_report", "Write HTML report", _ => staging.Write(Job.ReportFile, p => ClvReport.Write(p, customers, new ClvReportOptions
            {
                Language = language,
                Comparison = comparison,
                Spend = spend,
                Clv = horizon,   // the scorecard's: the report's CLV is its clv column
            })));
        }

        var outputs = staging.Files;
        summary.Timings(run);
        WriteSummaryFile(staging, summary, outputs);
        staging.Commit(Job.ReportFile, Job.RejectedRowsFile);
        return summary;
    }
}

/// <summary><c>clv score</c>: saved models applied to a new log.</summary>
internal sealed class ScoreCommand(ToolEnvironment env) : ToolCommand<ScoreSettings>(env)
{
    protected override string Name => "score";

    protected override Summary Execute(Run run, ScoreSettings s)
    {
        string folder = Required(s.Models, "--models", "the folder 'clv analyze' or 'clv fit' wrote.");
        string outFolder = Required(s.Out, "--out", "the folder for the scorecard.");
        var purchases = Load<PurchaseModel>(folder, Job.PurchaseModelFile);
        var spend = Load<GammaGammaModel>(folder, Job.SpendModelFile);
        var cuts = LoadCutPoints(folder);
        var input = Input.Resolve(s, purchases.TimeUnit);
        var horizon = Job.Horizon(s.Horizon, s.HorizonUnit, s.DiscountRate, s.Margin);

        var summary = new Summary("score");
        var loaded = Read(run, input);
        RequireCustomers(input, loaded);
        summary.Input(input, loaded);
        summary.Note("models", "models", Path.GetFullPath(folder) + ": " + purchases + "; " + spend);
        summary.Horizon(horizon, s.DiscountRate);
        Job.CheckSpend(spend, loaded.Customers, Path.GetFullPath(Path.Combine(folder, Job.SpendModelFile)));
        var scorecard = run.Step("score", "Score customers", _ => Scorecard.Create(loaded.Customers, new ScorecardOptions
        {
            RfmCutPoints = cuts,
            Purchases = purchases,
            Spend = spend,
            Horizon = horizon,
        }));
        run.Step("summarise", "Summarise", _ => summary.Scorecard(scorecard));
        using var staging = Staging.ForFolder(outFolder);
        Job.WriteScorecard(run, staging, scorecard, s.CsvWrite);
        Job.WriteRejected(staging, input, loaded.Rejected, s.CsvWrite);
        var outputs = staging.Files;
        summary.Timings(run);
        WriteSummaryFile(staging, summary, outputs);
        staging.Commit(Job.RejectedRowsFile);
        return summary;
    }

    private static T Load<T>(string folder, string name)
        where T : class
    {
        string path = Path.GetFullPath(Path.Combine(folder, name));
        string json = ReadModelFile(path);
        try
        {
            return ModelJson.Load<T>(json);
        }
        catch (FormatException ex)
        {
            throw ToolException.BadInput($"{path}: {ex.Message}", path, ex);
        }
    }

    private static RfmCutPoints LoadCutPoints(string folder)
    {
        string path = Path.GetFullPath(Path.Combine(folder, Job.RfmCutPointsFile));
        try
        {
            return RfmCutPoints.FromJson(ReadModelFile(path));
        }
        catch (FormatException ex)
        {
            throw ToolException.BadInput($"{path}: {ex.Message}", path, ex);
        }
    }

    private static string ReadModelFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw ToolException.BadInput($"The model file '{path}' does not exist: run 'clv analyze' or 'clv fit' with --out first.", path, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ToolException.BadInput($"The model file '{path}' cannot be read: {ex.Message}", path, ex);
        }
    }
}

/// <summary><c>clv fit</c>: the models only.</summary>
internal sealed class FitCommand(ToolEnvironment env) : ToolCommand<FitSettings>(env)
{
    protected override string Name => "fit";

    protected override Summary Execute(Run run, FitSettings s)
    {
        string model = Job.CheckModelChoice(s.Model);
        var input = Input.Resolve(s, null);
        string outFolder = Required(s.Out, "--out", "the folder for the model files.");
        var summary = new Summary("fit");
        var loaded = Read(run, input);
        RequireCustomers(input, loaded);
        summary.Input(input, loaded);
        var comparison = Job.FitPurchases(run, loaded.Customers, model);
        summary.PurchaseModel(comparison);
        var spend = Job.FitSpend(run, loaded.Customers);
        summary.SpendModel(spend);
        var cuts = Job.FitCutPoints(loaded.Customers);
        using var staging = Staging.ForFolder(outFolder);
        staging.Write(Job.PurchaseModelFile, p => File.WriteAllText(p, ModelJson.Save(comparison.BestByBic!.Value.Model!) + "\n"));
        staging.Write(Job.SpendModelFile, p => File.WriteAllText(p, ModelJson.Save(spend.Model) + "\n"));
        staging.Write(Job.RfmCutPointsFile, p => File.WriteAllText(p, cuts.ToJson() + "\n"));
        Job.WriteRejected(staging, input, loaded.Rejected, s.CsvWrite);
        var outputs = staging.Files;
        summary.Timings(run);
        WriteSummaryFile(staging, summary, outputs);
        staging.Commit(Job.RejectedRowsFile);
        return summary;
    }
}

/// <summary><c>clv rfm</c> and <c>clv stages</c>: one part of the scorecard as one file.</summary>
internal abstract class TableCommand(ToolEnvironment env) : ToolCommand<TableSettings>(env)
{
    protected abstract ScorecardOptions Options { get; }

    protected override Summary Execute(Run run, TableSettings s)
    {
        var input = Input.Resolve(s, null);
        string outFile = Required(s.Out, "--out", "the file to write (.csv or .parquet).");
        var summary = new Summary(Name);
        var loaded = Read(run, input);
        RequireCustomers(input, loaded);
        string rejectedName = Job.RejectedRowsFileFor(outFile);
        summary.Input(input, loaded, rejectedName);
        var scorecard = run.Step("score", "Score customers", _ => Scorecard.Create(loaded.Customers, Options));
        run.Step("summarise", "Summarise", _ => summary.Scorecard(scorecard));
        using var staging = Staging.ForFile(outFile);
        string name = Path.GetFileName(outFile);
        bool parquet = Path.GetExtension(outFile).Equals(".parquet", StringComparison.OrdinalIgnoreCase);
        run.Step("write_output", "Write " + name, _ => staging.Write(name, p =>
        {
            if (parquet)
            {
                ScorecardParquet.Write(p, scorecard);
            }
            else
            {
                ScorecardCsv.Write(p, scorecard, s.CsvWrite);
            }
        }));
        Job.WriteRejected(staging, input, loaded.Rejected, s.CsvWrite, rejectedName);

        // A list left by an earlier run into the same file that this run did not write goes, as with the other commands.
        summary.Outputs(staging.Files);
        staging.Commit(rejectedName);
        return summary;
    }
}

/// <summary><c>clv rfm</c>.</summary>
internal sealed class RfmCommand(ToolEnvironment env) : TableCommand(env)
{
    protected override string Name => "rfm";

    protected override ScorecardOptions Options { get; } = new()
    {
        Lifecycle = null,
        ChurnWarningDays = null,
        HistoricalValue = null,
        Abc = null,
        Health = null,
    };
}

/// <summary><c>clv stages</c>.</summary>
internal sealed class StagesCommand(ToolEnvironment env) : TableCommand(env)
{
    protected override string Name => "stages";

    protected override ScorecardOptions Options { get; } = new()
    {
        Rfm = null,
        Segments = null,
        ValueTiers = null,
        HistoricalValue = null,
        Abc = null,
        Health = null,
    };
}
