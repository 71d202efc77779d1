using Clv.Internal;

namespace Clv.Probabilistic;

/// <content>
/// The distribution of a customer's next purchases: the conditional purchase-count distribution P(Y(t) = n | x, t_x, T), its
/// quantiles, and the time by which the next purchase happens with a given probability (the median time to the next purchase).
/// </content>
/// <remarks>
/// Given alive at T, each model's future is a fresh copy of the model with the posterior parameters (the purchase and dropout
/// processes are memoryless): for BG/NBD (r + x, α + T, a, b + x), for MBG/NBD (r + x, α + T, a, b + x + 1) with dropout
/// only after purchases, for Pareto/NBD (r + x, α + T, s, β + T). So P(Y(t) = n | x, t_x, T) = (1 - P(alive)) [n = 0] +
/// P(alive) P(X'(t) = n) with X' the fresh copy (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way", §5;
/// Schmittlein, Morrison &amp; Colombo 1987).
/// </remarks>
public abstract partial class PurchaseModel
{
    /// <summary>P(Y(t) = n | x, t_x, T): the probability that the customer makes exactly <paramref name="count"/> purchases in the next <paramref name="time"/>.</summary>
    /// <param name="count">The number of purchases n in (T, T + t] (at least 0).</param>
    /// <param name="frequency">Repeat frequency x (at least 0).</param>
    /// <param name="recency">Recency t_x, in [0, <paramref name="age"/>], in <see cref="TimeUnit"/>.</param>
    /// <param name="age">Age T (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <param name="time">Horizon t (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <returns>The probability, in [0, 1]; over n the probabilities sum to 1 and their mean is <see cref="ConditionalExpectedPurchases(int, double, double, double)"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException"><paramref name="recency"/> exceeds <paramref name="age"/>.</exception>
    public double ConditionalPurchaseCountProbability(int count, int frequency, double recency, double age, double time)
    {
        HistoryRows.Validate(frequency, recency, age);
        Guard.NonNegative(time);
        Guard.NonNegative(count);
        double alive = ProbabilityAliveCore(frequency, recency, age);
        double p = alive * PurchaseCountProbabilityIfAlive(frequency, age, time, count);
        return Math.Clamp(count == 0 ? p + (1 - alive) : p, 0, 1);
    }

    /// <summary>
    /// The <paramref name="probability"/>-quantile of the number of purchases in the next <paramref name="time"/>: the smallest n with
    /// P(Y(t) ≤ n | x, t_x, T) ≥ <paramref name="probability"/> (the process part of a prediction interval).
    /// </summary>
    /// <param name="frequency">Repeat frequency x (at least 0).</param>
    /// <param name="recency">Recency t_x, in [0, <paramref name="age"/>], in <see cref="TimeUnit"/>.</param>
    /// <param name="age">Age T (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <param name="time">Horizon t (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <param name="probability">The level, in (0, 1).</param>
    /// <returns>The quantile n, at least 0; non-decreasing in <paramref name="probability"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A value is out of range, NaN or infinite; or (parameter "time") the customer is expected to buy more than a million
    /// times in <paramref name="time"/> (5,000 under Pareto/NBD: the count's probabilities are summed one by one), or the model's parameters are
    /// beyond the range its count distribution can be evaluated in.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="recency"/> exceeds <paramref name="age"/>.</exception>
    public int ConditionalPurchaseCountQuantile(int frequency, double recency, double age, double time, double probability)
    {
        HistoryRows.Validate(frequency, recency, age);
        Guard.NonNegative(time);
        CheckLevel(probability, nameof(probability));
        return PurchaseCountQuantileCore(frequency, recency, age, time, probability);
    }

    /// <summary>
    /// The time by which the customer makes the next purchase with probability <paramref name="probability"/>: the t with
    /// P(Y(t) &gt; 0 | x, t_x, T) = <paramref name="probability"/> (with 0.5, the median time to the next purchase).
    /// </summary>
    /// <param name="frequency">Repeat frequency x (at least 0).</param>
    /// <param name="recency">Recency t_x, in [0, <paramref name="age"/>], in <see cref="TimeUnit"/>.</param>
    /// <param name="age">Age T (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <param name="probability">The level, in (0, 1).</param>
    /// <returns>
    /// The time t in <see cref="TimeUnit"/>, counted from T; <see cref="double.PositiveInfinity"/> when the customer never buys again
    /// with that probability: for BG/NBD and MBG/NBD when P(alive) ≤ <paramref name="probability"/>, for Pareto/NBD when P(alive)
    /// times the chance of a purchase before dropping out is at most <paramref name="probability"/>.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range, NaN or infinite.</exception>
    /// <exception cref="ArgumentException"><paramref name="recency"/> exceeds <paramref name="age"/>.</exception>
    public double NextPurchaseTime(int frequency, double recency, double age, double probability)
    {
        HistoryRows.Validate(frequency, recency, age);
        CheckLevel(probability, nameof(probability));
        return NextPurchaseTimeCore(frequency, recency, age, probability);
    }

