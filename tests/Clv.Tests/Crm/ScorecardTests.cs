using Clv.Crm;
using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Rfm;
using Clv.Tests.Lifecycle;
using Clv.Valuation;

namespace Clv.Tests.Crm;

/// <summary>The scorecard: one row per customer, each column the library's own result, unconfigured parts absent.</summary>
public class ScorecardTests
{
    internal static readonly Lazy<CustomerSummaries> Cdnow = new(TestData.CdnowSummaries);

    internal static readonly Lazy<(BgNbdModel Purchases, GammaGammaModel Spend)> Models = new(() =>
        (BgNbdModel.Fit(Cdnow.Value).Model, GammaGammaModel.Fit(Cdnow.Value).Model));

    internal static readonly string[] DefaultColumns =
    [
        "customer_id", "days_since_last_purchase", "r_score", "f_score", "m_score", "rfm_code", "rfm_segment", "rfm_segment_zh",
        "value_tier", "value_tier_zh", "lifecycle_stage", "lifecycle_stage_zh", "churn_warning", "historical_value", "abc_class",
        "health_score", "health_band", "health_reason", "health_weakest",
    ];

    /// <summary>Everything, with both models and a 36-month horizon (three CLV years), ABC on CLV.</summary>
    internal static ScorecardOptions Full() => new()
    {
        Purchases = Models.Value.Purchases,
        Spend = Models.Value.Spend,
        Horizon = new PredictiveClvOptions { Periods = 36 },
        AbcBasis = AbcBasis.Clv,
    };

    internal static ScorecardOptions Nothing() => new()
    {
        Rfm = null,
        Segments = null,
        ValueTiers = null,
        Lifecycle = null,
        ChurnWarningDays = null,
        HistoricalValue = null,
        Abc = null,
        Health = null,
    };

