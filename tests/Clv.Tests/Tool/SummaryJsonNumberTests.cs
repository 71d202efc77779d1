using System.Globalization;
using System.Text.Json;
using Clv.Probabilistic;
using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>
/// The tool's summary JSON (<c>summary.json</c>, <c>--json</c>) writes numbers that read back as themselves, including the
/// four doubles (±2^-25, ±2^-958) whose shortest .NET text reads as the double below, as the model files already do.
/// </summary>
public class SummaryJsonNumberTests
{
    public static TheoryData<double> Values() => new(Math.Pow(2, -25), -Math.Pow(2, -25), Math.Pow(2, -958), -Math.Pow(2, -958), 0.1, 1e300, double.Epsilon, 0, 27136006.5);

    [Theory]
    [MemberData(nameof(Values))]
    public void Number_ReadsBackAsItself(double value)
    {
        string text = Summary.Number(value)!.ToJsonString();

        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Horizon_AMisprintedRate_ReadsBackFromTheSummaryText()
    {
        double rate = Math.Pow(2, -25);
        var summary = new Summary("analyze");
        summary.Horizon(new PredictiveClvOptions { Periods = 12, MarginRate = Math.Pow(2, -958) }, rate);

        using var json = JsonDocument.Parse(summary.ToJsonText());
        var horizon = json.RootElement.GetProperty("horizon");

        Assert.Equal(rate, horizon.GetProperty("annual_discount_rate").GetDouble());
        Assert.Equal(Math.Pow(2, -958), horizon.GetProperty("margin").GetDouble());
    }

    [Fact]
    public void Number_NotFinite_IsNull()
    {
        Assert.Null(Summary.Number(double.NaN));
        Assert.Null(Summary.Number(double.PositiveInfinity));
    }
}