    /// <summary>The time by which one customer buys again with probability <paramref name="probability"/>, converting the summary's time unit to the model's.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="probability">The level, in (0, 1); 0.5 gives the median time to the next purchase.</param>
    /// <returns>The time in the model's <see cref="TimeUnit"/>, or <see cref="double.PositiveInfinity"/> (see <see cref="NextPurchaseTime(int, double, double, double)"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is not in (0, 1).</exception>
    public double NextPurchaseTime(in CustomerSummary customer, double probability)
    {
        CheckLevel(probability, nameof(probability));
        double scale = Scale(customer.TimeUnit);
        return NextPurchaseTimeCore(customer.Frequency, customer.Recency * scale, customer.Age * scale, probability);
    }

    /// <summary>The time by which each customer buys again with probability <paramref name="probability"/>; identical to the scalar entry.</summary>
    /// <param name="customers">The customers (each summary's time unit is converted to the model's).</param>
    /// <param name="probability">The level, in (0, 1).</param>
    /// <param name="destination">One time per customer, in the model's <see cref="TimeUnit"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is not in (0, 1).</exception>
    public void NextPurchaseTime(ReadOnlySpan<CustomerSummary> customers, double probability, Span<double> destination)
    {
        CheckLevel(probability, nameof(probability));
        Guard.SameLength(customers.Length, destination.Length);

        // Distinct (x, t_x, T) are solved once each, in parallel; each root is independent of the others.
        var index = new KeyIndex(256);
        var slot = new int[customers.Length];
        for (int i = 0; i < customers.Length; i++)
        {
            ref readonly var c = ref customers[i];
            double scale = Scale(c.TimeUnit);
            slot[i] = index.GetOrAdd(c.Frequency, c.Recency * scale, c.Age * scale);
        }

        var times = new double[index.Count];
        Parallel.For(0, times.Length, j => times[j] = NextPurchaseTimeCore(index.X(j), index.Recency(j), index.Age(j), probability));
        for (int i = 0; i < customers.Length; i++)
        {
            destination[i] = times[slot[i]];
        }
    }

