using System.Globalization;
using System.Text;
using Clv.Crm;
using Clv.Csv;
using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Tests.Crm;
using Clv.Tests.Lifecycle;
using Clv.Tests.Plots;
using Clv.Tests.Probabilistic;
using Clv.Tests.Tool;
using Clv.Valuation;

namespace Clv.Tests.Csv;

/// <summary>
/// Every report and score writer of Clv.Csv takes <see cref="CsvWriteOptions"/> on each of its three destinations: the byte
/// order mark is the only difference it makes to a file or stream (<c>EF BB BF</c> first) and to a text writer (U+FEFF
/// first), and without formula escaping text from the data is written as it is.
/// </summary>
[Collection("Plots")]   // PlotCases' shared fits and reports
public class CsvWriteOptionsAllWritersTests
{
    private static readonly CsvWriteOptions Bom = new() { ByteOrderMark = true };
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private static readonly Lazy<ClvByPeriod> ByPeriod = new(() => ClvByPeriod.Compute(PlotCases.Model, PlotCases.Spend, PlotCases.Customers, null));
    private static readonly Lazy<HoldoutReport> Holdout = new(() => HoldoutValidation.Evaluate(PlotCases.Model, PlotCases.Customers));
    private static readonly Lazy<PredictionIntervalReport> Intervals = new(() => PredictionIntervals.Compute(CdnowFits.BgNbd, CdnowFits.GammaGamma, PlotCases.Customers, 39, null));
    private static readonly Lazy<Scorecard> Card = new(() => Scorecard.Create(PlotCases.Customers, ScorecardOptions.Default));
    private static readonly ContractCohortReport ContractCohorts = ContractCohortReport.Create(new ShiftedBetaGeometricModel(0.7, 1.2), [[10, 4, 2, 1]]);
    private static readonly LifecyclePolicy Days = LifecyclePolicy.FromDays();

    private static CustomerSummaries Small() =>
        Log.Summaries(100, Log.Buy("=early", 0, 100), Log.Buy("=early", 30, 100.25), Log.Buy("late", 60, 900), Log.Buy("+44", 0, 5));

    /// <summary>Each writer's three destinations, with the options to pass.</summary>
    private sealed record Writer(Action<string, CsvWriteOptions?> ToPath, Action<Stream, CsvWriteOptions?> ToStream, Action<TextWriter, CsvWriteOptions?> ToText);

    private static Writer Of<T>(T report, Action<string, T, CsvWriteOptions?> path, Action<Stream, T, CsvWriteOptions?> stream, Action<TextWriter, T, CsvWriteOptions?> text) =>
        new((p, o) => path(p, report, o), (s, o) => stream(s, report, o), (w, o) => text(w, report, o));

