using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>How <see cref="PredictiveClv"/> values a customer: horizon, period, discount rate and margin.</summary>
public sealed class PredictiveClvOptions
{
    /// <summary>The shared default options: 12 monthly periods, 10% a year, margin 1.</summary>
    public static PredictiveClvOptions Default { get; } = new();

    /// <summary>The most periods a horizon may have: every customer's periods are computed one by one.</summary>
    internal const int MaxPeriods = 1_000_000;

    /// <summary>Number of periods in the horizon (default 12; at least 1 and at most 1,000,000).</summary>
    public int Periods { get; init; } = 12;

    /// <summary>
    /// The length of one period (default <see cref="TimeUnit.Month"/>, 365.25/12 days). It need not be the model's
    /// time unit: the library converts it (a 52-week CLV from a model fitted in days is <c>Periods = 52, Period = Week</c>).
    /// </summary>
    public TimeUnit Period { get; init; } = TimeUnit.Month;

    /// <summary>The discount rate (default 10% a year), in any period; converted to <see cref="Period"/> by exact compounding.</summary>
    public DiscountRate DiscountRate { get; init; } = DiscountRate.Annual(0.1);

    /// <summary>The margin rate: the share of the expected spend that is profit (default 1: CLV in revenue; 0.3 for a 30% margin); at least 0.</summary>
    public double MarginRate { get; init; } = 1;

    /// <summary>Checks every option once; errors name the property (<c>options.Periods</c>).</summary>
    internal PredictiveClvOptions Validate(string path = "options")
    {
        if (Periods < 1)
        {
            ThrowHelper.ArgumentOutOfRange(path + ".Periods", Periods, Guard.Format($"{path}.Periods must be at least 1, but was {Periods}."));
        }

        if (Periods > MaxPeriods)
        {
            ThrowHelper.ArgumentOutOfRange(path + ".Periods", Periods, Guard.Format($"{path}.Periods must be at most {MaxPeriods}, but was {Periods}."));
        }

        PurchaseModel.CheckUnit(Period, path + ".Period");
        Guard.NonNegative(MarginRate, path + ".MarginRate");
        return this;
    }
}
