using System.ComponentModel;
using Clv.Csv;
using Spectre.Console.Cli;

namespace Clv.Tool;

/// <summary>Options every command has: how it reports.</summary>
internal class ReportingSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Print one JSON object (the run's summary, or the error) to standard output and nothing else: for pipelines.")]
    public bool Json { get; set; }

    [CommandOption("-q|--quiet")]
    [Description("Print nothing but errors (to standard error).")]
    public bool Quiet { get; set; }
}

/// <summary>The transaction log and how to read it.</summary>
internal class LogSettings : ReportingSettings
{
    [CommandArgument(0, "<log>")]
    [Description("The transaction log: .parquet, or CSV/text (any other extension); one row per purchase with customer id, date and amount.")]
    public string Log { get; set; } = "";

    [CommandOption("--observation-end <DATE>")]
    [Description("The last day of the calibration period, yyyy-MM-dd (required). Purchases after it are not used for scores and fits.")]
    public string? ObservationEnd { get; set; }

    [CommandOption("--holdout-end <DATE>")]
    [Description("The last day of the holdout period after --observation-end, yyyy-MM-dd; later rows are left out. analyze and fit check the purchase model against the purchases in the holdout (summary.json's holdout, the report's holdout table). Default: the log's last day.")]
    public string? HoldoutEnd { get; set; }

    [CommandOption("--unit <UNIT>")]
    [Description("Time unit of recency, age and the models: day, week, month or year. Default: week (clv score: the saved models' unit).")]
    public string? Unit { get; set; }

    [CommandOption("--id-column <NAME>")]
    [Description("The customer id column. Default: customer_id.")]
    [DefaultValue("customer_id")]
    public string IdColumn { get; set; } = "customer_id";

    [CommandOption("--date-column <NAME>")]
    [Description("The date column. Default: date.")]
    [DefaultValue("date")]
    public string DateColumn { get; set; } = "date";

    [CommandOption("--amount-column <NAME>")]
    [Description("The amount column. Default: amount.")]
    [DefaultValue("amount")]
    public string AmountColumn { get; set; } = "amount";

    [CommandOption("--quantity-column <NAME>")]
    [Description("Order lines: a quantity column; each row's amount is quantity x the --amount-column value, read as the unit price (e.g. --quantity-column Quantity --amount-column UnitPrice). Default: none.")]
    public string? QuantityColumn { get; set; }

    [CommandOption("--date-format <FORMAT>")]
    [Description("The exact format of text dates, e.g. yyyy-MM-dd, yyyyMMdd, \"yyyy-MM-dd HH:mm:ss\", yyyy-MM-ddTHH:mm:sszzz. Default: yyyy-MM-dd.")]
    [DefaultValue("yyyy-MM-dd")]
    public string DateFormat { get; set; } = "yyyy-MM-dd";

    [CommandOption("--delimiter <CHAR>")]
    [Description("CSV field delimiter: one character, or 'tab'. Default: ','.")]
    [DefaultValue(",")]
    public string Delimiter { get; set; } = ",";

    [CommandOption("--whitespace")]
    [Description("CSV fields are separated by runs of spaces or tabs (fixed-width exports such as the CDNOW sample).")]
    public bool Whitespace { get; set; }

    [CommandOption("--no-header")]
    [Description("The CSV file has no header row: give the columns with --id-index, --date-index and --amount-index.")]
    public bool NoHeader { get; set; }

    [CommandOption("--id-index <N>")]
    [Description("0-based position of the customer id column, instead of its name.")]
    public int? IdIndex { get; set; }

    [CommandOption("--date-index <N>")]
    [Description("0-based position of the date column, instead of its name.")]
    public int? DateIndex { get; set; }

    [CommandOption("--amount-index <N>")]
    [Description("0-based position of the amount column, instead of its name.")]
    public int? AmountIndex { get; set; }

    [CommandOption("--quantity-index <N>")]
    [Description("0-based position of the quantity column (see --quantity-column), instead of its name.")]
    public int? QuantityIndex { get; set; }

    [CommandOption("--time-zone <ZONE>")]
    [Description("Time zone (IANA or Windows id) whose calendar day a timestamp with an offset falls on. Default: the day on the timestamp's own clock.")]
    public string? TimeZone { get; set; }

    [CommandOption("--lenient")]
    [Description("Skip rows that cannot be read and list them in rejected-rows.csv beside the outputs (rfm and stages: named after --out, rfm.csv gives rfm.rejected-rows.csv, stages.parquet stages.rejected-rows.csv) instead of stopping at the first.")]
    public bool Lenient { get; set; }

