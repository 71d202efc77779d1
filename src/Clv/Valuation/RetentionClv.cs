using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using Clv.Internal;

namespace Clv.Valuation;

/// <summary>
/// Retention-based discounted customer lifetime value: a constant margin m per period, a retention rate r per
/// period and a discount rate d per period, over a finite or infinite horizon.
/// </summary>
/// <remarks>
/// <para>A margin arriving at time τ (in periods) counts for customers still alive at τ (probability r^τ) and is
/// discounted by (1 + d)^τ, so with q = r / (1 + d):</para>
/// <list type="bullet">
/// <item><description><see cref="MarginTiming.End"/> (τ = 1..H): m q (1 - q^H) / (1 - q); infinite horizon m r / (1 + d - r).</description></item>
/// <item><description><see cref="MarginTiming.Start"/> (τ = 0..H-1): m (1 - q^H) / (1 - q); infinite horizon m (1 + d) / (1 + d - r).</description></item>
/// <item><description><see cref="MarginTiming.Middle"/> (τ = 0.5..H-0.5): the start value times q^(1/2).</description></item>
/// </list>
/// <para>With m = 100, r = 0.8, d = 0.1 the infinite-horizon values are 266.67 (end) and 366.67 (start)
/// (Gupta and Lehmann 2003; Fader and Hardie's "What's wrong with this CLV formula?"). The margin, the
/// retention rate and the horizon are per <see cref="RetentionClvOptions.Period"/>; the discount rate is
/// converted to that period by the library.</para>
/// <para>Batch entries take the inputs, then the scalars, then the options, then the destination last; they check
/// lengths once and give exactly the scalar entry's values.</para>
/// </remarks>
public static class RetentionClv
{
    /// <summary>The discounted value of one customer.</summary>
    /// <param name="margin">Margin per period (any finite amount).</param>
    /// <param name="retention">Probability of being retained from one period to the next, in [0, 1]; 1 (nobody leaves) needs a discount rate above 0 or a finite horizon.</param>
    /// <param name="options">The period, discount rate, margin timing and horizon; null for <see cref="RetentionClvOptions.Default"/>.</param>
    /// <returns>The expected discounted margin.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="margin"/> is not finite, <paramref name="retention"/> is outside [0, 1] (or 1 with neither discounting nor a horizon: an infinite value), or the options are invalid.</exception>
    public static double Value(double margin, double retention, RetentionClvOptions? options)
    {
        var terms = Terms.From(options);
        Guard.Finite(margin);
        terms.CheckRetention(retention, nameof(retention));
        return margin * terms.Factor(retention);
    }

    /// <summary>The discounted value of each customer, with a margin and a retention rate per customer.</summary>
    /// <param name="margins">Margin per period of each customer.</param>
    /// <param name="retentions">Retention rate per period of each customer, each in [0, 1] (1 as for the single value).</param>
    /// <param name="options">The period, discount rate, margin timing and horizon; null for <see cref="RetentionClvOptions.Default"/>.</param>
    /// <param name="destination">Receives the values; same length as <paramref name="margins"/>.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A margin is not finite, a retention rate is outside [0, 1] (or 1 with neither discounting nor a horizon), or the options are invalid.</exception>
    public static void Value(ReadOnlySpan<double> margins, ReadOnlySpan<double> retentions, RetentionClvOptions? options, Span<double> destination)
    {
        var terms = Terms.From(options);
        Guard.SameLength(margins.Length, retentions.Length, nameof(retentions));
        Guard.SameLength(margins.Length, destination.Length);
        int start = terms.ValuesVectorized(margins, retentions, destination);
        for (int i = start; i < margins.Length; i++)
        {
            double m = margins[i];
            double r = retentions[i];
            if (!double.IsFinite(m))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(margins), m, Guard.Format($"margins[{i}] must be a finite number, but was {m}."));
            }

            terms.CheckRetention(r, nameof(retentions), i);

