using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Clv.Csv;
using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Rfm;
using Clv.Tests.Probabilistic;
using Clv.Valuation;

namespace Clv.Tests;

/// <content>Each README example run, with the values its comments and the README's prose state.</content>
public partial class ReadmeTests
{
    private static readonly Lazy<TransactionLog> Orders = new(() => TransactionCsv.Read(TestData.PathOf("orders.csv")));

    /// <summary>CDNOW in weeks, observation end 1997-09-30, rows to 1998-06-30 kept as holdout (the README's <c>customers</c>).</summary>
    private static readonly Lazy<CustomerSummaries> Cdnow = new(() =>
        CustomerSummaries.FromTransactions(Orders.Value.Transactions, new DateOnly(1997, 9, 30), TimeUnit.Week));

    private static readonly Lazy<ReadmeExamples.BgNbdValues> BgNbdRun = new(() => ReadmeExamples.BgNbd(Cdnow.Value));

    private static void Log(string text) => TestContext.Current.TestOutputHelper?.WriteLine(text);

    private static void Near(double expected, double actual, int decimals) =>
        Assert.True(Math.Round(actual, decimals) == expected, string.Create(CultureInfo.InvariantCulture, $"expected {expected} at {decimals} decimals, got {actual:R}"));

    /// <summary>The README quotes published estimates and says the fit matches them to 1e-4 relative.</summary>
    private static void Published(double expected, double actual, double relative = 1e-4) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), string.Create(CultureInfo.InvariantCulture, $"expected {expected} to {relative} relative, got {actual:R}"));

    private static string TempFile(string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), "clv-readme-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    [Fact]
    public void FrontDoor_Example_RunsOnCdnowAndReproducesThePublishedFit()
    {
        var r = ReadmeExamples.FrontDoor(TestData.PathOf("orders.csv"));
        Assert.Equal(2357, r.Customers.Count);
        Published(0.2426, r.Model.R);
        Published(4.4135, r.Model.Alpha);
        Published(0.7929, r.Model.A);
        Published(2.4258, r.Model.B);
        Published(6.2488, r.Spend.P, 1e-3);
        Published(3.7446, r.Spend.Q, 1e-3);
        Published(15.4477, r.Spend.V, 1e-3);
        Near(6.2496, r.Spend.P, 4);   // the values the comment gives as fitted
        Near(3.7442, r.Spend.Q, 4);
        Near(15.4435, r.Spend.V, 4);
        // P(alive) by the closed form of Fader, Hardie and Lee (2005), eq. 11, computed here independently.
        var c0 = r.Customers[0];
        var m = r.Model;
        double odds = c0.Frequency == 0 ? 0 : m.A / (m.B + c0.Frequency - 1) * Math.Pow((m.Alpha + c0.Age) / (m.Alpha + c0.Recency), m.R + c0.Frequency);
        Assert.Equal(1 / (1 + odds), r.PAlive, 1e-12);
        Assert.True(r.Next52 > 0);
        Assert.InRange(r.Score.R, 1, 5);
        Assert.Equal((100 * r.Score.R) + (10 * r.Score.F) + r.Score.M, r.Score.Code);
        Assert.True(Enum.IsDefined(r.Stage));
        Assert.Equal(r.Customers.Count, r.Clv.Length);
        Assert.All(r.Clv, v => Assert.True(double.IsFinite(v) && v >= 0));
        var weekly = new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week };
        Assert.Equal(DiscountRate.Annual(0.1), weekly.DiscountRate);
    }

    [Fact]
    public void Summaries_Example_RunsAndGivesTheValuesItStates()
    {
        var (customers, alice, bob) = ReadmeExamples.Summaries();
        Assert.Equal(2, customers.Count);
        Assert.Equal("alice", alice.CustomerId);
        Assert.Equal(1, alice.Frequency);
        Assert.Equal(2, alice.PurchaseDays);
        Assert.Equal(6.0, alice.Recency, 1e-12);
        Assert.Equal(88 / 7.0, alice.Age, 1e-12);
        Near(12.57, alice.Age, 2);
        Assert.Equal(25.0, alice.MonetaryValue, 1e-12);
        Assert.Equal(75.0, alice.Spend, 1e-12);
        Assert.Equal(1, alice.HoldoutPurchaseDays);
        Assert.Equal(30.0, alice.HoldoutSpend, 1e-12);
        Assert.Equal(TimeUnit.Week, alice.TimeUnit);
        Assert.Equal(0, bob.Frequency);
        Assert.Equal(0.0, bob.MonetaryValue);
        Assert.Equal(80.0, bob.Spend, 1e-12);
        Assert.Equal(20.0, bob.Refunds, 1e-12);
        Assert.Equal(60.0, bob.NetSpend, 1e-12);
        Assert.Equal(59, bob.DaysSinceLastPurchase);
        Assert.Equal(6, customers.TransactionCount);
        Assert.Equal(5, customers.CalibrationTransactionCount);
        Assert.Equal(1, customers.HoldoutTransactionCount);
        Assert.Equal(1, customers.RefundTransactionCount);
        Assert.Empty(customers.Warnings);
    }

    [Fact]
    public void CsvRead_Example_ReadsAllThreeLayouts()
    {
        string german = TempFile("umsaetze.csv");
        File.WriteAllText(german, "kunde;datum;betrag\nK1;03.01.2024;12,50\nK2;04.01.2024;7\n", Encoding.UTF8);
        var (orders, cdnow, de) = ReadmeExamples.CsvRead(TestData.PathOf("orders.csv"), TestData.PathOf("CDNOW_sample.txt"), german);
        Assert.Equal(6919, orders.Count);
        Assert.Equal(6919, cdnow.Count);
        Assert.Equal(orders.Transactions.ToArray().Select(t => (t.Date, t.Amount)), cdnow.Transactions.ToArray().Select(t => (t.Date, t.Amount)));
        Assert.Equal("0001", cdnow.Transactions[0].CustomerId);
        Assert.Equal(orders.Transactions.ToArray().Select(t => t.CustomerId.PadLeft(4, '0')), cdnow.Transactions.ToArray().Select(t => t.CustomerId));
        Assert.Equal(new Transaction("K1", new DateOnly(2024, 1, 3), 12.5), de.Transactions[0]);
        Assert.Equal(2, de.Count);
    }

    [Fact]
    public void CsvLenient_Example_ListsTheBadRow_AndStrictQuotesItInTheMessage()
    {
        string path = TempFile("export.csv");
        File.WriteAllText(path, "customer_id,date,amount\n1,2024-01-05,10\n2,2024-13-01,5\n3,2024-01-07,abc\n", Encoding.UTF8);
        var log = ReadmeExamples.CsvLenient(path);
        Assert.Equal(1, log.Count);
        Assert.Equal(3, log.RowsRead);
        Assert.Equal(log.RowsRead, log.Count + log.Rejected.Count);
        Assert.Equal(3, log.Rejected[0].LineNumber);
        Assert.Equal("date", log.Rejected[0].Column);
        var strict = Assert.Throws<CsvFormatException>(() => TransactionCsv.Read(path));
        Assert.Equal("Line 3, column 'date': Not a date in the format 'yyyy-MM-dd'. Raw text: '2024-13-01'.", strict.Message);
        Assert.Contains(strict.Message, ReadmeText(), StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(strict);
    }

    [Fact]
    public void Timestamps_Example_CountsEachRowOnTheStoresDay()
    {
        string path = TempFile("crm-export.csv");
        File.WriteAllText(path, "customer_id,date,amount\nA-1,2005-01-02T23:30:00-05:00,19.99\nA-2,2005-01-02T09:00:00+08:00,5\n", Encoding.UTF8);
        ReadmeExamples.Order[] crm = [new("A-1", new DateTimeOffset(2005, 1, 2, 23, 30, 0, TimeSpan.FromHours(-5)), 19.99m)];
        var (export, orders) = ReadmeExamples.Timestamps(path, crm);
        Assert.Equal([new Transaction("A-1", new DateOnly(2005, 1, 3), 19.99), new Transaction("A-2", new DateOnly(2005, 1, 2), 5)], export.Transactions.ToArray());
        Assert.Equal(export.Transactions[0], Assert.Single(orders.Transactions.ToArray()));
        Assert.Contains("2005-01-02T23:30:00-05:00", ReadmeText(), StringComparison.Ordinal);
        Assert.Contains("counts on 2005-01-03", ReadmeText(), StringComparison.Ordinal);
    }

    [Fact]
    public void CsvWrite_Example_WritesSummariesAndARoundTrippingLog()
    {
        string customersCsv = TempFile("customers.csv"), cleanCsv = TempFile("clean.csv"), crmImportCsv = TempFile("crm-import.csv");
        ReadmeExamples.CsvWrite(Cdnow.Value, Orders.Value, customersCsv, cleanCsv, crmImportCsv);
        Assert.Equal([0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(customersCsv)], File.ReadAllBytes(crmImportCsv));   // CDNOW's ids need no escape
        string[] lines = File.ReadAllLines(customersCsv);
        Assert.Equal(2357 + 1, lines.Length);
        Assert.StartsWith("customer_id,", lines[0], StringComparison.Ordinal);
        Assert.Equal(Orders.Value.Transactions.ToArray(), TransactionCsv.Read(cleanCsv).Transactions.ToArray());
        Assert.Equal(CustomerSummaryColumns, lines[0]);
        foreach (string column in lines[0].Split(','))
        {
            Assert.Contains($"`{column}`", ReadmeText(), StringComparison.Ordinal);
        }
    }

    private const string CustomerSummaryColumns = "customer_id,first_purchase,last_purchase,purchase_days,frequency,recency,age,time_unit,days_since_last_purchase,spend,refunds,monetary_value,holdout_purchase_days,holdout_spend";

    [Fact]
    public void Rfm_Example_ScoresCdnow_WithTheCollapsedPurchaseDayCutPoints()
    {
        var r = ReadmeExamples.Rfm(Cdnow.Value);
        Assert.Equal([1.0, 1.0, 2.0, 3.0], r.Stored.Frequency);
        Assert.Equal(2357, r.Stored.PopulationSize);
        Assert.Equal(r.Scores.AsSpan().ToArray(), r.Batch);
        Assert.Equal((100 * r.Scores[0].R) + (10 * r.Scores[0].F) + r.Scores[0].M, r.Scores[0].Code);
        Assert.InRange(r.Newcomer.R, 1, 5);
        Assert.Equal(SegmentMap.RfGrid().Assign(r.Scores[0]), r.Segment);
        Assert.Equal(2357, r.Report.Rows.Sum(row => row.Count));
        Assert.Equal(3, r.Custom.CutPoints.ScoreCount);
        Assert.Equal([30.0, 90.0], r.Custom.CutPoints.DaysSinceLastPurchase);
        Assert.All(r.Scores, s => Assert.DoesNotContain(2, new[] { s.F }));   // F = 2 is empty: coinciding quantiles
        Assert.StartsWith("{\"model\":\"RfmCutPoints\",\"version\":1,", r.Stored.ToJson(), StringComparison.Ordinal);
        Assert.Equal(1411, r.Scores.Count(s => s.F == 1));
    }

    [Fact]
    public void Rfm_Example_RecencyBreakpointComment_IsWhatTheScorerGives()
    {
        // The README's comment on DaysSinceLastPurchaseBreakpoints = [30, 90] states which days get which R; score each
        // stated range at its ends (and one day past an open end) with those cut points and compare.
        string readme = ReadmeText();
        var line = Regex.Match(readme, @"DaysSinceLastPurchaseBreakpoints = \[30, 90\],\s*//(?<ranges>[^\n]*)");
        Assert.True(line.Success, "the README's custom R breakpoints example was not found");
        var cutPoints = RfmCutPoints.Fit(Cdnow.Value, new RfmOptions { ScoreCount = 3, DaysSinceLastPurchaseBreakpoints = [30, 90] }).Model;
        int checkedDays = 0;
        foreach (string part in line.Groups["ranges"].Value.Split(','))
        {
            var range = Regex.Match(part.Trim(), @"^(?:(?<from>\d+)\.\.(?<to>\d+)|(?<op><=|>=|<|>) ?(?<bound>\d+))(?: days)?: R(?<r>\d)$");
            Assert.True(range.Success, $"unreadable range '{part.Trim()}'");
            int r = int.Parse(range.Groups["r"].Value, CultureInfo.InvariantCulture);
            int[] days = range.Groups["from"].Success
                ? [int.Parse(range.Groups["from"].Value, CultureInfo.InvariantCulture), int.Parse(range.Groups["to"].Value, CultureInfo.InvariantCulture)]
                : (range.Groups["op"].Value, int.Parse(range.Groups["bound"].Value, CultureInfo.InvariantCulture)) switch
                {
                    ("<=", int b) => [b - 1, b],
                    ("<", int b) => [b - 2, b - 1],
                    (">=", int b) => [b, b + 1],
                    (_, int b) => [b + 1, b + 2],
                };
            foreach (int d in days)
            {
                Assert.True(r == cutPoints.Score(d, 1, 1).R, $"README: {part.Trim()}, but {d} days score R{cutPoints.Score(d, 1, 1).R}");
                checkedDays++;
            }
        }

        Assert.Equal(6, checkedDays);
    }

    [Fact]
    public void Lifecycle_Example_ClassifiesCdnow_AndReportsTheStatedCounts()
    {
        var r = ReadmeExamples.Lifecycle(Cdnow.Value);
        Assert.Equal(LifecycleStage.Churned, r.Stages[0]);
        Assert.Equal("Churned / 流失期", r.Stages[0].EnglishLabel() + " / " + r.Stages[0].ChineseLabel());
        Assert.Equal("options.ChurnedAfterDays", r.Error);
        Assert.Equal(2357, r.Migration.Population);
        Assert.Equal(1842, r.Migration.ToCount(LifecycleStage.Churned));
        int k = LifecycleStageExtensions.StageCount;
        var from = Enumerable.Range(0, k).Select(s => r.Migration.FromCount((LifecycleStage)s)).ToArray();
        var to = Enumerable.Range(0, k).Select(s => r.Migration.ToCount((LifecycleStage)s)).ToArray();
        Log("from " + string.Join(", ", from) + " to " + string.Join(", ", to));
        Assert.Equal(StageCountsAt19970930, from);
        Assert.Equal(StageCountsAt19980630, to);
        Assert.Equal(18, r.History.Dates.Length);
        Assert.Equal(1.0, r.Cohorts.RetentionShare(0, 0));
        Assert.Equal(2357, r.ByModel.Length);
        Assert.NotEmpty(r.Warnings.Rows);
    }

    // Lead, New, Growing, Mature, Dormant, Churned, Reactivated, NotYetAcquired (the README's stage table).
    private static readonly int[] StageCountsAt19970930 = [0, 0, 27, 129, 310, 1636, 255, 0];
    private static readonly int[] StageCountsAt19980630 = [0, 0, 0, 130, 215, 1842, 170, 0];

    [Fact]
    public void Evaluation_Example_RanksCdnowHoldoutPurchases()
    {
        var customers = CustomerSummaries.FromTransactions(Orders.Value.Transactions, new DateOnly(1997, 9, 30), TimeUnit.Week, new DateOnly(1998, 6, 30));
        var (report, top10) = ReadmeExamples.Evaluation(customers, BgNbdModel.Fit(customers).Model);
        Log(report.ToString());
        Assert.Equal(customers.Count, report.Customers);
        Assert.InRange(report.NormalizedGini, 0.5, 1);
        Assert.InRange(top10, 0.3, 1);
        Assert.Equal(10, report.Rows.Count);
    }

    [Fact]
    public void Abc_Example_GivesTheStatedCount()
    {
        var (tiers, a, share) = ReadmeExamples.Abc(Cdnow.Value);
        Assert.Equal(Cdnow.Value.Count, tiers.Length);
        Assert.Equal(900, a);
        Assert.InRange(share, 0.8, 0.81);
    }

    [Fact]
    public void Valuation_Example_GivesTheStatedValues()
    {
        var customers = Cdnow.Value;
        var v = ReadmeExamples.Valuation(Orders.Value, customers);
        Assert.Equal(customers.Count, v.SoFar.Length);
        for (int i = 0; i < customers.Count; i++)
        {
            Assert.InRange(v.Recent[i], 0, v.SoFar[i] + customers[i].Refunds + 1e-9);
        }

        Assert.Equal(customers[0].NetSpend, v.One, 1e-9);
        Assert.Equal(1300, v.Simple, 1e-9);
        Assert.True(v.Population > 0 && v.Segment > 0);
        Near(266.67, v.AtEnd, 2);
        Near(366.67, v.AtStart, 2);
        Assert.Equal(2, v.Values.Length);
        Assert.Equal(customers.Count - 1, v.Accounts.Count);
        Assert.Equal(v.Accounts.Count, v.AccountValue.Length);
        Assert.Equal(4, v.Channels.Rows[0].PaybackPeriods);
    }

    [Fact]
    public void Readme_HistoricalValue_SaysAWindowLeavesRefundsOut_AsTheCodeDoes()
    {
        // The README said the windowed value is "net of refunds", and its formula row subtracted refunds for any window;
        // HistoricalValue subtracts them for all time only (the summaries keep a refund total, not its dates).
        var end = new DateOnly(2024, 12, 31);
        Transaction[] rows = [new("a", new DateOnly(2024, 11, 5), 100), new("a", new DateOnly(2024, 12, 1), -40)];
        var customers = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Day);
        double recent = HistoricalValue.Compute(customers, new HistoricalValueOptions { MarginRate = 0.3, Window = HistoricalWindow.LastMonths(3) })[0];
        Assert.Equal(30, recent, 1e-12);   // 0.3 x 100: the refund in the window is not subtracted

        string readme = ReadmeText();
        string row = readme.Split('\n').Single(l => l.StartsWith("| historical:", StringComparison.Ordinal));
        Assert.Contains("refunds for all time only", row, StringComparison.Ordinal);
        Assert.DoesNotContain("in a window, net of refunds", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Sbg_Example_ReproducesThePublishedHighEndCohort()
    {
        var r = ReadmeExamples.Sbg();
        Near(0.668, r.Fit.Model.Alpha, 3);
        Near(3.806, r.Fit.Model.Beta, 3);
        Near(-1611.16, r.Fit.LikelihoodLn, 2);
        Near(0.851, r.R1, 3);
        Assert.Equal(25, r.Survival.Length);
        Near(5.922, r.Del, 3);
        Near(7.530, r.Derl, 3);
        Assert.Equal(50 * r.Derl, r.Worth, 1e-9);
        Assert.True(r.MonthlyDel > r.Del);
    }

    [Fact]
    public void BgNbd_Example_GivesTheStatedValues()
    {
        var r = BgNbdRun.Value;
        var customers = Cdnow.Value;
        Near(-9582.43, r.Fit.LikelihoodLn, 2);
        Assert.Equal(FitStatus.Converged, r.Fit.Status);
        Assert.Equal(["r", "alpha", "a", "b"], r.Fit.Parameters.Select(p => p.Name));
        Assert.All(r.Fit.Parameters, p => Assert.True(p.StandardError > 0));
        Assert.StartsWith("BG/NBD(r = 0.242595, alpha = 4.4136, ", r.Fit.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(": Converged, ln L = -9582.43", r.Fit.ToString(), StringComparison.Ordinal);
        Assert.Equal(2357, r.Fit.ObservationCount);
        Assert.Equal(0, r.Fit.ExcludedCount);
        Assert.Equal(r.Fit.Model.ProbabilityAlive(customers[0]), r.PAlive);
        Assert.Equal(r.Alive[0], r.PAlive);
        for (int i = 0; i < customers.Count; i++)
        {
            Assert.Equal(r.Fit.Model.ConditionalExpectedPurchases(customers[i], 52), r.Destination[i]);
        }

        Assert.InRange(r.AnyIn13, 0, 1);
        Assert.True(r.NewCustomer > 0);
        Near(0.5743, r.Pmf, 4);
        Assert.Equal(946, r.SpendFit.ObservationCount);
        Assert.Equal(2357 - 946, r.SpendFit.ExcludedCount);
        Published(6.2488, r.SpendFit.Model.P, 1e-3);
        Published(3.7446, r.SpendFit.Model.Q, 1e-3);
        Published(15.4477, r.SpendFit.Model.V, 1e-3);
        Near(6.2496, r.SpendFit.Model.P, 4);
        Near(3.7442, r.SpendFit.Model.Q, 4);
        Near(15.4435, r.SpendFit.Model.V, 4);
        Near(-4055.92, r.SpendFit.LikelihoodLn, 2);
        Near(0.11, r.Check.Correlation, 2);
        Assert.Equal(946, r.Check.Customers);
        Assert.Equal(customers.Count, r.Clv.Length);
        Assert.Equal(1882, r.Holdout.ActualTotal);
        Near(39, r.Holdout.HoldoutLength, 0);
        Log(r.Holdout.ToString());
        Log(string.Create(CultureInfo.InvariantCulture, $"predicted {r.Holdout.PredictedTotal} aggregate {r.Holdout.AggregateRelativeError}"));
        Near(1653, r.Holdout.PredictedTotal, 0);
        Near(-0.12, r.Holdout.AggregateRelativeError, 2);
        Assert.Equal(78, r.ExpectedCum.Length);
        Assert.Equal(78, r.ActualCum.Length);
    }

    [Fact]
    public void Compare_Example_PrintsTheTableShownInTheReadme()
    {
        var (report, chosen) = ReadmeExamples.Compare(Cdnow.Value);
        string text = report.ToString();
        Log(text);
        string readme = ReadmeText().Replace("\r", "", StringComparison.Ordinal);
        foreach (string line in text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Where(l => l.Length > 0))
        {
            Assert.Contains(line, readme, StringComparison.Ordinal);
        }

        Assert.Equal("Pareto/NBD", report.BestByHoldout!.Value.Name);
        Assert.Equal("MBG/NBD", report.BestByBic!.Value.Name);
        Assert.IsType<ParetoNbdModel>(chosen);
    }

    [Fact]
    public void Pareto_Example_GivesTheStatedFit()
    {
        var r = ReadmeExamples.Pareto(Cdnow.Value, BgNbdRun.Value.SpendFit.Model);
        Published(0.5533, r.Fit.Model.R);
        Published(10.5776, r.Fit.Model.Alpha);
        Published(0.6062, r.Fit.Model.S);
        Published(11.6679, r.Fit.Model.Beta);
        Near(-9594.98, r.Fit.LikelihoodLn, 2);
        // Pareto/NBD: E[Y(t) | x, t_x, T] = P(alive) (r + x)(β + T) / ((α + T)(s - 1)) [1 - ((β + T) / (β + T + t))^(s - 1)]
        // (Schmittlein, Morrison and Colombo 1987; Fader, Hardie and Lee 2005 note, eq. 22): ties P(alive) to the expectation.
        var p = r.Fit.Model;
        var c = Cdnow.Value[0];
        double e = r.PAlive * (p.R + c.Frequency) * (p.Beta + c.Age) / ((p.Alpha + c.Age) * (p.S - 1))
            * (1 - Math.Pow((p.Beta + c.Age) / (p.Beta + c.Age + 52), p.S - 1));
        Assert.Equal(e, r.Next52, 1e-9);
        Assert.InRange(r.PExactlyTwo, 1e-6, r.PAlive);   // two purchases need the customer alive
        Assert.True(r.Next52 >= 0 && r.NewCustomer > 0);
        Assert.Equal(2357, r.Clv.Length);
        Assert.Equal(12, PredictiveClvOptions.Default.Periods);
        Assert.Equal(TimeUnit.Month, PredictiveClvOptions.Default.Period);
        Assert.Equal(DiscountRate.Annual(0.1), PredictiveClvOptions.Default.DiscountRate);
    }

    [Fact]
    public void BgBb_Example_ReproducesThePublishedDonationsFit()
    {
        var r = ReadmeExamples.BgBb(TestData.PathOf("donations.csv"));
        Assert.Equal(11104, r.Donors.Sum(d => d.Weight));
        Published(1.2035, r.Fit.Model.Alpha);
        Published(0.7497, r.Fit.Model.Beta);
        Published(0.6567, r.Fit.Model.Gamma);
        Published(2.7834, r.Fit.Model.Delta);
        Near(-33225.58, r.Fit.LikelihoodLn, 2);
        Near(0.93, r.Alive, 2);
        Assert.True(r.Next5 > 0 && r.FirstSix > 0);
        Assert.InRange(r.AnyIn5, 0.5, r.Alive);
        Assert.Equal(1, r.Wait);
    }

    [Fact]
    public void Covariates_Example_RecoversTheSimulatedEffects()
    {
        // 10,000 customers in 10 groups: web 0/1 and age 20..60; purchases +0.5 for web and -0.01 per year of age, dropout -0.4 for web.
        var truth = new CovariatePurchaseModel(new ParetoNbdModel(0.8, 8, 0.6, 10, TimeUnit.Week), [new("web", 0.5), new("age", -0.01)], [new("web", -0.4)]);
        double[][] levels = [.. from web in new[] { 0.0, 1.0 } from age in new[] { 20.0, 30, 40, 50, 60 } select new[] { web, age }];
        var (customers, covariates) = CovariateSimulation.Simulate(truth, ["web", "age"], levels, 1_000, seed: 31);
        string path = Path.Combine(Path.GetTempPath(), "clv-readme-covariates-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            File.WriteAllText(path, "customer_id,web,age\n" + string.Concat(Enumerable.Range(0, customers.Count).Select(i =>
                FormattableString.Invariant($"{customers[i].CustomerId},{covariates[i, 0]},{covariates[i, 1]}\n"))));
            var r = ReadmeExamples.Covariates(customers, path);

            Assert.Equal(10_000, customers.Count);
            Assert.Equal(FitStatus.Converged, r.Fit.Status);
            double[] expected = [0.5, -0.01, -0.4];
            for (int i = 0; i < 3; i++)
            {
                var p = r.Fit.Parameters[4 + i];
                Assert.True(Math.Abs(p.Estimate - expected[i]) < 4 * p.StandardError, r.Lines[i]);
            }

            Assert.Equal(["purchase.web", "purchase.age", "dropout.web"], r.Fit.Parameters.Skip(4).Select(p => p.Name));
            Assert.StartsWith("purchase.web: ", r.Lines[0], StringComparison.Ordinal);
            Assert.Equal(3, r.Test.DegreesOfFreedom);
            Assert.True(r.Test.PValue < 0.001, r.Test.ToString());
            Assert.Equal(r.One.ProbabilityAlive(customers[0]), r.Alive[0]);
            Assert.Equal(customers.Count, r.Intervals.Rows.Count);
            Assert.True(Enumerable.Range(0, customers.Count).Count(i => r.Intervals.Rows[i].AliveProbability.Contains(r.Alive[i])) > 0.95 * customers.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TimeVarying_Example_FindsTheSpringEffectOnCdnow()
    {
        var r = ReadmeExamples.TimeVarying(Cdnow.Value);
        var spring = r.Fit.Parameters[4];
        Assert.Equal(FitStatus.Converged, r.Fit.Status);
        Assert.Equal("purchase.spring", spring.Name);
        Assert.Equal(-0.067, spring.Estimate, 0.0005);
        Assert.Equal(0.047, spring.StandardError, 0.0005);
        Assert.Equal(-1.43, spring.ZStatistic, 0.005);
        Assert.Equal(2.06, r.Test.Statistic, 0.005);
        Assert.Equal(0.15, r.Test.PValue, 0.005);
        Assert.Equal(Cdnow.Value.Count, r.Next13.Length);
        Assert.All(r.Next13, v => Assert.True(v >= 0 && double.IsFinite(v)));
    }

    [Fact]
    public void Persistence_Example_RoundTripsThroughOneFormat()
    {
        var fit = BgNbdRun.Value.Fit;
        var r = ReadmeExamples.Persistence(fit);
        Assert.StartsWith("{\"model\":\"BG/NBD\",\"version\":1,\"timeUnit\":\"Week\",\"parameters\":{\"r\":0.2425", r.Json, StringComparison.Ordinal);
        Assert.Equal(fit.Model.R, r.Typed.R);
        Assert.IsType<BgNbdModel>(r.Loaded);
        Assert.Equal(fit.LikelihoodLn, r.FitBack.LikelihoodLn);
        Assert.Equal(fit.Parameters, r.FitBack.Parameters);
        Assert.Equal(["BG/NBD", "MBG/NBD", "Pareto/NBD", "Gamma-Gamma", "BG/BB", "sBG", "BG/NBD with covariates", "MBG/NBD with covariates", "Pareto/NBD with covariates", "Gamma-Gamma with covariates", "Normal-Normal", "Pareto/NBD with time-varying covariates"], ModelJson.ModelNames);
    }

    [Fact]
    public void FitOptions_Example_ReportsProgressAndCancels()
    {
        var r = ReadmeExamples.FitOptionsExample(Cdnow.Value);
        Assert.Equal(FitStatus.Converged, r.Fit.Status);
        Assert.NotEmpty(r.Reports);
        Assert.Equal(FitStage.Done, r.Reports[^1].Stage);
        Assert.Equal(1.0, r.Reports[^1].Fraction);
        Assert.True(r.Cancelled);
        Assert.Equal(200, FitOptions.Default.MaxIterations);
        Assert.Equal(1e-4, FitOptions.Default.Tolerance);
        Assert.Equal(0, FitOptions.Default.L2Penalty);
    }

    [Fact]
    public void Reports_Example_WritesEveryCsv()
    {
        string holdout = TempFile("holdout.csv"), segments = TempFile("segments.csv"), migration = TempFile("migration.csv"), models = TempFile("models.csv");
        var customers = Cdnow.Value;
        ReadmeExamples.Reports(customers, BgNbdRun.Value.Fit.Model, holdout, segments, migration, models);
        Assert.All(new[] { holdout, segments, migration, models }, p => Assert.True(File.ReadAllLines(p).Length > 1));
        Assert.Equal(string.Join(",", ModelComparisonReportCsv.Columns), File.ReadAllLines(models)[0]);
    }

    [Fact]
    public void Units_Example_ConvertsExactly_AndMergeNamesBothUnits()
    {
        var (inWeeks, inDays, error) = ReadmeExamples.Units(TestData.CdnowSample());
        Assert.Equal(inWeeks, inDays, 1e-12);
        Assert.Contains("Week", error, StringComparison.Ordinal);
        Assert.Contains("Day", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Partitioned_Example_EqualsASinglePass()
    {
        var rows = TestData.CdnowSample();
        var (merged, model, scores) = ReadmeExamples.Partitioned(rows);
        var single = CustomerSummaries.FromTransactions(rows, new DateOnly(1997, 9, 30), TimeUnit.Week);
        Assert.Equal(single.Count, merged.Count);
        var singleModel = BgNbdModel.Fit(single).Model;
        Assert.Equal(singleModel.R, model.R, singleModel.R * 1e-9);
        Assert.Equal(singleModel.Alpha, model.Alpha, singleModel.Alpha * 1e-9);
        for (int i = 0; i < single.Count; i++)
        {
            Assert.True(merged.TryGetIndex(single[i].CustomerId, out int j));
            Assert.Equal(single[i].Frequency, merged[j].Frequency);
            Assert.Equal(single[i].Recency, merged[j].Recency, 1e-12);
            Assert.Equal(singleModel.ConditionalExpectedPurchases(single[i], 52), scores[j], 1e-9);
        }
    }

    [Fact]
    public void FitStatistics_Example_FitsExactlyLikeAllSummaries()
    {
        var rows = TestData.CdnowSample();
        var parts = new[] { rows.Where(t => t.CustomerId.GetHashCode(StringComparison.Ordinal) % 2 == 0).ToArray(), rows.Where(t => t.CustomerId.GetHashCode(StringComparison.Ordinal) % 2 != 0).ToArray() }
            .Select(p => CustomerSummaries.FromTransactions(p, new DateOnly(1997, 9, 30), TimeUnit.Week)).ToArray();

        var (fit, bytes, count) = ReadmeExamples.FitStatistics(parts);

        var whole = BgNbdModel.Fit(CustomerSummaries.FromTransactions(rows, new DateOnly(1997, 9, 30), TimeUnit.Week));
        Assert.Equal(whole.Model.ToJson(), fit.Model.ToJson());
        Assert.Equal(whole.LikelihoodLn, fit.LikelihoodLn);
        Assert.True(count < 2357);
        Assert.True(bytes < 2 * (18 + (28 * count)));
    }

    [Fact]
    public void Readme_StageCountTable_IsTheLifecycleExamplesCounts()
    {
        var ic = CultureInfo.InvariantCulture;
        string readme = ReadmeText();
        Assert.Contains("stage         1997-09-30  1998-06-30", readme, StringComparison.Ordinal);
        for (int s = 0; s < StageCountsAt19970930.Length; s++)
        {
            if (StageCountsAt19970930[s] + StageCountsAt19980630[s] > 0)
            {
                string line = string.Create(ic, $"{((LifecycleStage)s).EnglishLabel(),-12}{StageCountsAt19970930[s],12:N0}{StageCountsAt19980630[s],12:N0}");
                Assert.Contains(line, readme, StringComparison.Ordinal);
            }
        }

        Assert.Contains(string.Create(ic, $"{"total",-12}{StageCountsAt19970930.Sum(),12:N0}{StageCountsAt19980630.Sum(),12:N0}"), readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_ProseFacts_HoldInTheCode()
    {
        // "10% a year is (1.1)^(1/12) - 1 = 0.797% a month"
        Near(0.00797, DiscountRate.Annual(0.1).RatePer(TimeUnit.Month), 5);
        Assert.Equal(365.25, TimeUnit.Year.LengthInDays());
        Assert.Equal(365.25 / 12, TimeUnit.Month.LengthInDays(), 1e-12);

        // "an observation end more than 30 days after the last row" is a warning, 30 days is not.
        Transaction[] rows = [new("a", new DateOnly(2024, 1, 1), 10)];
        Assert.Empty(CustomerSummaries.FromTransactions(rows, new DateOnly(2024, 1, 31), TimeUnit.Week).Warnings);
        Assert.Single(CustomerSummaries.FromTransactions(rows, new DateOnly(2024, 2, 1), TimeUnit.Week).Warnings);

        // Options: the static Default of each options class holds the defaults the README names.
        Assert.Equal(30, LifecycleOptions.Default.ActivationWindowDays);
        Assert.Equal(90, LifecycleOptions.Default.DormantAfterDays);
        Assert.Equal(180, LifecycleOptions.Default.ChurnedAfterDays);
        Assert.Equal(90, LifecycleOptions.Default.ReactivationHoldDays);
        Assert.Equal(4, LifecycleOptions.Default.MatureMinPurchaseDays);
        Assert.Equal(365, LifecycleOptions.Default.MatureMinTenureDays);
        Assert.Equal(5, RfmOptions.Default.ScoreCount);
        Assert.Equal(1 << 20, TransactionCsvOptions.Default.MaxRecordLength);
        Assert.Equal(1000, TransactionCsvOptions.Default.MaxRecordLines);

        // Errors name the property path.
        var e = Assert.ThrowsAny<ArgumentException>(() => BgNbdModel.Fit(Cdnow.Value, new FitOptions { MaxIterations = 0 }));
        Assert.Equal("options.MaxIterations", e.ParamName);
    }
}