    private static void Close(double expected, double? actual) =>
        Assert.True(actual is { } a && Math.Abs(a - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Create_Defaults_OneRowPerCustomerInOrder_EachColumnTheLibrarysResult()
    {
        var customers = Cdnow.Value;
        var card = Scorecard.Create(customers, null);

        Assert.Equal(DefaultColumns, card.Columns.Select(c => c.Name));
        Assert.Equal(customers.Select(c => c.CustomerId), card.Rows.Select(r => r.CustomerId));
        Assert.Equal(customers.ObservationEnd, card.AsOf);

        var rfm = RfmScorer.Score(customers);
        var segments = SegmentMap.RfGrid().Assign(rfm.AsSpan());
        var tiers = SegmentMap.ValueTiers().Assign(rfm.AsSpan());
        var stages = LifecyclePolicy.FromDays().Classify(customers, customers.ObservationEnd);
        var historical = HistoricalValue.Compute(customers, null);
        var abc = AbcClassification.Classify(historical, null);
        var health = HealthScore.Score(HealthSignals.Create(customers, [], null, null));
        var warnings = EarlyWarningReport.Create(LifecyclePolicy.FromDays(), customers, customers.ObservationEnd.AddDays(-90), customers.ObservationEnd)
            .Rows.ToDictionary(w => w.CustomerIndex, w => w.Reason);
        Assert.NotEmpty(warnings);
        for (int i = 0; i < customers.Count; i++)
        {
            var row = card.Rows[i];
            Assert.Equal(customers[i].DaysSinceLastPurchase, row.DaysSinceLastPurchase);
            Assert.Equal(rfm[i], row.Rfm);
            Assert.Same(segments[i], row.Segment);
            Assert.Same(tiers[i], row.ValueTier);
            Assert.Equal(stages[i], row.Stage);
            Assert.Equal(warnings.GetValueOrDefault(i), row.ChurnWarning);
            Assert.Equal(historical[i], row.HistoricalValue);
            Assert.Equal(abc[i], row.Abc);
            Assert.Equal(health[i].Score, row.HealthScore);
            Assert.Equal((health[i].Band, health[i].Reason, health[i].Weakest), (row.HealthBand, row.HealthReason, row.HealthWeakest));
            Assert.Null(row.AliveProbability);
            Assert.Null(row.ExpectedPurchases);
            Assert.Null(row.ExpectedSpendPerPurchase);
            Assert.Null(row.Clv);
            Assert.Null(row.ClvByYear);
            Assert.Null(row.ValueAtRisk);
        }

        // The columns read the row: the labels and the RFM parts.
        var first = card.Rows[0];
        string Text(string name) => card.Columns.Single(c => c.Name == name).GetText(first)!;
        Assert.Equal(first.Segment!.ChineseName, Text("rfm_segment_zh"));
        Assert.Equal(first.Stage!.Value.ChineseLabel(), Text("lifecycle_stage_zh"));
        Assert.Equal(first.Stage!.Value.EnglishLabel(), Text("lifecycle_stage"));
        Assert.Equal(first.Rfm!.Value.Code, card.Columns.Single(c => c.Name == "rfm_code").GetInteger(first));
    }

    [Fact]
    public void Create_WithModels_ModelColumnsAreTheLibrarysResults_AndYearsSumToClv()
    {
        var customers = Cdnow.Value;
        var (purchases, spend) = Models.Value;
        var options = Full();
        var card = Scorecard.Create(customers, options);

        var alive = purchases.ProbabilityAlive(customers);
        var expected = purchases.ConditionalExpectedPurchases(customers, 36 * (365.25 / 12) / 7);   // 36 months in weeks
        var perPurchase = spend.ConditionalExpectedSpend(customers);
        var clv = PredictiveClv.Compute(purchases, spend, customers, options.Horizon);
        var atRisk = PredictiveClv.ValueAtRisk(purchases, spend, customers, options.Horizon);
        var years = ClvByPeriod.Compute(purchases, spend, customers, options.Horizon).Grouped(12);
        var abc = AbcClassification.Classify(clv, null);
        // BG/NBD gives every customer without a repeat purchase P(alive) 1: missing from their health (ScorecardHealthAliveTests).
        var aliveSignal = alive.Select((p, i) => customers[i].Frequency == 0 ? double.NaN : p).ToArray();
        var health = HealthScore.Score(HealthSignals.Create(customers, aliveSignal, null, null));

        Assert.Equal(3, card.ClvYears);
        Assert.Equal(
            [.. DefaultColumns[..15], "alive_probability", "expected_purchases", "expected_spend_per_purchase", "clv", "clv_year_1", "clv_year_2", "clv_year_3", "value_at_risk", .. DefaultColumns[15..]],
            card.Columns.Select(c => c.Name));
        for (int i = 0; i < customers.Count; i++)
        {
            var row = card.Rows[i];
            Assert.Equal(alive[i], row.AliveProbability);
            Close(expected[i], row.ExpectedPurchases);
            Assert.Equal(perPurchase[i], row.ExpectedSpendPerPurchase);
            Assert.Equal(clv[i], row.Clv);
            Assert.Equal(atRisk[i], row.ValueAtRisk);
            Assert.Equal(years.Row(i).ToArray(), row.ClvByYear);
            Assert.IsNotType<double[]>(row.ClvByYear);   // read-only: the scorecard is immutable
            Close(clv[i], row.ClvByYear!.Sum());
            Assert.Equal(abc[i], row.Abc);
            Assert.Equal(health[i].Score, row.HealthScore);
            Assert.Equal(health[i].Reason, row.HealthReason);
        }

        Assert.Contains(card.Rows, r => r.HealthReason == "alive_probability");
        Assert.Contains(card.Rows, r => r.Abc == AbcClass.A);
        Assert.Equal(card.Rows[5].ClvByYear![1], card.Columns.Single(c => c.Name == "clv_year_2").GetNumber(card.Rows[5]));

        // Rows compare by value, years element by element: the same customer's rows of two scorecards made alike are equal.
        var again = Scorecard.Create(customers, options);
        Assert.Equal(card.Rows, again.Rows);
        Assert.Equal(card.Rows[5].GetHashCode(), again.Rows[5].GetHashCode());
        var otherYears = again.Rows[5] with { ClvByYear = [.. again.Rows[5].ClvByYear!.Take(2), 0.5] };
        Assert.NotEqual(card.Rows[5], otherYears);
        Assert.NotEqual(card.Rows[5], again.Rows[5] with { ClvByYear = null });
        Assert.NotEqual(card.Rows[5], again.Rows[5] with { HealthWeakest = "x" });
    }

    [Theory]
    [InlineData(TimeUnit.Year, 3, 3)]
    [InlineData(TimeUnit.Month, 18, 2)]
    [InlineData(TimeUnit.Week, 104, 0)]
    [InlineData(TimeUnit.Day, 365, 0)]
    public void Create_ClvByYear_OnlyWhenThePeriodMakesYears(TimeUnit period, int periods, int years)
    {
        var options = new ScorecardOptions
        {
            Purchases = Models.Value.Purchases,
            Spend = Models.Value.Spend,
            Horizon = new PredictiveClvOptions { Period = period, Periods = periods },
        };
        var card = Scorecard.Create(Cdnow.Value, options);

        Assert.Equal(years, card.ClvYears);
        Assert.Equal(years, card.Columns.Count(c => c.Name.StartsWith("clv_year_", StringComparison.Ordinal)));
        foreach (var row in card.Rows)
        {
            if (years == 0)
            {
                Assert.Null(row.ClvByYear);
            }
            else
            {
                Assert.Equal(years, row.ClvByYear!.Count);
                Close(row.Clv!.Value, row.ClvByYear.Sum());   // an 18-month horizon: year 2 is the last 6 months
            }
        }
    }

    [Fact]
    public void Create_NothingConfigured_OnlyIdAndDaysQuiet_EveryOtherPropertyNull()
    {
        var card = Scorecard.Create(Cdnow.Value, Nothing());

        Assert.Equal(["customer_id", "days_since_last_purchase"], card.Columns.Select(c => c.Name));
        Assert.All(card.Rows, r => Assert.Equal(
            new ScorecardRow { CustomerId = r.CustomerId, DaysSinceLastPurchase = r.DaysSinceLastPurchase },
            r));
        Assert.Equal(0, card.ClvYears);
    }

    [Fact]
    public void Create_OnlyTheSpendModel_ExpectedSpendButNoClv()
    {
        var card = Scorecard.Create(Cdnow.Value, new ScorecardOptions { Spend = Models.Value.Spend });

        Assert.Contains(card.Columns, c => c.Name == "expected_spend_per_purchase");
        Assert.DoesNotContain(card.Columns, c => c.Name is "clv" or "value_at_risk" or "alive_probability" or "expected_purchases");
        Assert.All(card.Rows, r => Assert.Null(r.Clv));
        Assert.All(card.Rows, r => Assert.NotNull(r.ExpectedSpendPerPurchase));
    }

    [Fact]
    public void Create_LeadsAndChurnWarnings_HandBuiltLog()
    {
        // Observation end day 200. a: active at day 110 (bought days 10, 60, 100), quiet 100 days now: dormant, warned.
        // b: bought on day 190: new. c: a refund only: a lead (no score, no days quiet, CLV 0).
        var customers = Log.Summaries(
            200,
            Log.Buy("a", 10, 30), Log.Buy("a", 60, 30), Log.Buy("a", 100, 30),
            Log.Buy("b", 190, 50),
            new Transaction("c", Log.B.AddDays(50), -5));
        var card = Scorecard.Create(customers, new ScorecardOptions { Segments = null, ValueTiers = SegmentMap.ValueTiers() });
        var a = card.Rows[0];
        var b = card.Rows[1];
        var c = card.Rows[2];

        Assert.Equal(["a", "b", "c"], card.Rows.Select(r => r.CustomerId));
        Assert.Equal(LifecycleStage.Dormant, a.Stage);
        Assert.Equal("no purchase for 100 days, 2.2x their usual gap of 45 days", a.ChurnWarning);
        Assert.Equal((LifecycleStage.New, null), (b.Stage, b.ChurnWarning));
        Assert.Equal((LifecycleStage.Lead, (int?)null, RfmScore.Lead), (c.Stage, c.DaysSinceLastPurchase, c.Rfm!.Value));
        Assert.Equal(RfmSegment.Lead, c.ValueTier);
        foreach (string name in new[] { "r_score", "f_score", "m_score", "rfm_code" })
        {
            Assert.Null(card.Columns.Single(col => col.Name == name).GetInteger(c));
            Assert.NotNull(card.Columns.Single(col => col.Name == name).GetInteger(a));
        }

        Assert.Equal(-5, c.HistoricalValue);
        Assert.Equal(AbcClass.C, c.Abc);
    }

    [Fact]
    public void Create_WarningWindowBeforeTheData_ClampedToTheFirstPurchaseDay()
    {
        var customers = Log.Summaries(200, Log.Buy("a", 0), Log.Buy("a", 5), Log.Buy("b", 100), Log.Buy("b", 190));
        var card = Scorecard.Create(customers, new ScorecardOptions { ChurnWarningDays = 10_000 });
        var expected = EarlyWarningReport.Create(LifecyclePolicy.FromDays(), customers, Log.B, Log.B.AddDays(200));

        Assert.Equal(expected.Rows.Select(w => w.Reason), card.Rows.Where(r => r.ChurnWarning is not null).Select(r => r.ChurnWarning));
    }

    [Fact]
    public void Create_CustomHealthSignals_PassedToTheHealthScore()
    {
        var customers = Cdnow.Value;
        var health = new HealthScoreOptions { CustomSignals = [new CustomHealthSignal("tickets", 0.5) { HigherIsBetter = false }] };
        double[] tickets = [.. Enumerable.Range(0, customers.Count).Select(i => (double)(i % 4))];
        var signals = new Dictionary<string, double[]> { ["tickets"] = tickets };
        var card = Scorecard.Create(customers, signals, new ScorecardOptions { Health = health });
        var expected = HealthScore.Score(HealthSignals.Create(customers, [], signals, health));

        Assert.Equal(expected.Select(h => h.Score), card.Rows.Select(r => r.HealthScore!.Value));
        Assert.Contains(card.Rows, r => r.HealthReason == "tickets");
    }

    [Fact]
    public void Create_CustomHealthSignalsWithTheHealthPartLeftOut_ThrowsInsteadOfDroppingThem()
    {
        // Health = null with ticket values passed: the values were ignored without a word and the card had no health columns.
        var customers = Cdnow.Value;
        var signals = new Dictionary<string, double[]> { ["tickets"] = new double[customers.Count] };
        var e = Assert.Throws<ArgumentException>(() => Scorecard.Create(customers, signals, new ScorecardOptions { Health = null }));

        Assert.Equal("customHealthSignals", e.ParamName);
        Assert.Contains("(tickets) but options.Health is null", e.Message, StringComparison.Ordinal);

        // No values (null or an empty dictionary) is fine without the health part.
        Assert.Equal(DefaultColumns.Length - 4, Scorecard.Create(customers, new Dictionary<string, double[]>(), new ScorecardOptions { Health = null }).Columns.Count);
        Assert.Equal(DefaultColumns.Length - 4, Scorecard.Create(customers, null, new ScorecardOptions { Health = null }).Columns.Count);
    }

    [Fact]
    public void Create_OnlyLeadsWithRfm_ThrowsRfmsOwnErrorNotAnAggregate()
    {
        // The RFM part runs beside the others: its error still reaches the caller as itself.
        var end = new DateOnly(2020, 1, 1);
        var leads = CustomerSummaries.FromTransactions([new Transaction("a", end.AddDays(-3), -5), new Transaction("b", end.AddDays(-2), -1)], end, TimeUnit.Day);
        var e = Assert.Throws<ArgumentException>(() => Scorecard.Create(leads, new ScorecardOptions { Lifecycle = null, ChurnWarningDays = null }));
        Assert.Contains("leads", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PartsThatNeedAMissingPart_ThrowNamingTheOption()
    {
        var c = Cdnow.Value;
        Assert.Contains("options.Segments", Assert.Throws<ArgumentException>(() => Scorecard.Create(c, new ScorecardOptions { Rfm = null, ValueTiers = null })).Message, StringComparison.Ordinal);
        Assert.Contains("options.ValueTiers", Assert.Throws<ArgumentException>(() => Scorecard.Create(c, new ScorecardOptions { Rfm = null, Segments = null })).Message, StringComparison.Ordinal);
        Assert.Contains("options.ChurnWarningDays", Assert.Throws<ArgumentException>(() => Scorecard.Create(c, new ScorecardOptions { Lifecycle = null })).Message, StringComparison.Ordinal);
        Assert.Contains("options.AbcBasis Clv", Assert.Throws<ArgumentException>(() => Scorecard.Create(c, new ScorecardOptions { AbcBasis = AbcBasis.Clv, Spend = Models.Value.Spend })).Message, StringComparison.Ordinal);
        Assert.Contains("options.HistoricalValue", Assert.Throws<ArgumentException>(() => Scorecard.Create(c, new ScorecardOptions { HistoricalValue = null })).Message, StringComparison.Ordinal);
        Assert.Contains("options.ValueTiers is for 5 scores but options.Rfm.ScoreCount is 4", Assert.Throws<ArgumentException>(() => Scorecard.Create(c, new ScorecardOptions { Rfm = new RfmOptions { ScoreCount = 4 }, Segments = null })).Message, StringComparison.Ordinal);
        Assert.Equal("options.ChurnWarningDays", Assert.Throws<ArgumentOutOfRangeException>(() => Scorecard.Create(c, new ScorecardOptions { ChurnWarningDays = 0 })).ParamName);
        Assert.Equal("options.Horizon.Periods", Assert.Throws<ArgumentOutOfRangeException>(() => Scorecard.Create(c, new ScorecardOptions { Horizon = new PredictiveClvOptions { Periods = 0 } })).ParamName);
        Assert.Throws<ArgumentNullException>(() => Scorecard.Create(null!, null));

        // With the dependent parts left out too, the same options are fine.
        Assert.Equal(2, Scorecard.Create(c, Nothing()).Columns.Count);
        Assert.Equal(4, Scorecard.Create(c, new ScorecardOptions { Rfm = new RfmOptions { ScoreCount = 4 }, Segments = null, ValueTiers = SegmentMap.ValueTiers(4) }).Rows.Max(r => r.Rfm!.Value.R));
    }

    [Fact]
    public void Column_ReadWithTheWrongKind_ThrowsNamingTheColumn()
    {
        var card = Scorecard.Create(Cdnow.Value, null);
        var id = card.Columns[0];

        Assert.Equal(ScorecardColumnKind.Text, id.Kind);
        Assert.Equal("customer_id", id.ToString());
        Assert.Contains("'customer_id' holds Text", Assert.Throws<InvalidOperationException>(() => id.GetNumber(card.Rows[0])).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => card.Columns[1].GetText(card.Rows[0]));
        Assert.Throws<InvalidOperationException>(() => card.Columns.Single(c => c.Name == "historical_value").GetInteger(card.Rows[0]));
        Assert.All(card.Columns, c => Assert.False(string.IsNullOrWhiteSpace(c.Description)));
    }

    public static TheoryData<string> Configurations => ["full", "defaults", "nothing", "leads"];

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Column_ByPosition_EqualsTheColumnOfTheRow_EveryColumnAndCustomer(string configuration)
    {
        // Writers read by position (no row is built); users read rows. Both must give the same value in every cell, nulls
        // included: the leads log has a refund-only customer (no RFM score, no days quiet) and customers with no warning.
        var card = configuration switch
        {
            "full" => Scorecard.Create(Cdnow.Value, Full()),
            "defaults" => Scorecard.Create(Cdnow.Value, null),
            "nothing" => Scorecard.Create(Cdnow.Value, Nothing()),
            _ => Scorecard.Create(
                Log.Summaries(200, Log.Buy("a", 10, 30), Log.Buy("a", 60, 30), Log.Buy("a", 100, 30), Log.Buy("b", 190, 50), new Transaction("c", Log.B.AddDays(50), -5)),
                new ScorecardOptions { Segments = null, ValueTiers = SegmentMap.ValueTiers() }),
        };
        int nulls = 0;

        for (int i = 0; i < card.Rows.Count; i++)
        {
            var row = card.Rows[i];
            foreach (var column in card.Columns)
            {
                switch (column.Kind)
                {
                    case ScorecardColumnKind.Text:
                        Assert.Equal(column.GetText(row), column.GetText(i));
                        nulls += column.GetText(i) is null ? 1 : 0;
                        break;
                    case ScorecardColumnKind.Integer:
                        Assert.Equal(column.GetInteger(row), column.GetInteger(i));
                        nulls += column.GetInteger(i) is null ? 1 : 0;
                        break;
                    default:
                        Assert.Equal(column.GetNumber(row), column.GetNumber(i));
                        nulls += column.GetNumber(i) is null ? 1 : 0;
                        break;
                }
            }
        }

        Assert.True(configuration == "nothing" || nulls > 0, "the comparison includes empty cells");
    }

    [Fact]
    public void Column_ByPosition_OutsideTheRowsOrWrongKind_Throws()
    {
        var card = Scorecard.Create(Cdnow.Value, null);
        var id = card.Columns[0];

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => id.GetText(card.Rows.Count));
        Assert.Equal("index", e.ParamName);
        Assert.Contains("2357 rows", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => card.Columns[1].GetInteger(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => card.Rows[card.Rows.Count]);
        Assert.Contains("'customer_id' holds Text", Assert.Throws<InvalidOperationException>(() => id.GetNumber(0)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => card.Columns[1].GetText(0));
        Assert.Equal(card.Rows.ToArray(), Enumerable.Range(0, card.Rows.Count).Select(i => card.Rows[i]).ToArray());
    }

    [Fact]
    public void ToString_ListsEveryColumnWithHowManyCustomersHaveAValue()
    {
        var card = Scorecard.Create(Cdnow.Value, null);
        string text = Culture.Invariant(card.ToString);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Scorecard as of 1997-09-30: 2,357 customers, 19 columns", lines[0]);
        Assert.Equal(2 + card.Columns.Count, lines.Length);
        Assert.Matches(@"^customer_id\s+text\s+2,357$", lines[2]);
        int warned = card.Rows.Count(r => r.ChurnWarning is not null);
        Assert.Matches($@"^churn_warning\s+text\s+{warned}$", lines.Single(l => l.StartsWith("churn_warning", StringComparison.Ordinal)));
    }

    [Fact]
    public void Default_TheDocumentedDefaults()
    {
        var d = ScorecardOptions.Default;

        Assert.Equal(5, d.Rfm!.ScoreCount);
        Assert.Equal(SegmentMap.RfGrid().Segments, d.Segments!.Segments);
        Assert.Equal(SegmentMap.ValueTiers().Segments, d.ValueTiers!.Segments);
        Assert.Equal((LifecycleQuietRule.Days, 90.0, 180.0), (d.Lifecycle!.Rule, d.Lifecycle.DormantThreshold, d.Lifecycle.ChurnedThreshold));
        Assert.Equal(90, d.ChurnWarningDays);
        Assert.Same(HistoricalValueOptions.Default, d.HistoricalValue);
        Assert.Equal((0.80, 0.15, AbcBasis.HistoricalValue), (d.Abc!.AShare, d.Abc.BShare, d.AbcBasis));
        Assert.Equal((12, TimeUnit.Month, 1.0), (d.Horizon.Periods, d.Horizon.Period, d.Horizon.MarginRate));
        Assert.Same(HealthScoreOptions.Default, d.Health);
        Assert.Null(d.Purchases);
        Assert.Null(d.Spend);
    }
}