    private static Writer Get(string name) => name switch
    {
        "summaries" => Of(PlotCases.Customers, CustomerSummaryCsv.Write, CustomerSummaryCsv.Write, CustomerSummaryCsv.Write),
        "scorecard" => Of(Card.Value, ScorecardCsv.Write, ScorecardCsv.Write, ScorecardCsv.Write),
        "segments" => Of(PlotCases.Segments, SegmentReportCsv.Write, SegmentReportCsv.Write, SegmentReportCsv.Write),
        "clv-by-period" => new((p, o) => ClvByPeriodCsv.Write(p, PlotCases.Customers, ByPeriod.Value, o), (s, o) => ClvByPeriodCsv.Write(s, PlotCases.Customers, ByPeriod.Value, o), (w, o) => ClvByPeriodCsv.Write(w, PlotCases.Customers, ByPeriod.Value, o)),
        "contract-cohorts" => Of(ContractCohorts, ContractCohortReportCsv.Write, ContractCohortReportCsv.Write, ContractCohortReportCsv.Write),
        "holdout" => Of(Holdout.Value, HoldoutReportCsv.Write, HoldoutReportCsv.Write, HoldoutReportCsv.Write),
        "model-comparison" => Of(PlotCases.Comparison, ModelComparisonReportCsv.Write, ModelComparisonReportCsv.Write, ModelComparisonReportCsv.Write),
        "value-evaluation" => Of(PlotCases.Evaluation, ValueEvaluationReportCsv.Write, ValueEvaluationReportCsv.Write, ValueEvaluationReportCsv.Write),
        "prediction-intervals" => Of(Intervals.Value, PredictionIntervalReportCsv.Write, PredictionIntervalReportCsv.Write, PredictionIntervalReportCsv.Write),
        "cohorts" => Of(PlotCases.Cohorts, CohortReportCsv.Write, CohortReportCsv.Write, CohortReportCsv.Write),
        "lifecycle-history" => Of(PlotCases.History, LifecycleHistoryReportCsv.Write, LifecycleHistoryReportCsv.Write, LifecycleHistoryReportCsv.Write),
        "channels" => Of(PlotCases.Channels, ChannelReportCsv.Write, ChannelReportCsv.Write, ChannelReportCsv.Write),
        "health" => Of(HealthReport.Create(HealthSignals.Create(Small(), [0.25, 0.5, double.NaN], null, null)), HealthReportCsv.Write, HealthReportCsv.Write, HealthReportCsv.Write),
        "kpis" => Of(KpiReport.Create(KpiReportTests.Tiny(), new DateOnly(2020, 2, 1), new DateOnly(2020, 3, 31), null), KpiReportCsv.Write, KpiReportCsv.Write, KpiReportCsv.Write),
        "early-warnings" => Of(EarlyWarningReport.Create(Days, Small(), Log.B.AddDays(40), Log.B.AddDays(200)), EarlyWarningReportCsv.Write, EarlyWarningReportCsv.Write, EarlyWarningReportCsv.Write),
        "lifecycle-transitions" => Of(LifecycleTransitionReport.Create(Days, Small(), Log.B.AddDays(40), Log.B.AddDays(100)), LifecycleTransitionReportCsv.Write, LifecycleTransitionReportCsv.Write, LifecycleTransitionReportCsv.Write),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static TheoryData<string> Names() =>
    [
        "summaries", "scorecard", "segments", "clv-by-period", "contract-cohorts", "holdout", "model-comparison", "value-evaluation",
        "prediction-intervals", "cohorts", "lifecycle-history", "channels", "health", "kpis", "early-warnings", "lifecycle-transitions",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void ByteOrderMark_OnEveryDestination_IsTheOnlyDifference(string name)
    {
        var writer = Get(name);
        using var plain = new MemoryStream();
        writer.ToStream(plain, null);
        byte[] expected = [.. Utf8Bom, .. plain.ToArray()];

        using var marked = new MemoryStream();
        writer.ToStream(marked, Bom);
        Assert.Equal(expected, marked.ToArray());

        using var dir = new TempFolder();
        writer.ToPath(dir["out.csv"], Bom);
        Assert.Equal(expected, File.ReadAllBytes(dir["out.csv"]));
        writer.ToPath(dir["plain.csv"], null);
        Assert.Equal(plain.ToArray(), File.ReadAllBytes(dir["plain.csv"]));

        var text = new StringWriter(CultureInfo.InvariantCulture);
        writer.ToText(text, Bom);
        Assert.Equal("\uFEFF" + Encoding.UTF8.GetString(plain.ToArray()), text.ToString());
    }

    [Fact]
    public void EscapeFormulasOff_IdsAndChannelsAsTheyAre_DefaultEscapes()
    {
        var raw = new CsvWriteOptions { EscapeFormulas = false };
        var warnings = EarlyWarningReport.Create(Days, Small(), Log.B.AddDays(40), Log.B.AddDays(200));
        string Text(Action<TextWriter> write)
        {
            var w = new StringWriter(CultureInfo.InvariantCulture);
            write(w);
            return w.ToString();
        }

        Assert.Contains("\r\n=early,", Text(w => EarlyWarningReportCsv.Write(w, warnings, raw)), StringComparison.Ordinal);
        Assert.Contains("\r\n\"'=early\",", Text(w => EarlyWarningReportCsv.Write(w, warnings)), StringComparison.Ordinal);
        var channels = ChannelReport.Create([new ChannelCustomer("@ads", 10, 50, 5)], TimeUnit.Month);
        Assert.StartsWith("@ads,", Text(w => ChannelReportCsv.Write(w, channels, raw)).Split("\r\n")[1], StringComparison.Ordinal);
        Assert.StartsWith("\"'@ads\",", Text(w => ChannelReportCsv.Write(w, channels, null)).Split("\r\n")[1], StringComparison.Ordinal);
    }
}
