using System.Globalization;
using System.Text.RegularExpressions;
using Clv.Crm;
using Clv.Lifecycle;
using Clv.Rfm;
using Clv.Valuation;

namespace Clv.Tests;

/// <content>The README's CRM examples run, with the values the README states.</content>
public partial class ReadmeTests
{
    [Fact]
    public void Health_Example_GivesTheStatedBands()
    {
        string path = TempFile("health.csv");
        var (health, byBand, signals) = ReadmeExamples.Health(Cdnow.Value, BgNbdRun.Value.Fit.Model, path);
        Assert.Equal(Cdnow.Value.Count + 1, File.ReadAllLines(path).Length);
        Log(byBand.ToString());
        Assert.Equal(Cdnow.Value.Count, health.Length);
        Assert.Equal(["recency", "frequency_trend", "spend_trend", "alive_probability", "tickets"], signals.Names);
        Assert.Equal([499, 1625, 233, 0], byBand.Rows.Select(r => r.Customers));
        Assert.Equal(1, signals.Weights.Sum(), 12);
        Assert.Equal(0.2 / 1.2, signals.Weights[4], 12);   // the README: weights renormalised over the signals supplied
    }

    [Fact]
    public void Kpi_Example_GivesTheStatedValues()
    {
        string path = TempFile("kpis.csv");
        var (kpis, april) = ReadmeExamples.Kpis(Orders.Value, path);
        Log(kpis.ToString());
        Log(april.ToString());
        Assert.Equal(18, kpis.Rows.Count);
        Assert.Equal((new DateOnly(1997, 4, 1), 267, 2357, 2357, 560), (april.PeriodStart, april.PayingCustomers, april.CustomerBase, april.ActiveAtStart, april.Churned));
        Near(5.45, april.Arpu, 2);
        Near(48.10, april.Arppu, 2);
        Near(36.59, april.AverageOrderValue, 2);
        Near(0.238, april.ChurnRate, 3);
        Assert.StartsWith("period_start,period_end,customer_base,", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Scorecard_Example_GivesTheStatedRowsColumnsAndFirstRow()
    {
        string path = TempFile("scorecard.csv");
        var (card, first) = ReadmeExamples.ScorecardExample(Cdnow.Value, BgNbdRun.Value.Fit.Model, BgNbdRun.Value.SpendFit.Model, path);
        Log(card.ToString());
        Assert.Equal(2357, card.Rows.Count);
        Assert.Equal(27, card.Columns.Count);
        Assert.Equal(3, card.ClvYears);
        Assert.Equal(("1", new RfmScore(5, 4, 4), "Champions", "冠军客户"), (first.CustomerId, first.Rfm!.Value, first.Segment!.Name, first.Segment.ChineseName));
        Assert.Equal(544, first.Rfm.Value.Code);   // the data dictionary's example code
        Assert.Equal((LifecycleStage.Reactivated, "召回", AbcClass.A), (first.Stage!.Value, first.Stage.Value.ChineseLabel(), first.Abc!.Value));
        Assert.Equal(2358, File.ReadLines(path).Count());
        Assert.Equal(string.Join(",", card.Columns.Select(c => c.Name)), File.ReadLines(path).First());
    }

    /// <summary>
    /// A lead (a refund, no purchase up to E) has a row like every customer. The dictionary said what a lead gets in the
    /// RFM columns ("empty for a lead") and in <c>clv</c> ("0 for a lead"), but nothing for <c>alive_probability</c> and
    /// <c>expected_purchases</c>, where a lead gets 1 and a new customer's E[X(t)] beside its CLV of 0. Every "for a lead"
    /// of the dictionary is checked on a lead's row.
    /// </summary>
    [Fact]
    public void Scorecard_DataDictionary_SaysWhatALeadGets()
    {
        Transaction[] rows = [.. Orders.Value.Transactions.ToArray(), new("lead", new DateOnly(1997, 5, 1), -10)];
        var customers = CustomerSummaries.FromTransactions(rows, new DateOnly(1997, 9, 30), TimeUnit.Week);
        var options = Crm.ScorecardTests.Full();
        var card = Scorecard.Create(customers, options);
        Assert.True(customers.TryGetIndex("lead", out int lead));
        Assert.False(customers[lead].HasPurchase);

        string readme = ReadmeText();
        int start = readme.IndexOf("**Data dictionary**", StringComparison.Ordinal);
        var meanings = readme[start..].Split('\n')
            .SkipWhile(l => !l.StartsWith("| column |", StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(f => f[1].Split('`')[1], f => f[3], StringComparer.Ordinal);
        int stated = 0;
        foreach (var column in card.Columns.Where(c => meanings.ContainsKey(c.Name)))
        {
            string meaning = meanings[column.Name];
            object? value = column.Kind switch
            {
                ScorecardColumnKind.Text => column.GetText(lead),
                ScorecardColumnKind.Integer => column.GetInteger(lead),
                _ => column.GetNumber(lead),
            };
            if (meaning.Contains("empty for a lead", StringComparison.Ordinal))
            {
                Assert.True(value is null, $"{column.Name}: the README says empty for a lead, the row has {value}");
                stated++;
            }
            else if (Regex.Match(meaning, @"(?<value>[\w.]+) for a lead") is { Success: true } m)
            {
                Assert.True(string.Equals(Convert.ToString(value, CultureInfo.InvariantCulture), m.Groups["value"].Value, StringComparison.Ordinal), $"{column.Name}: the README says {m.Value}, the row has {value}");
                stated++;
            }
        }

        Assert.Equal(options.Purchases!.ExpectedPurchases(options.Horizon.Period.ConvertTo(options.Horizon.Periods, options.Purchases.TimeUnit)), card.Rows[lead].ExpectedPurchases!.Value, 1e-12);
        Assert.Contains("for a lead a new customer's E[X(t)]", meanings["expected_purchases"], StringComparison.Ordinal);
        Assert.Equal(8, stated);   // days, r, f, m, code: empty; segment: Lead; P(alive): 1; clv: 0
    }

    [Fact]
    public void Scorecard_DataDictionary_ListsEveryColumnInOrderWithItsType()
    {
        string readme = ReadmeText();
        int start = readme.IndexOf("**Data dictionary**", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no scorecard data dictionary");
        var rows = readme[start..].Split('\n')
            .SkipWhile(l => !l.StartsWith("| column |", StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Select(f => (Name: f[1].Split('`')[1], Type: f[2]))
            .ToList();

        // Every part configured, three CLV years: the README lists clv_year_1 for the whole family.
        var card = Scorecard.Create(Cdnow.Value, Crm.ScorecardTests.Full());
        var columns = card.Columns
            .Where(c => !c.Name.StartsWith("clv_year_", StringComparison.Ordinal) || c.Name == "clv_year_1")
            .Select(c => (c.Name, Type: c.Kind.ToString().ToLowerInvariant()))
            .ToList();
        Assert.Equal(columns, rows);
        Assert.Equal(27, card.Columns.Count);
    }
}