    /// <summary>The time by which every customer buys again with probability <paramref name="probability"/>.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="probability">The level, in (0, 1); 0.5 gives the median time to the next purchase.</param>
    /// <returns>One time per customer, in the model's <see cref="TimeUnit"/>; <see cref="double.PositiveInfinity"/> for customers who likely never buy again.</returns>
    public double[] NextPurchaseTime(CustomerSummaries customers, double probability)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var result = new double[customers.Count];
        NextPurchaseTime(customers.AsSpan(), probability, result);
        return result;
    }

    /// <summary>Checks a probability level is in the open interval (0, 1).</summary>
    internal static void CheckLevel(double probability, string paramName)
    {
        if (!(probability > 0 && probability < 1))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, probability, Guard.Format($"{paramName} must be in (0, 1), but was {probability}."));
        }
    }

    /// <summary>The smallest n with P(Y(t) ≤ n | x, t_x, T) ≥ p; arguments trusted.</summary>
    internal int PurchaseCountQuantileCore(int frequency, double recency, double age, double time, double probability) =>
        (int)PurchaseCountQuantilesCore(frequency, recency, age, time, probability, probability, probability).Lower;

    /// <summary>Three quantiles of the purchase count (levels ascending) in one pass over the distribution; arguments trusted.</summary>
    internal PredictionInterval PurchaseCountQuantilesCore(int frequency, double recency, double age, double time, double low, double middle, double high)
    {
        double alive = ProbabilityAliveCore(frequency, recency, age);
        var ifAlive = CountProbabilitiesIfAlive(frequency, age, time);
        return CountQuantiles(n => alive * ifAlive(n), 1 - alive, ExpectedPurchasesIfAlive(frequency, age, time), CountSumLimit, low, middle, high);
    }

    /// <summary>
    /// Three quantiles (levels ascending) of a count distribution in one pass: the smallest n whose cumulative mass, from
    /// <paramref name="start"/> (mass already at 0, outside <paramref name="probability"/>), reaches each level.
    /// </summary>
    internal static PredictionInterval CountQuantiles(Func<int, double> probability, double start, double mean, double limit, double low, double middle, double high)
    {
        CheckCountMean(mean, limit);
        Span<double> levels = [low, middle, high];
        Span<double> found = stackalloc double[3];
        int next = 0;
        double cumulative = start;
        for (int n = 0; ; n++)
        {
            double p = CountTerm(probability, n, limit);
            cumulative += p;

            // Past the mean, a term below 1e-17 means the rest of the mass is lost to rounding: n is the quantile.
            bool exhausted = n > mean && p < 1e-17;
            while (next < 3 && (cumulative >= levels[next] || exhausted))
            {
                found[next++] = n;
            }

            if (next == 3)
            {
                return new PredictionInterval(found[0], found[1], found[2]);
            }
        }
    }

    /// <summary>The purchase-count prediction interval at <paramref name="level"/>; see <see cref="CountInterval"/>. Arguments trusted.</summary>
    internal PredictionInterval PurchaseCountIntervalCore(int frequency, double recency, double age, double time, double level)
    {
        double alive = ProbabilityAliveCore(frequency, recency, age);
        var ifAlive = CountProbabilitiesIfAlive(frequency, age, time);
        return CountInterval(n => alive * ifAlive(n), 1 - alive, ExpectedPurchasesIfAlive(frequency, age, time), CountSumLimit, level);
    }

    /// <summary>
    /// The prediction interval of a count at <paramref name="level"/>, as tight as a whole-number interval can be: the lower end
    /// is the (1 − level)/2 quantile L, the median the 0.5 quantile, and the upper end the smallest n with P(Y ≤ n) ≥ P(Y &lt; L)
    /// + level. The interval holds at least <paramref name="level"/> of the probability; the lower tail gives the upper whatever
    /// it leaves unused, so when L is 0 (nothing below it) the whole 1 − level goes to the upper tail, instead of wasting half
    /// of it (a central interval of a count piled up at 0 would cover 95% at a nominal 90%).
    /// </summary>
    internal static PredictionInterval CountInterval(Func<int, double> probability, double start, double mean, double limit, double level)
    {
        CheckCountMean(mean, limit);
        double low = (1 - level) / 2, high = double.NaN;
        double lower = double.NaN, median = double.NaN;
        double cumulative = start;
        for (int n = 0; ; n++)
        {
            double below = n == 0 ? 0 : cumulative;
            double p = CountTerm(probability, n, limit);
            cumulative += p;
            bool exhausted = n > mean && p < 1e-17;
            if (double.IsNaN(lower) && (cumulative >= low || exhausted))
            {
                lower = n;
                high = below + level;
            }

            if (double.IsNaN(median) && (cumulative >= 0.5 || exhausted))
            {
                median = n;
            }

            if (!double.IsNaN(lower) && !double.IsNaN(median) && (cumulative >= high || exhausted))
            {
                return new PredictionInterval(lower, median, Math.Max(n, median));
            }
        }
    }

    /// <summary>
    /// The largest expected purchase count whose quantiles are summed: the count's probabilities are added one by one up to
    /// the quantile, so the work grows with the count. A million for BG/NBD and MBG/NBD (about half a second at the limit);
    /// Pareto/NBD's terms are integrals whose cost also grows with the count, so its limit is 5,000 (at 10,000 with a heavy
    /// tail, s = β = 1e-4, a 95% quantile summed 30,000 terms in 10 to 15 s; at 5,000 such a sum stops within 20,000 terms).
    /// A customer expected to buy more in the horizon is refused instead of being summed for minutes or hours (with a mean
    /// of 10^13 the sum used to run until n reached int.MaxValue).
    /// </summary>
    internal virtual double CountSumLimit => 1e6;

    /// <summary>Refuses a count distribution whose mean is not a number or above <paramref name="limit"/>.</summary>
    private static void CheckCountMean(double mean, double limit)
    {
        if (double.IsNaN(mean))
        {
            ThrowHelper.ArgumentOutOfRange("time", mean,
                "The expected number of purchases in the horizon is not a number: the model's parameters are beyond the range its purchase-count distribution can be evaluated in.");
        }

        if (mean > limit)
        {
            ThrowHelper.ArgumentOutOfRange("time", mean, Guard.Format(
                $"The expected number of purchases in the horizon is {mean:G4}: purchase-count quantiles add the count's probabilities one by one, up to an expected count of {limit:N0} for this model. Use a shorter horizon, or check the model's time unit against the data's."));
        }
    }

    /// <summary>
    /// P(Y = n) from <paramref name="probability"/>, refused when it is not a number, or when n reaches four times
    /// <paramref name="limit"/> without the levels reached (a mean computed too small at extreme parameters must not let the
    /// sum run on to int.MaxValue).
    /// </summary>
    private static double CountTerm(Func<int, double> probability, int n, double limit)
    {
        if (n >= 4 * limit)
        {
            ThrowHelper.ArgumentOutOfRange("time", n, Guard.Format(
                $"The purchase count's probabilities, added one by one, had not reached the quantile's level by {n:N0} purchases in the horizon (four times this model's limit of {limit:N0} expected purchases): the model's parameters put the count beyond what can be summed. Use a shorter horizon, or check the model's time unit against the data's."));
        }

        double p = probability(n);
        if (double.IsNaN(p))
        {
            ThrowHelper.ArgumentOutOfRange("time", p, Guard.Format(
                $"The probability of {n:N0} purchases in the horizon is not a number: the model's parameters are beyond the range its purchase-count distribution can be evaluated in."));
        }

        return p;
    }

    /// <summary>The time t with P(alive) P(Y(t) &gt; 0 | alive) = p, or +∞; arguments trusted.</summary>
    internal double NextPurchaseTimeCore(int frequency, double recency, double age, double probability)
    {
        double alive = ProbabilityAliveCore(frequency, recency, age);
        double target = probability / alive;
        if (!(target < AnyPurchaseLimitIfAlive(frequency, age)))
        {
            return double.PositiveInfinity;
        }

        return NextPurchaseTimeIfAlive(frequency, age, target);
    }

    /// <summary>P(Y(t) = n | alive at T, x): the posterior copy of the model's purchase-count distribution.</summary>
    internal abstract double PurchaseCountProbabilityIfAlive(int frequency, double age, double time, int count);

    /// <summary>
    /// <see cref="PurchaseCountProbabilityIfAlive"/> for one customer and horizon, asked for n = 0, 1, 2, ... in turn (the
    /// quantile sums): a model whose terms share work from count to count keeps it between calls.
    /// </summary>
    internal virtual Func<int, double> CountProbabilitiesIfAlive(int frequency, double age, double time) =>
        n => PurchaseCountProbabilityIfAlive(frequency, age, time, n);

    /// <summary>A new customer's P(X(t) = n), asked for n = 0, 1, 2, ... in turn; see <see cref="CountProbabilitiesIfAlive"/>.</summary>
    internal virtual Func<int, double> CountProbabilities(double time) => n => PurchaseCountProbabilityCore(n, time);

    /// <summary>The limit of P(Y(t) &gt; 0 | alive at T, x) as t grows (1 for models whose customers only drop out after a purchase).</summary>
    internal virtual double AnyPurchaseLimitIfAlive(int frequency, double age) => 1;

    /// <summary>The t with P(Y(t) &gt; 0 | alive at T, x) = <paramref name="target"/> (below the limit): a bracketed bisection-secant search in ln t.</summary>
    internal virtual double NextPurchaseTimeIfAlive(int frequency, double age, double target)
    {
        // Bracket the root in ln t by doubling from one time unit, then refine with MathNet's Brent solver.
        double lo = 0, hi = 1;
        while (AnyPurchaseIfAlive(frequency, age, hi) < target)
        {
            lo = hi;
            hi *= 2;
            if (double.IsInfinity(hi))
            {
                return double.PositiveInfinity;
            }
        }

        if (lo == 0)
        {
            lo = hi;
            while (AnyPurchaseIfAlive(frequency, age, lo) >= target && lo > 1e-300)
            {
                hi = lo;
                lo /= 2;
            }

            if (AnyPurchaseIfAlive(frequency, age, lo) >= target)
            {
                return lo; // the time is below 1e-300 (a level of about 1e-300 or less at a high rate): lo bounds it within 1e-300
            }
        }

        // Relative to the target: Brent stops once |f| is below its accuracy, which a difference of probabilities of 1e-300
        // is from the start (the time for a level of 1e-300 came out 25% off).
        double f(double u) => (AnyPurchaseIfAlive(frequency, age, Math.Exp(u)) / target) - 1;
        return Math.Exp(MathNet.Numerics.RootFinding.Brent.TryFindRoot(f, Math.Log(lo), Math.Log(hi), 1e-12, 200, out double root)
            ? root
            : Bisect(f, Math.Log(lo), Math.Log(hi)));
    }

    /// <summary>
    /// The root of <paramref name="f"/> between <paramref name="lo"/> (f &lt; 0) and <paramref name="hi"/> (f ≥ 0) by bisection to
    /// 1e-12, for when Brent's method does not converge; it never throws (MathNet's bisection throws its own exception type).
    /// </summary>
    private static double Bisect(Func<double, double> f, double lo, double hi)
    {
        for (int i = 0; i < 400 && hi - lo > 1e-12; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (f(mid) < 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }
}