            destination[i] = m * terms.Factor(r);
        }
    }

    /// <summary>The discounted value of each customer, with a margin per customer and one retention rate for all.</summary>
    /// <param name="margins">Margin per period of each customer.</param>
    /// <param name="retention">Retention rate per period, in [0, 1] (1 as for the single value).</param>
    /// <param name="options">The period, discount rate, margin timing and horizon; null for <see cref="RetentionClvOptions.Default"/>.</param>
    /// <param name="destination">Receives the values; same length as <paramref name="margins"/>.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A margin is not finite, <paramref name="retention"/> is outside [0, 1] (or 1 with neither discounting nor a horizon), or the options are invalid.</exception>
    public static void Value(ReadOnlySpan<double> margins, double retention, RetentionClvOptions? options, Span<double> destination)
    {
        var terms = Terms.From(options);
        terms.CheckRetention(retention, nameof(retention));
        Guard.SameLength(margins.Length, destination.Length);
        double factor = terms.Factor(retention);
        for (int i = 0; i < margins.Length; i++)
        {
            double m = margins[i];
            if (!double.IsFinite(m))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(margins), m, Guard.Format($"margins[{i}] must be a finite number, but was {m}."));
            }

            destination[i] = m * factor;
        }
    }

    /// <summary>The discounted value of each customer (array convenience for the span overload).</summary>
    /// <param name="margins">Margin per period of each customer.</param>
    /// <param name="retentions">Retention rate per period of each customer, each in [0, 1] (1 as for the single value).</param>
    /// <param name="options">The period, discount rate, margin timing and horizon; null for <see cref="RetentionClvOptions.Default"/>.</param>
    /// <returns>One value per customer.</returns>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A margin is not finite, a retention rate is outside [0, 1] (or 1 with neither discounting nor a horizon), or the options are invalid.</exception>
    public static double[] Value(double[] margins, double[] retentions, RetentionClvOptions? options)
    {
        ArgumentNullException.ThrowIfNull(margins);
        ArgumentNullException.ThrowIfNull(retentions);
        var result = new double[margins.Length];
        Value(margins.AsSpan(), retentions.AsSpan(), options, result.AsSpan());
        return result;
    }

    /// <summary>
    /// The same value as <see cref="Value(double, double, RetentionClvOptions)"/> from the explicit sum of
    /// m r^τ / (1 + d)^τ over the margin times; the test oracle of the closed forms. Finite horizons only.
    /// </summary>
    internal static double ValueBySum(double margin, double retention, RetentionClvOptions? options)
    {
        var terms = Terms.From(options);
        options ??= RetentionClvOptions.Default;
        Debug.Assert(options.Horizon is not null, "The explicit sum needs a finite horizon.");
        double offset = options.Timing switch
        {
            MarginTiming.Start => 0.0,
            MarginTiming.Middle => 0.5,
            _ => 1.0,
        };
        double sum = 0;
        for (int k = 0; k < options.Horizon!.Value; k++)
        {
            double tau = k + offset;
            sum += margin * Math.Pow(retention, tau) / Math.Pow(1 + terms.RatePerPeriod, tau);
        }

        return sum;
    }

    /// <summary>q^n for n ≥ 0 by repeated squaring: about log2(n) multiplications, far cheaper than <see cref="Math.Pow"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double PowInteger(double q, int n)
    {
        Debug.Assert(n >= 0, "horizon validated at the boundary");
        double result = 1.0;
        while (n > 0)
        {
            if ((n & 1) != 0)
            {
                result *= q;
            }

            q *= q;
            n >>= 1;
        }

        return result;
    }

    /// <summary>Validated options reduced to what the closed forms need.</summary>
    private readonly struct Terms
    {
        private readonly double _inverseGrowth;
        private readonly MarginTiming _timing;
        private readonly int _horizon;

        private Terms(double ratePerPeriod, MarginTiming timing, int horizon)
        {
            RatePerPeriod = ratePerPeriod;
            _inverseGrowth = 1.0 / (1.0 + ratePerPeriod);
            _timing = timing;
            _horizon = horizon;
        }

        public double RatePerPeriod { get; }

        /// <summary>
        /// A retention rate in [0, 1]; 1 only where the value is finite: discounted (q = 1/(1 + d) &lt; 1) or over a finite horizon.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void CheckRetention(double retention, string paramName, int index = -1)
        {
            if (retention >= 0 && (retention < 1 || (retention == 1 && (_inverseGrowth < 1 || _horizon >= 0))))
            {
                return;
            }

            string name = index < 0 ? paramName : Guard.Format($"{paramName}[{index}]");
            ThrowHelper.ArgumentOutOfRange(paramName, retention, retention == 1
                ? Guard.Format($"{name} is 1 (nobody leaves) with no discounting and no horizon: the value is infinite. Give options.Horizon or a discount rate above 0.")
                : Guard.Format($"{name} must be at least 0 and at most 1, but was {retention}."));
        }

        public static Terms From(RetentionClvOptions? options)
        {
            options = (options ?? RetentionClvOptions.Default).Validate();
            return new Terms(options.DiscountRate.RatePer(options.Period), options.Timing, options.Horizon ?? -1);
        }

        /// <summary>
        /// Values whole vectors of customers with the same operations, in the same order, as <see cref="Factor"/> (so the
        /// results are identical), stopping at the first vector holding an invalid margin or retention rate.
        /// </summary>
        /// <returns>How many leading customers were valued; the caller values (and validates) the rest.</returns>
        public int ValuesVectorized(ReadOnlySpan<double> margins, ReadOnlySpan<double> retentions, Span<double> destination)
        {
            int width = Vector<double>.Count;
            if (!Vector.IsHardwareAccelerated || margins.Length < width)
            {
                return 0;
            }

            var one = Vector<double>.One;
            var zero = Vector<double>.Zero;
            var infinity = new Vector<double>(double.PositiveInfinity);
            var inverseGrowth = new Vector<double>(_inverseGrowth);
            int i = 0;
            for (; i <= margins.Length - width; i += width)
            {
                var m = new Vector<double>(margins.Slice(i, width));
                var r = new Vector<double>(retentions.Slice(i, width));
                if (!(Vector.GreaterThanOrEqualAll(r, zero) && Vector.LessThanAll(r, one) && Vector.LessThanAll(Vector.Abs(m), infinity)))
                {
                    break;
                }

                var q = r * inverseGrowth;
                Vector<double> startSum;
                if (_horizon < 0)
                {
                    startSum = one / (one - q);
                }
                else
                {
                    var power = one;
                    var square = q;
                    for (int n = _horizon; n > 0; n >>= 1)
                    {
                        if ((n & 1) != 0)
                        {
                            power *= square;
                        }

                        square *= square;
                    }

                    startSum = (one - power) / (one - q);
                }

                var factor = _timing switch
                {
                    MarginTiming.Start => startSum,
                    MarginTiming.End => q * startSum,
                    _ => Vector.SquareRoot(q) * startSum,
                };
                (m * factor).CopyTo(destination.Slice(i, width));
            }

            return i;
        }

        /// <summary>The value of a margin of 1 per period at retention <paramref name="retention"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Factor(double retention)
        {
            Debug.Assert(retention is >= 0 and <= 1, "retention validated at the boundary");
            double q = retention * _inverseGrowth;

            // q = 1 (retention 1, no discounting; validated to come with a horizon): every period's margin counts in full.
            double startSum = q == 1 ? _horizon : _horizon < 0 ? 1.0 / (1.0 - q) : (1.0 - PowInteger(q, _horizon)) / (1.0 - q);
            return _timing switch
            {
                MarginTiming.Start => startSum,
                MarginTiming.End => q * startSum,
                _ => Math.Sqrt(q) * startSum,
            };
        }
    }
}
