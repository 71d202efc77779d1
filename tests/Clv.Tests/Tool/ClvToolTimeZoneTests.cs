using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>
/// <c>--time-zone</c> on a CSV log whose <c>--date-format</c> holds no offset would change nothing (each time counts on its date
/// as written), so the tool refuses it in its own words instead of running as if the times had been moved to the zone.
/// </summary>
public class ClvToolTimeZoneTests
{
    [Theory]
    [InlineData("yyyy-MM-dd")]
    [InlineData("yyyy-MM-dd HH:mm:ss")]
    public void TimeZone_CsvFormatWithoutOffset_IsAUsageError(string format)
    {
        using var dir = new TempFolder();
        File.WriteAllLines(dir["log.csv"], ["customer_id,date,amount", "1,1997-01-01 23:30:00,10", "1,1997-02-01 10:00:00,4"]);
        var r = ToolRunner.InProcess("rfm", [dir["log.csv"], "--observation-end", "1997-09-30", "--out", dir["rfm.csv"], "--json", "--date-format", format, "--time-zone", "Asia/Shanghai"]);

        Assert.True(r.ExitCode == ExitCode.Usage, r.Stderr + r.Stdout);
        Assert.Equal(
            $"--time-zone Asia/Shanghai has no effect on a CSV log whose --date-format '{format}' holds no offset: each row counts on its date as written. Leave --time-zone out, or give the offset in the format (zzz or K, as in yyyy-MM-ddTHH:mm:sszzz) if the times carry one.",
            r.Json().GetProperty("message").GetString());
        Assert.False(File.Exists(dir["rfm.csv"]));
    }

    [Fact]
    public void TimeZone_CsvFormatWithOffset_MovesTheTimesToTheZone()
    {
        using var dir = new TempFolder();
        File.WriteAllLines(dir["log.csv"], ["customer_id,date,amount", "1,1997-01-01T23:30:00-05:00,10", "1,1997-02-01T10:00:00+08:00,4"]);
        var r = ToolRunner.InProcess("rfm", [dir["log.csv"], "--observation-end", "1997-09-30", "--out", dir["rfm.csv"], "--quiet", "--date-format", "yyyy-MM-ddTHH:mm:sszzz", "--time-zone", "Asia/Shanghai"]);
        Assert.True(r.ExitCode == ExitCode.Success, r.Stderr + r.Stdout);
    }
}
