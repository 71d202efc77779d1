using System.Globalization;
using Clv.Probabilistic;
using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>
/// A spend model without a finite expected spend for some customer (Gamma-Gamma with p x + q at most 1): <c>clv score</c>
/// stops with the fit-failed exit code and a message naming the saved model's file, and writes nothing; it used to stop
/// inside the scorecard as an unexpected failure (exit 1). Found by spoiling saved model files.
/// </summary>
public class ClvToolSpendModelTests
{
    [Theory]
    [InlineData(0.5, true)]
    [InlineData(1.0, true)]
    [InlineData(1.0001, false)]
    public void Score_SavedSpendModelWithQAtMostOne_FitFailedNamingTheFile(double q, bool fails)
    {
        using var dir = new TempFolder();
        Assert.Equal(0, ToolRunner.InProcess("analyze", ToolRunner.Cdnow("--out", dir["a"], "--no-report", "--quiet")).ExitCode);
        string spendFile = Path.Combine(dir["a"], Job.SpendModelFile);
        File.WriteAllText(spendFile, ModelJson.Save(new GammaGammaModel(6.25, q, 15.4)));

        var r = ToolRunner.InProcess("score", ToolRunner.Cdnow("--models", dir["a"], "--out", dir["b"], "--json"));
        if (!fails)
        {
            Assert.True(r.ExitCode == ExitCode.Success, r.Stderr);
            return;
        }

        Assert.Equal(ExitCode.FitFailed, r.ExitCode);
        var e = r.Json();
        Assert.Equal("fit_failed", e.GetProperty("kind").GetString());
        Assert.Equal(spendFile, e.GetProperty("file").GetString());
        Assert.StartsWith($"The saved spend model {spendFile}, Gamma-Gamma(p = 6.25, q = {q:G6}, v = 15.4), has no finite expected spend for a customer with 0 repeat purchases",
            e.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["b"]));
    }

    [Fact]
    public void Analyze_OnePriceForEveryone_RunsToTheEndWithThePriceAsEveryonesSpend()
    {
        using var dir = new TempFolder();
        var lines = Enumerable.Range(0, 300).SelectMany(c => Enumerable.Range(0, 1 + (c % 12)).Select(m => $"c{c},2024-{m + 1:00}-05,9.99"));
        File.WriteAllLines(dir["sub.csv"], ["customer_id,date,amount", .. lines]);

        var r = ToolRunner.InProcess("analyze", [dir["sub.csv"], "--observation-end", "2024-12-31", "--out", dir["o"], "--json"]);

        Assert.True(r.ExitCode == ExitCode.Success, r.Stderr + r.Stdout);
        var spend = r.Json().GetProperty("spend_model");
        Assert.Equal("boundary", spend.GetProperty("status").GetString());
        Assert.Contains("every one of the 275 repeat customers has the same mean spend per transaction (9.99)", spend.GetProperty("status_message").GetString(), StringComparison.Ordinal);
        var csv = File.ReadAllLines(Path.Combine(dir["o"], Job.ScorecardCsvFile));
        string[] header = csv[0].Split(',');
        int fromEnd = header.Length - Array.IndexOf(header, "expected_spend_per_purchase");
        Assert.Equal(301, csv.Length);

        // Counted from the end: a churn warning before it may hold a quoted comma.
        Assert.All(csv.Skip(1), line =>
        {
            string[] fields = line.Split(',');
            Assert.Equal(9.99, double.Parse(fields[^fromEnd], CultureInfo.InvariantCulture), 1e-12);
        });
        var saved = ModelJson.Load(File.ReadAllText(Path.Combine(dir["o"], Job.SpendModelFile)));
        Assert.Equal(9.99, Assert.IsType<GammaGammaModel>(saved).MeanSpend, 1e-12);

        // The summary table says why the spend model is at a boundary, and has no "SE NaN".
        var text = ToolRunner.InProcess("analyze", [dir["sub.csv"], "--observation-end", "2024-12-31", "--out", dir["t"], "--no-report"]);
        Assert.True(text.ExitCode == ExitCode.Success, text.Stderr);
        Assert.Contains("Gamma-Gamma: p 1000000 (no SE), q 1000001 (no SE), v 9.99 (no SE) [Boundary]", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("spend model fit", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("Boundary: p → ∞ and q → ∞", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", text.Stdout, StringComparison.Ordinal);
    }
}