    [CommandOption("--csv-bom")]
    [Description("Start every CSV file written (the scorecard or the rfm or stages file, rejected rows) with a UTF-8 byte order mark, so that Excel shows Chinese labels as written.")]
    public bool CsvBom { get; set; }

    [CommandOption("--csv-no-escape")]
    [Description("Write text that starts with = + - @ (an id such as +4412...) as it is in the CSV files written, for a CRM import that matches customer ids. Default: a leading ' so that a spreadsheet shows it as text instead of running it as a formula.")]
    public bool CsvNoEscape { get; set; }

    /// <summary>The CSV files' options from <c>--csv-bom</c> and <c>--csv-no-escape</c>.</summary>
    public CsvWriteOptions CsvWrite => CsvBom || CsvNoEscape ? new() { ByteOrderMark = CsvBom, EscapeFormulas = !CsvNoEscape } : CsvWriteOptions.Default;
}

/// <summary>The CLV horizon: <c>clv analyze</c> and <c>clv score</c>.</summary>
internal class HorizonSettings : LogSettings
{
    [CommandOption("--horizon <N>")]
    [Description("CLV horizon in --horizon-unit periods: 1 to 1200, and at most 100 years. Default: 36.")]
    [DefaultValue(36)]
    public int Horizon { get; set; } = 36;

    [CommandOption("--horizon-unit <UNIT>")]
    [Description("Unit of the CLV horizon: week, month or year (month and year also give CLV by year). Default: month.")]
    [DefaultValue("month")]
    public string HorizonUnit { get; set; } = "month";

    [CommandOption("--discount-rate <RATE>")]
    [Description("Annual discount rate of CLV, e.g. 0.1 for 10%. Default: 0.1.")]
    [DefaultValue(0.1)]
    public double DiscountRate { get; set; } = 0.1;

    [CommandOption("--margin <RATE>")]
    [Description("Share of spend that is margin, 0 to 1. Default: 1 (CLV in revenue).")]
    [DefaultValue(1.0)]
    public double Margin { get; set; } = 1.0;
}

/// <summary><c>clv fit</c>.</summary>
internal sealed class FitSettings : LogSettings
{
    [CommandOption("--model <MODEL>")]
    [Description("Purchase model: bgnbd, mbgnbd, paretonbd, or auto (fit all three, keep the lowest BIC). Default: bgnbd.")]
    [DefaultValue("bgnbd")]
    public string Model { get; set; } = "bgnbd";

    [CommandOption("-o|--out <FOLDER>")]
    [Description("The output folder (created if absent). Files are written to a temporary folder and moved in only when all are complete.")]
    public string? Out { get; set; }
}

/// <summary><c>clv analyze</c>.</summary>
internal sealed class AnalyzeSettings : HorizonSettings
{
    [CommandOption("--model <MODEL>")]
    [Description("Purchase model: bgnbd, mbgnbd, paretonbd, or auto (fit all three, keep the lowest BIC). Default: bgnbd.")]
    [DefaultValue("bgnbd")]
    public string Model { get; set; } = "bgnbd";

    [CommandOption("-o|--out <FOLDER>")]
    [Description("The output folder (created if absent). Files are written to a temporary folder and moved in only when all are complete.")]
    public string? Out { get; set; }

    [CommandOption("--language <LANG>")]
    [Description("Language of the HTML report: en or zh. Default: en.")]
    [DefaultValue("en")]
    public string Language { get; set; } = "en";

    [CommandOption("--no-report")]
    [Description("Do not write the HTML report.")]
    public bool NoReport { get; set; }
}

/// <summary><c>clv score</c>.</summary>
internal sealed class ScoreSettings : HorizonSettings
{
    [CommandOption("-m|--models <FOLDER>")]
    [Description("The folder 'clv analyze' or 'clv fit' wrote: purchase-model.json, spend-model.json and rfm-cut-points.json.")]
    public string? Models { get; set; }

    [CommandOption("-o|--out <FOLDER>")]
    [Description("The output folder (created if absent).")]
    public string? Out { get; set; }
}

/// <summary><c>clv rfm</c> and <c>clv stages</c>: one output file.</summary>
internal sealed class TableSettings : LogSettings
{
    [CommandOption("-o|--out <FILE>")]
    [Description("The output file: .parquet for Parquet, anything else for CSV. Written to a temporary name and moved.")]
    public string? Out { get; set; }
}
