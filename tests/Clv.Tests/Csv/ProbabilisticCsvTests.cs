using System.Globalization;
using System.Text;
using Clv.Csv;
using Clv.Probabilistic;
using Clv.Tests.Lifecycle;
using Clv.Tests.Probabilistic;

namespace Clv.Tests.Csv;

/// <summary>The writers of issue 16's results: prediction intervals, CLV by period, contract cohort curves.</summary>
public class ProbabilisticCsvTests
{
    private static string WriteText(Action<TextWriter> write)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        write(text);
        return text.ToString();
    }

    [Fact]
    public void ClvByPeriodCsv_HandBuilt_ExactTextAndSameBytesFromEveryDestination()
    {
        var customers = Log.Summaries(100, Log.Buy("a", 0, 100), Log.Buy("a", 30, 50), Log.Buy("Smith, \"J\"", 10, 5));
        var model = new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);
        var spend = new GammaGammaModel(6.25, 3.74, 15.44);
        var values = ClvByPeriod.Compute(model, spend, customers, new PredictiveClvOptions { Periods = 2, Period = TimeUnit.Year });
        string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        string text = WriteText(w => ClvByPeriodCsv.Write(w, customers, values));
        Assert.Equal(
            "customer_id,period_1,period_2,total\r\n" +
            $"a,{R(values[0, 0])},{R(values[0, 1])},{R(values.Total(0))}\r\n" +
            $"\"Smith, \"\"J\"\"\",{R(values[1, 0])},{R(values[1, 1])},{R(values.Total(1))}\r\n",
            text);

        using var stream = new MemoryStream();
        ClvByPeriodCsv.Write(stream, customers, values);
        Assert.Equal(text, Encoding.UTF8.GetString(stream.ToArray()));
        string path = Path.Combine(Path.GetTempPath(), "clv-by-period-" + Guid.NewGuid().ToString("N") + ".csv");
        ClvByPeriodCsv.Write(path, customers, values);
        Assert.Equal(text, File.ReadAllText(path));
        File.Delete(path);

        var e = Assert.Throws<ArgumentException>(() => ClvByPeriodCsv.Write(new StringWriter(), CdnowFits.Summaries, values));
        Assert.Equal("values", e.ParamName);
        Assert.Equal(["customer_id", "period_1", "total"], ClvByPeriodCsv.Columns(1));
    }

    [Fact]
    public void PredictionIntervalReportCsv_WritesEveryCustomerWithEmptyClvWithoutASpendFit()
    {
        var report = PredictionIntervals.Compute(CdnowFits.BgNbd, null, CdnowFits.Summaries, 13, new PredictionIntervalOptions { Draws = 10 });
        var lines = WriteText(w => PredictionIntervalReportCsv.Write(w, report)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", PredictionIntervalReportCsv.Columns), lines[0]);
        Assert.Equal(CdnowFits.Summaries.Count + 1, lines.Length);
        var r = report.Rows[5];
        string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        Assert.Equal(
            $"{r.CustomerId},{R(r.AliveProbability.Lower)},{R(r.AliveProbability.Median)},{R(r.AliveProbability.Upper)}," +
            $"{R(r.ExpectedPurchases.Lower)},{R(r.ExpectedPurchases.Median)},{R(r.ExpectedPurchases.Upper)}," +
            $"{R(r.Purchases.Lower)},{R(r.Purchases.Median)},{R(r.Purchases.Upper)},,,",
            lines[6]);
    }

    [Fact]
    public void ContractCohortReportCsv_EmptiedCohortHasAnEmptyRetention()
    {
        var model = new ShiftedBetaGeometricModel(0.7, 1.2);
        var report = ContractCohortReport.Create(model, [[10, 4, 0, 0]]);
        string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        Assert.Equal(
            "cohort,period,actual_alive,expected_alive,actual_retention,expected_retention\r\n" +
            $"0,1,4,{R(10 * model.Survival(1))},0.4,{R(model.RetentionRate(1))}\r\n" +
            $"0,2,0,{R(10 * model.Survival(2))},0,{R(model.RetentionRate(2))}\r\n" +
            $"0,3,0,{R(10 * model.Survival(3))},,{R(model.RetentionRate(3))}\r\n",
            WriteText(w => ContractCohortReportCsv.Write(w, report)));
    }
}
