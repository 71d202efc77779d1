using System.Globalization;
using System.Text;
using Clv.Crm;
using Clv.Csv;
using Clv.Tests.Lifecycle;

namespace Clv.Tests.Csv;

/// <summary>The health report writer: one row per customer, exact text, empty fields for a customer not scored.</summary>
public class HealthReportCsvTests
{
    private static string WriteText(HealthReport report) => Culture.Invariant(() =>
    {
        var writer = new StringWriter(CultureInfo.GetCultureInfo("de-DE"));
        HealthReportCsv.Write(writer, report);
        return writer.ToString();
    });

    [Fact]
    public void Write_HandBuilt_ExactText()
    {
        // Spend trend and P(alive) only: both customers are too new for a trend (first purchase in the recent window), so
        // "x, y" is scored on P(alive) alone and "z", whose P(alive) is unknown, is not scored.
        var customers = Log.Summaries(100, Log.Buy("x, y", 90), Log.Buy("z", 100));
        var options = new HealthScoreOptions { RecencyWeight = 0, FrequencyTrendWeight = 0, SpendTrendWeight = 1 };
        var report = HealthReport.Create(HealthSignals.Create(customers, [0.25, double.NaN], null, options));

        Assert.Equal(
            "customer_id,score,band,reason,weakest\r\n" +
            "\"x, y\",25,Red,alive_probability,alive_probability\r\n" +
            "z,,NotScored,,\r\n",
            WriteText(report));
    }

    [Fact]
    public void Write_PathStreamAndWriter_SameUtf8BytesWithoutBom()
    {
        var customers = Log.Summaries(100, Log.Buy("a", 10), Log.Buy("a", 80), Log.Buy("b", 95));
        var report = HealthReport.Create(HealthSignals.Create(customers, [], null, null));
        var expected = Encoding.UTF8.GetBytes(WriteText(report));

        using var stream = new MemoryStream();
        HealthReportCsv.Write(stream, report);
        Assert.True(stream.CanWrite, "the stream is left open");
        Assert.Equal(expected, stream.ToArray());

        string path = Path.Combine(Path.GetTempPath(), $"clv-health-{Guid.NewGuid():N}.csv");
        try
        {
            HealthReportCsv.Write(path, report);
            Assert.Equal(expected, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Throws<ArgumentNullException>(() => HealthReportCsv.Write(new StringWriter(), null!));
        Assert.Throws<ArgumentNullException>(() => HealthReportCsv.Write((TextWriter)null!, report));
        Assert.Throws<ArgumentException>(() => HealthReportCsv.Write(string.Empty, report));
    }
}
