using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>
/// <see cref="Guard"/> directly: each check's boundary (the bound itself accepted or refused as documented), NaN and the
/// infinities refused, the parameter named from the caller's expression, and each message whole.
/// </summary>
public class GuardTests
{
    [Theory]
    [InlineData(double.MinValue)]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(double.MaxValue)]
    public void Finite_FiniteValues_Accepted(double value) => Guard.Finite(value);

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Finite_NonFinite_NamesTheArgument(double value, string shown)
    {
        double horizon = value;
        var ex = Refused(() => Guard.Finite(horizon), "horizon", $"horizon must be a finite number, but was {shown}.");
        Assert.Equal(value, ex.ActualValue);
    }

    [Theory]
    [InlineData(double.Epsilon)]
    [InlineData(1.0)]
    [InlineData(double.MaxValue)]
    public void Positive_AboveZero_Accepted(double value) => Guard.Positive(value);

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-1.0, "-1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void Positive_ZeroNegativeNaNInfinity_Refused(double value, string shown)
    {
        double rate = value;
        Refused(() => Guard.Positive(rate), "rate", $"rate must be a finite number greater than 0, but was {shown}.");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    public void NonNegative_ZeroAndAbove_Accepted(double value) => Guard.NonNegative(value);

    [Theory]
    [InlineData(-double.Epsilon, "-5E-324")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void NonNegative_NegativeNaNInfinity_Refused(double value, string shown)
    {
        double amount = value;
        Refused(() => Guard.NonNegative(amount), "amount", $"amount must be a finite number of at least 0, but was {shown}.");
    }

    [Fact]
    public void MinusZero_IsZero_NotPositiveButNonNegative()
    {
        double value = -0.0;
        Guard.NonNegative(value);
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Positive(value));
    }

    [Fact]
    public void NonNegativeInt_ZeroAcceptedMinusOneRefused()
    {
        int periods = 0;
        Guard.NonNegative(periods);
        periods = -1;
        Refused(() => Guard.NonNegative(periods), "periods", "periods must be at least 0, but was -1.");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void InRange_ClosedInterval_BoundsAccepted(double value) => Guard.InRange(value, 0, 1);

    [Theory]
    [InlineData(-1e-12, "-1E-12")]
    [InlineData(1.000001, "1.000001")]
    [InlineData(double.NaN, "NaN")]
    public void InRange_Outside_NamesTheInterval(double value, string shown)
    {
        double level = value;
        Refused(() => Guard.InRange(level, 0, 1), "level", $"level must be between 0 and 1, but was {shown}.");
    }

    [Fact]
    public void SameLength_Differs_SaysBothLengths()
    {
        Guard.SameLength(3, 3);
        var ex = Assert.Throws<ArgumentException>(() => Guard.SameLength(3, 2));
        Assert.Equal("destination", ex.ParamName);
        Assert.StartsWith("Destination length (2) must equal source length (3).", ex.Message, StringComparison.Ordinal);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Guard.SameLength(3, 4, "values")).ParamName);
    }

    [Fact]
    public void HoldoutEnd_BeforeTheObservationEnd_Refused_SameDayAndNoneAccepted()
    {
        var end = new DateOnly(2024, 6, 30);
        Guard.HoldoutEnd(end, null);
        Guard.HoldoutEnd(end, end);
        Guard.HoldoutEnd(end, end.AddDays(1));
        Refused(() => Guard.HoldoutEnd(end, end.AddDays(-1)), "holdoutEnd", "Holdout end (2024-06-29) cannot be before the observation end (2024-06-30).");
    }

    [Fact]
    public void Format_InvariantCultureWhateverTheCurrentOne() =>
        Assert.Equal("1.5 | 1,234.5", Culture.Invariant(() => Guard.Format($"{1.5} | {1234.5:N1}")));

    /// <summary>Asserts the call throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="parameter"/>, its message starting with <paramref name="message"/>.</summary>
    private static ArgumentOutOfRangeException Refused(Action call, string parameter, string message)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal(parameter, ex.ParamName);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        return ex;
    }
}
