using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// <see cref="PredictionIntervalReport"/> and <see cref="NewCustomerValue"/> directly, on hand-made rows (no fit): the settings
/// kept as given, the purchase coverage counted with both bounds inclusive, and the text table whole (first ten rows only,
/// the CLV column only with a spend fit, the mean width of the expected-purchases interval).
/// </summary>
public class PredictionIntervalReportTests
{
    private static PredictionIntervalRow Row(string id, double purchasesLower, double purchasesUpper, PredictionInterval? clv = null) =>
        new(id, new(0.5, 0.6, 0.7), new(1, 2, 3), new(purchasesLower, (purchasesLower + purchasesUpper) / 2, purchasesUpper), clv);

    private static PredictionIntervalReport Report(PredictionIntervalRow[] rows, double level = 0.9) =>
        new(rows, level, 200, ParameterUncertainty.Bootstrap, 39, TimeUnit.Week);

    [Fact]
    public void Constructor_KeepsEverySettingAsGiven()
    {
        var rows = new[] { Row("a", 0, 2) };
        var report = new PredictionIntervalReport(rows, 0.8, 17, ParameterUncertainty.Asymptotic, 12.5, TimeUnit.Day);
        Assert.Same(rows, report.Rows);
        Assert.Equal(0.8, report.Level);
        Assert.Equal(17, report.Draws);
        Assert.Equal(ParameterUncertainty.Asymptotic, report.Uncertainty);
        Assert.Equal(12.5, report.Time);
        Assert.Equal(TimeUnit.Day, report.TimeUnit);
    }

    [Fact]
    public void PurchaseCoverage_CountsBothBoundsInclusive()
    {
        var report = Report([Row("a", 1, 3), Row("b", 1, 3), Row("c", 1, 3), Row("d", 1, 3), Row("e", 1, 3)]);
        // Lower bound, upper bound and inside are covered; just below and just above are not.
        Assert.Equal(0.6, report.PurchaseCoverage([1, 3, 2, Math.BitDecrement(1.0), Math.BitIncrement(3.0)]), 15);
        Assert.Equal(1.0, report.PurchaseCoverage([1, 1, 1, 3, 3]));
        Assert.Equal(0.0, report.PurchaseCoverage([0, 4, 0, 4, double.NaN]));
        Assert.Equal(0.2, report.PurchaseCoverage([0, 0, 0, 0, 2]), 15);
    }

    [Fact]
    public void PurchaseCoverage_NoCustomers_IsNaN() => Assert.True(double.IsNaN(Report([]).PurchaseCoverage([])));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void PurchaseCoverage_WrongLength_NamesTheArgumentAndBothLengths(int length)
    {
        var report = Report([Row("a", 1, 3), Row("b", 1, 3)]);
        var ex = Assert.Throws<ArgumentException>(() => report.PurchaseCoverage(new double[length]));
        Assert.Equal("actualPurchases", ex.ParamName);
        Assert.StartsWith($"Destination length ({length}) must equal source length (2).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_WithClv_IsTheWholeTable()
    {
        var rows = new PredictionIntervalRow[]
        {
            new("a", new(0.5, 0.6, 0.7), new(1, 2, 3), new(0, 2, 5), new(10, 20, 30)),
            new("bb", new(0.25, 0.5, 0.75), new(0.5, 1, 3), new(0, 1, 3), new(1, 2, 4)),
        };
        var report = new PredictionIntervalReport(rows, 0.975, 200, ParameterUncertainty.Bootstrap, 12.34567, TimeUnit.Day);
        string expected =
            "Prediction intervals (97.5%; 200 parameter draws, Bootstrap; horizon 12.35 Day) for 2 customers\n" +
            "customer          P(alive)  E[purchases]  purchases          CLV\n" +
            "a           0.6 [0.5, 0.7]      2 [1, 3]   2 [0, 5]  20 [10, 30]\n" +
            "bb        0.5 [0.25, 0.75]    1 [0.5, 3]   1 [0, 3]     2 [1, 4]\n" +
            "mean width of the expected-purchases interval: 2.25\n";
        Assert.Equal(expected, report.ToString());
    }

    [Fact]
    public void ToString_WithoutClv_FirstTenRowsOnly_AndTheMeanWidthOfAll()
    {
        var rows = Enumerable.Range(0, 11)
            .Select(i => new PredictionIntervalRow($"c{i}", new(0.5, 0.6, 0.7), new(1, 2, i == 10 ? 14 : 3), new(0, 2, 5), null))
            .ToArray();
        string text = Report(rows).ToString();
        string[] lines = text.Split('\n');
        Assert.Equal("Prediction intervals (90%; 200 parameter draws, Bootstrap; horizon 39 Week) for 11 customers", lines[0]);
        Assert.Equal("customer        P(alive)  E[purchases]  purchases", lines[1]);
        Assert.Equal("c0        0.6 [0.5, 0.7]      2 [1, 3]   2 [0, 5]", lines[2]);
        Assert.Equal("c9        0.6 [0.5, 0.7]      2 [1, 3]   2 [0, 5]", lines[11]);
        // Ten customers shown, the eleventh (width 13) only in the mean: (10 * 2 + 13) / 11 = 3.
        Assert.Equal("mean width of the expected-purchases interval: 3", lines[12]);
        Assert.Equal(string.Empty, lines[13]);
        Assert.Equal(14, lines.Length);
        Assert.DoesNotContain("c10", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NoCustomers_HeaderAndNaNWidth()
    {
        string expected =
            "Prediction intervals (90%; 200 parameter draws, Bootstrap; horizon 39 Week) for 0 customers\n" +
            "customer  P(alive)  E[purchases]  purchases\n" +
            "mean width of the expected-purchases interval: NaN\n";
        Assert.Equal(expected, Report([]).ToString());
    }

    [Fact]
    public void ToString_ThousandsOfCustomers_CountGrouped()
    {
        var rows = Enumerable.Range(0, 1234).Select(i => Row($"c{i}", 0, 2)).ToArray();
        Assert.StartsWith("Prediction intervals (90%; 200 parameter draws, Bootstrap; horizon 39 Week) for 1,234 customers\n", Report(rows).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0, 0.0)]
    [InlineData(2.5, 80.0, 24.0, 111.25)]
    [InlineData(0.0, 50.0, 15.0, 0.0)]
    public void NewCustomerValue_IsTheFirstPurchasePlusTheRepeatValue(double purchases, double spend, double first, double repeat)
    {
        var value = new NewCustomerValue(purchases, spend, first, repeat);
        Assert.Equal(first + repeat, value.Value);
        Assert.Equal(purchases, value.ExpectedRepeatPurchases);
        Assert.Equal(spend, value.MeanSpend);
        Assert.Equal(first, value.FirstPurchaseValue);
        Assert.Equal(repeat, value.RepeatValue);
    }
}
