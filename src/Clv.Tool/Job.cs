using System.Globalization;
using Clv.Crm;
using Clv.Csv;
using Clv.Parquet;
using Clv.Probabilistic;
using Clv.Rfm;

namespace Clv.Tool;

/// <summary>The steps the commands share: fits, the scorecard and its files.</summary>
internal static class Job
{
    /// <summary>The file names the commands write and <c>clv score</c> reads.</summary>
    public const string PurchaseModelFile = "purchase-model.json";
    public const string SpendModelFile = "spend-model.json";
    public const string RfmCutPointsFile = "rfm-cut-points.json";
    public const string ScorecardCsvFile = "scorecard.csv";
    public const string ScorecardParquetFile = "scorecard.parquet";
    public const string ReportFile = "report.html";
    public const string SummaryFile = "summary.json";
    public const string RejectedRowsFile = "rejected-rows.csv";

    /// <summary>The end of every fit failure's message: without the models the customers can still be scored by the steps that need none.</summary>
    private const string WithoutModels = " 'clv rfm' and 'clv stages' score these customers without models.";

    /// <summary>The purchase models <c>--model</c> accepts.</summary>
    public static readonly string[] ModelChoices = ["bgnbd", "mbgnbd", "paretonbd", "auto"];

    public static string CheckModelChoice(string choice)
    {
        string c = choice.ToLowerInvariant().Replace("/", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return ModelChoices.Contains(c) ? c : throw ToolException.Usage($"--model must be one of {string.Join(", ", ModelChoices)}, but was '{choice}'.");
    }

    /// <summary>Fits the chosen purchase model (or all three, for <c>auto</c>) and returns them as a comparison.</summary>
    public static ModelComparisonReport FitPurchases(Run run, CustomerSummaries customers, string choice)
    {
        var comparison = run.Step("fit_purchase_model", choice == "auto" ? "Fit BG/NBD, MBG/NBD, Pareto/NBD" : "Fit " + Name(choice), report =>
        {
            var options = new FitOptions { Progress = new FitReport(report), CancellationToken = run.Cancellation };
            return Fitting(() => choice switch
            {
                "bgnbd" => ModelComparison.FromFit(BgNbdModel.Fit(customers, options), customers),
                "mbgnbd" => ModelComparison.FromFit(MbgNbdModel.Fit(customers, options), customers),
                "paretonbd" => ModelComparison.FromFit(ParetoNbdModel.Fit(customers, options), customers),
                _ => ModelComparison.Compare(customers, options),
            });
        });
        if (comparison.BestByBic is null)
        {
            throw new ToolException(ExitCode.FitFailed, "fit_failed", "No purchase model could be fitted: " + string.Join("; ", comparison.Rows.Select(r => r.Name + ": " + r.Failure)) + WithoutModels);
        }

        return comparison;
    }

    public static FitResult<GammaGammaModel> FitSpend(Run run, CustomerSummaries customers) => run.Step("fit_spend_model", "Fit Gamma-Gamma", report =>
        Fitting(() => GammaGammaModel.Fit(customers, new FitOptions { Progress = new FitReport(report), CancellationToken = run.Cancellation })));

    private static T Fitting<T>(Func<T> fit)
    {
        try
        {
            return fit();
        }
        catch (ModelFitException ex)
        {
            throw new ToolException(ExitCode.FitFailed, "fit_failed", ex.Message + WithoutModels, ex);
        }
    }

    /// <summary>
    /// Fails with <see cref="ExitCode.FitFailed"/> when the spend model has no finite expected spend for one of the
    /// customers (p x + q at most 1, x their repeat purchases: a Gamma-Gamma with q at most 1 has no finite mean), rather
    /// than letting the scorecard stop on it as an unexpected failure. <paramref name="source"/> names a saved model's file.
    /// </summary>
    public static void CheckSpend(GammaGammaModel spend, CustomerSummaries customers, string? source)
    {
        int fewest = int.MaxValue;
        foreach (var c in customers.AsSpan())
        {
            fewest = Math.Min(fewest, c.Frequency);
        }

        if (fewest != int.MaxValue && (spend.P * fewest) + spend.Q <= 1)
        {
            string model = source is null ? Format($"The fitted {spend}") : Format($"The saved spend model {source}, {spend},");
            throw new ToolException(ExitCode.FitFailed, "fit_failed", Format(
                $"{model} has no finite expected spend for a customer with {fewest} repeat purchases: it needs p x + q > 1, but p x + q = {(spend.P * fewest) + spend.Q:G6}. A spend distribution with q at most 1 has no finite mean: check the log for extreme amounts."))
            { File = source };
        }
    }

    private static string Name(string choice) => choice switch
    {
        "bgnbd" => "BG/NBD",
        "mbgnbd" => "MBG/NBD",
        "paretonbd" => "Pareto/NBD",
        _ => choice,
    };

    /// <summary>The CLV horizon from the command's options.</summary>
    public static PredictiveClvOptions Horizon(int periods, string unitText, double discountRate, double margin)
    {
        if (periods is < 1 or > 1200)
        {
            throw ToolException.Usage(Format($"--horizon must be 1 to 1200 periods, but was {periods}."));
        }

        var unit = Input.ParseUnit("--horizon-unit", unitText);
        if (unit == TimeUnit.Day)
        {
            throw ToolException.Usage("--horizon-unit must be week, month or year (CLV is discounted per period; days are too fine).");
        }

        if (unit == TimeUnit.Year && periods > 100)
        {
            // A century of yearly columns is the most a lifetime value can use; 1,200 years took 25 s to score 2,357 customers.
            throw ToolException.Usage(Format($"--horizon must be at most 100 years (a lifetime value over more than a century says nothing more), but was {periods} years."));
        }

        if (!double.IsFinite(discountRate) || discountRate < 0 || discountRate >= 10)
        {
            throw ToolException.Usage(Format($"--discount-rate must be an annual rate from 0 to 10 (0.1 is 10%), but was {discountRate}."));
        }

        if (!double.IsFinite(margin) || margin <= 0 || margin > 1)
        {
            throw ToolException.Usage(Format($"--margin must be above 0 and at most 1, but was {margin}."));
        }

        return new PredictiveClvOptions { Periods = periods, Period = unit, DiscountRate = DiscountRate.Annual(discountRate), MarginRate = margin };
    }

    /// <summary>Writes the scorecard as CSV and Parquet at once (two threads).</summary>
    public static void WriteScorecard(Run run, Staging staging, Scorecard scorecard, CsvWriteOptions csv) => run.Step("write_scorecard", "Write scorecard (CSV, Parquet)", _ =>
        staging.WriteAll(ScorecardOutputs(scorecard, csv)));

    /// <summary>The scorecard's CSV and Parquet outputs, for <see cref="Staging.WriteAll"/>.</summary>
    public static (string Name, Action<string> Write)[] ScorecardOutputs(Scorecard scorecard, CsvWriteOptions csv) =>
    [
        (ScorecardCsvFile, p => ScorecardCsv.Write(p, scorecard, csv)),
        (ScorecardParquetFile, p => ScorecardParquet.Write(p, scorecard)),
    ];

    /// <summary>
    /// The rejected rows' file of a command that writes one file (<c>rfm</c>, <c>stages</c>): named after it (<c>rfm.csv</c>:
    /// <c>rfm.rejected-rows.csv</c>), so that two such files written into one folder keep a list each.
    /// </summary>
    public static string RejectedRowsFileFor(string outFile) => Path.GetFileNameWithoutExtension(outFile) + "." + RejectedRowsFile;

    /// <summary>Writes the rows a lenient read rejected, so none is dropped unseen.</summary>
    public static void WriteRejected(Staging staging, Input input, IReadOnlyList<RejectedRow> rejected, CsvWriteOptions csv, string name = RejectedRowsFile)
    {
        if (rejected.Count == 0)
        {
            return;
        }

        staging.Write(name, path =>
        {
            using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(csv.ByteOrderMark));
            w.WriteLine(input.IsParquet ? "row,column,reason,value" : "line,column,reason,value");
            foreach (var r in rejected)
            {
                w.WriteLine(string.Join(',', r.LineNumber.ToString(CultureInfo.InvariantCulture), Csv(r.Column, csv), Csv(r.Reason, csv), Csv(r.RawText, csv)));
            }
        });
    }

    /// <summary>Fits the RFM cut points the scorecard uses, so <c>clv score</c> can score new data with the same ones.</summary>
    public static RfmCutPoints FitCutPoints(CustomerSummaries customers) => RfmCutPoints.Fit(customers, RfmOptions.Default).Model;

    /// <summary>
    /// A field, quoted when it holds a comma, quote or line break; a value that starts with <c>=</c>, <c>+</c>, <c>-</c>,
    /// <c>@</c>, a tab or a carriage return gets a leading <c>'</c> (and is quoted), as the library's CSV writers do, so a
    /// spreadsheet opening the list shows a hostile row's text instead of running it as a formula (not with <c>--csv-no-escape</c>).
    /// </summary>
    private static string Csv(string? text, CsvWriteOptions csv)
    {
        text ??= "";
        if (csv.EscapeFormulas && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            return "\"'" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class FitReport(Action<double> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value.Fraction);
    }
}
