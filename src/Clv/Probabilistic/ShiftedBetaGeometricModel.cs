using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The shifted-beta-geometric (sBG) model of contract renewals (Fader and Hardie 2007): each subscriber renews at
/// the end of every period with their own probability 1 - θ, and θ varies across subscribers as Beta(α, β).
/// Immutable.
/// </summary>
/// <remarks>
/// <para>Periods are contract periods (a year for annual contracts, a month for monthly ones), counted from
/// acquisition at t = 0. P(T = t) = B(α + 1, β + t - 1) / B(α, β) for t ≥ 1; survival S(t) = B(α, β + t) / B(α, β);
/// retention r(t) = (β + t - 1) / (α + β + t - 1), which rises with t as the likely churners leave.</para>
/// <para>Discounted expected lifetime DEL(d) = 2F1(1, β; α + β; 1 / (1 + d)) = Σ_{t ≥ 0} S(t) / (1 + d)^t, and the
/// discounted expected residual lifetime of a subscriber who has made n - 1 renewals, at the end of period n just
/// before the n-th renewal decision, DERL(d, n) = (β + n - 1) / (α + β + n - 1) 2F1(1, β + n; α + β + n; 1 / (1 + d))
/// (Fader and Hardie 2010, "Customer-base valuation in a contractual setting"). Both are in periods; times a margin per
/// period they are values. The discount rate d is per contract period.</para>
/// </remarks>
public sealed class ShiftedBetaGeometricModel : IJsonPersistable<ShiftedBetaGeometricModel>
{
    internal const string ModelName = "sBG";

    /// <summary>Creates a model from its parameters.</summary>
    /// <param name="alpha">α &gt; 0, the first shape parameter of the Beta distribution of churn probabilities.</param>
    /// <param name="beta">β &gt; 0, the second shape parameter.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite number greater than 0.</exception>
    public ShiftedBetaGeometricModel(double alpha, double beta)
    {
        Guard.Positive(alpha);
        Guard.Positive(beta);
        Alpha = alpha;
        Beta = beta;
    }

    /// <summary>α &gt; 0: with <see cref="Beta"/>, the mean churn probability is α / (α + β).</summary>
    public double Alpha { get; }

    /// <summary>β &gt; 0: the second shape parameter of the Beta distribution of churn probabilities.</summary>
    public double Beta { get; }

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not an sBG model of a supported version, or a field is missing or invalid; the message names the field.</exception>
    public static ShiftedBetaGeometricModel FromJson(string json) =>
        JsonFormat.Read(json, ModelName, r => new ShiftedBetaGeometricModel(r.Positive("parameters.alpha"), r.Positive("parameters.beta")));

    /// <summary>Writes the model as versioned JSON: <c>{"model":"sBG","version":1,"parameters":{"alpha":..,"beta":..}}</c> (periods are contract periods: no time unit).</summary>
    /// <returns>The JSON text (round-trips every parameter exactly).</returns>
    public string ToJson() => JsonFormat.Write(ModelName, w => JsonFormat.WriteNumbers(w, "parameters", ["alpha", "beta"], [Alpha, Beta]));

    /// <inheritdoc/>
    public override string ToString() => Guard.Format($"sBG(alpha = {Alpha:G6}, beta = {Beta:G6})");

    /// <summary>Fits the model by maximum likelihood to a cohort's survivors: how many of it were still subscribed at t = 0, 1, ..., n.</summary>
    /// <param name="aliveCounts">Subscribers alive at t = 0 (the cohort size, at least 1), 1, ..., n; never increasing; at least two entries.</param>
    /// <returns>The model with its log-likelihood, iterations and standard errors of α and β.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, the first is 0, or a count exceeds the one before it.</exception>
    /// <exception cref="ArgumentException">Fewer than two counts.</exception>
    /// <exception cref="ModelFitException">The data cannot identify the model (for example nobody ever churned, or everybody churned at once).</exception>
    /// <remarks>LL = Σ_t n_t ln P(T = t) + (N - Σ_t n_t) ln S(n), with n_t = alive(t - 1) - alive(t).</remarks>
    public static FitResult<ShiftedBetaGeometricModel> Fit(ReadOnlySpan<int> aliveCounts) => Fit(aliveCounts, null);

    /// <summary>Fits the model by maximum likelihood to a cohort's survivors, with fit options.</summary>
    /// <param name="aliveCounts">Subscribers alive at t = 0 (the cohort size, at least 1), 1, ..., n; never increasing; at least two entries.</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The model with its status, log-likelihood, iterations and standard errors of α and β.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, the first is 0, or a count exceeds the one before it.</exception>
    /// <exception cref="ArgumentException">Fewer than two counts.</exception>
    /// <exception cref="ModelFitException">The data cannot identify the model (for example nobody ever churned, or everybody churned at once).</exception>
    public static FitResult<ShiftedBetaGeometricModel> Fit(ReadOnlySpan<int> aliveCounts, FitOptions? options)
    {
        var counts = new double[aliveCounts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = aliveCounts[i];
        }

        return ShiftedBetaGeometricLikelihood.Fit(counts, nameof(aliveCounts), options);
    }

    /// <summary>
    /// Fits one model jointly to several cohorts (one alive-count series per cohort, of any lengths: older cohorts are observed for
    /// more periods): the log-likelihood is the sum of the cohorts' (Fader and Hardie 2007, eq. 7). With one cohort it is exactly
    /// <see cref="Fit(ReadOnlySpan{int}, FitOptions)"/>.
    /// </summary>
    /// <param name="aliveCounts">Per cohort: subscribers alive at t = 0 (the cohort size, at least 1), 1, ..., n_c; never increasing; at least two entries each.</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The model with its status, log-likelihood, iterations and standard errors of α and β.</returns>
    /// <exception cref="ArgumentException">No cohort, or a cohort with fewer than two counts (the message names the cohort).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, a cohort's first count is 0, or a count exceeds the one before it.</exception>
    /// <exception cref="ModelFitException">The cohorts together cannot identify the model (nobody churned, or everybody churned at once).</exception>
    public static FitResult<ShiftedBetaGeometricModel> FitCohorts(IReadOnlyList<int[]> aliveCounts, FitOptions? options)
    {
        ArgumentNullException.ThrowIfNull(aliveCounts);
        options = MaximumLikelihood.Begin(options);
        if (aliveCounts.Count == 0)
        {
            ThrowHelper.Argument(nameof(aliveCounts), "aliveCounts needs at least one cohort, but had none.");
        }

        int length = aliveCounts.Max(c => c?.Length ?? 0);
        var lost = new double[Math.Max(length, 2)];
        var censored = new double[lost.Length];
        for (int c = 0; c < aliveCounts.Count; c++)
        {
            string name = Guard.Format($"aliveCounts[{c}]");
            var alive = ShiftedBetaGeometricLikelihood.Checked(aliveCounts[c] ?? throw new ArgumentNullException(name), name);
            var (cohortLost, cohortCensored) = ShiftedBetaGeometricLikelihood.FromAlive(alive);
            for (int t = 0; t < cohortLost.Length; t++)
            {
                lost[t] += cohortLost[t];
                censored[t] += cohortCensored[t];
            }
        }

        return ShiftedBetaGeometricLikelihood.FitCounts(lost, censored, options);
    }

    /// <summary>
    /// Fits the model to individual, right-censored contract records (one per account: periods observed, active or cancelled),
    /// as pymc-marketing's individual-level sBG does: a cancelled account contributes ln P(T = t), an active one ln S(t).
    /// </summary>
    /// <param name="records">The accounts (or groups of identical accounts, by <see cref="ContractRecord.Weight"/>).</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The model with its status, log-likelihood, iterations and standard errors of α and β.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A record has a cancelled account with fewer than 1 period, negative periods, more than 1,000,000 periods, or a weight that is not positive and finite (the message names the record).</exception>
    /// <exception cref="ArgumentException">No records.</exception>
    /// <exception cref="ModelFitException">The records cannot identify the model (nobody cancelled, or everybody cancelled in period 1).</exception>
    public static FitResult<ShiftedBetaGeometricModel> Fit(ReadOnlySpan<ContractRecord> records, FitOptions? options)
    {
        options = MaximumLikelihood.Begin(options);
        if (records.IsEmpty)
        {
            ThrowHelper.Argument(nameof(records), "records needs at least one account, but had none.");
        }

        var (lost, censored) = ShiftedBetaGeometricLikelihood.FromRecords(records, nameof(records));
        return ShiftedBetaGeometricLikelihood.FitCounts(lost, censored, options);
    }

    /// <summary>Fits the model to a cohort's survival curve given as percentages alive, as published tables give it.</summary>
    /// <param name="percentAlive">Percent of the cohort alive at t = 0 (100), 1, ..., n; never increasing; at least two entries.</param>
    /// <param name="cohortSize">Number of subscribers in the cohort at t = 0, at least 1.</param>
    /// <returns>The model with its log-likelihood, iterations and standard errors of α and β.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The first percentage is not 100, a percentage is outside [0, 100] or exceeds the one before it, or <paramref name="cohortSize"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">Fewer than two percentages.</exception>
    /// <exception cref="ModelFitException">The data cannot identify the model.</exception>
    public static FitResult<ShiftedBetaGeometricModel> FitPercentAlive(ReadOnlySpan<double> percentAlive, double cohortSize) => FitPercentAlive(percentAlive, cohortSize, null);

    /// <summary>Fits the model to a cohort's survival curve given as percentages alive, with fit options.</summary>
    /// <param name="percentAlive">Percent of the cohort alive at t = 0 (100), 1, ..., n; never increasing; at least two entries.</param>
    /// <param name="cohortSize">Number of subscribers in the cohort at t = 0, at least 1.</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The model with its status, log-likelihood, iterations and standard errors of α and β.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The first percentage is not 100, a percentage is outside [0, 100] or exceeds the one before it, or <paramref name="cohortSize"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">Fewer than two percentages.</exception>
    /// <exception cref="ModelFitException">The data cannot identify the model.</exception>
    public static FitResult<ShiftedBetaGeometricModel> FitPercentAlive(ReadOnlySpan<double> percentAlive, double cohortSize, FitOptions? options)
    {
        if (!(cohortSize >= 1) || double.IsPositiveInfinity(cohortSize))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(cohortSize), cohortSize, Guard.Format($"cohortSize must be a finite number of at least 1, but was {cohortSize}."));
        }

        if (percentAlive.Length > 0 && percentAlive[0] != 100)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(percentAlive), percentAlive[0], Guard.Format($"percentAlive[0] must be 100 (the whole cohort is alive at t = 0), but was {percentAlive[0]}."));
        }

        var counts = new double[percentAlive.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            double p = percentAlive[i];
            if (!(p >= 0 && p <= 100))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(percentAlive), p, Guard.Format($"percentAlive[{i}] must be between 0 and 100, but was {p}."));
            }

            counts[i] = p / 100.0 * cohortSize;
        }

        return ShiftedBetaGeometricLikelihood.Fit(counts, nameof(percentAlive), options);
    }

    /// <summary>P(T = t): the probability that a subscriber's last period is t (they churn at the end of period t).</summary>
    /// <param name="t">The period, at least 1.</param>
    /// <returns>B(α + 1, β + t - 1) / B(α, β).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is less than 1.</exception>
    public double ChurnProbability(int t)
    {
        CheckPeriod(t, 1, nameof(t));
        return Survival(t - 1) * Alpha / (Alpha + Beta + (t - 1));
    }

    /// <summary>S(t): the probability that a subscriber is still subscribed at t (has renewed t times).</summary>
    /// <param name="t">The period, at least 0.</param>
    /// <returns>B(α, β + t) / B(α, β); 1 at t = 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative.</exception>
    public double Survival(int t)
    {
        CheckPeriod(t, 0, nameof(t));
        return Math.Exp(ShiftedBetaGeometricSurvival.LnSurvival(Alpha, Beta, t));
    }

    /// <summary>r(t): the probability that a subscriber alive at t - 1 renews at t.</summary>
    /// <param name="t">The period, at least 1.</param>
    /// <returns>(β + t - 1) / (α + β + t - 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is less than 1.</exception>
    public double RetentionRate(int t)
    {
        CheckPeriod(t, 1, nameof(t));
        return (Beta + (t - 1)) / (Alpha + Beta + (t - 1));
    }

    /// <summary>The survival projection S(0), S(1), ..., one value per element of <paramref name="destination"/>; times the cohort size, the expected survivors.</summary>
    /// <param name="destination">Receives S(t) at t = index.</param>
    public void SurvivalCurve(Span<double> destination)
    {
        // The same sum of logs as Survival(t), in the same order, and the same continuation beyond it, so the curve equals the scalar exactly.
        double lnS = 0;
        for (int t = 0; t < destination.Length; t++)
        {
            if (t > ShiftedBetaGeometricSurvival.ProductLimit)
            {
                destination[t] = Math.Exp(ShiftedBetaGeometricSurvival.Continued(Alpha, Beta, lnS, t));
                continue;
            }

            if (t > 0)
            {
                lnS += Math.Log((Beta + (t - 1)) / (Alpha + Beta + (t - 1)));
            }

            destination[t] = Math.Exp(lnS);
        }
    }

    /// <summary>The survival projection S(0), ..., S(<paramref name="periods"/>).</summary>
    /// <param name="periods">The last period, at least 0 and less than <see cref="Array.MaxLength"/> (the curve is one array).</param>
    /// <returns><paramref name="periods"/> + 1 values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative, or not less than <see cref="Array.MaxLength"/>.</exception>
    public double[] SurvivalCurve(int periods)
    {
        CheckPeriod(periods, 0, nameof(periods));
        if (periods >= Array.MaxLength)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(periods), periods, Guard.Format($"periods must be less than {Array.MaxLength} (the largest array length), but was {periods}."));
        }

        var result = new double[periods + 1];
        SurvivalCurve(result);
        return result;
    }

    /// <summary>The retention curve r(1), r(2), ..., one value per element of <paramref name="destination"/>.</summary>
    /// <param name="destination">Receives r(t) at t = index + 1.</param>
    public void RetentionCurve(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            int t = i + 1;
            destination[i] = (Beta + (t - 1)) / (Alpha + Beta + (t - 1));
        }
    }

    /// <summary>Discounted expected lifetime of a new subscriber, in periods, counting the period paid at acquisition.</summary>
    /// <param name="discountRate">The discount rate per contract period, at least 0.</param>
    /// <returns>DEL = 2F1(1, β; α + β; 1 / (1 + d)); at d = 0, the expected lifetime (α + β - 1) / (α - 1), infinite when α ≤ 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discountRate"/> is negative, NaN or infinite.</exception>
    public double DiscountedExpectedLifetime(double discountRate)
    {
        Guard.NonNegative(discountRate);
        double value = HypergeometricOrLimit(Beta, Alpha + Beta, discountRate);
        return discountRate == 0 || ShiftedBetaGeometricLifetime.Plausible(value, Alpha, Beta, 0, discountRate)
            ? value
            : ShiftedBetaGeometricLifetime.Expected(Alpha, Beta, 0, discountRate);
    }

    /// <summary>Discounted expected lifetime of a new subscriber, with the discount rate converted to the contract period.</summary>
    /// <param name="discountRate">The discount rate, in any period.</param>
    /// <param name="contractPeriod">The length of one contract period (the model's period).</param>
    /// <returns>DEL at the rate per <paramref name="contractPeriod"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="contractPeriod"/> is undefined, or the rate per <paramref name="contractPeriod"/> is too large to be a finite number (named <c>period</c>).</exception>
    public double DiscountedExpectedLifetime(DiscountRate discountRate, TimeUnit contractPeriod)
    {
        Guard.Unit(contractPeriod);
        return DiscountedExpectedLifetime(discountRate.RatePer(contractPeriod));
    }

    /// <summary>
    /// Discounted expected residual lifetime, in periods, of a subscriber who has made <paramref name="n"/> - 1
    /// renewals, evaluated at the end of period <paramref name="n"/> just before the n-th renewal decision: the
    /// expected number of further periods paid for, each discounted to now (the next one undiscounted).
    /// </summary>
    /// <param name="n">The renewal about to be decided, at least 1 (1 for a subscriber in their first period).</param>
    /// <param name="discountRate">The discount rate per contract period, at least 0.</param>
    /// <returns>DERL = (β + n - 1) / (α + β + n - 1) 2F1(1, β + n; α + β + n; 1 / (1 + d)).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1, or <paramref name="discountRate"/> is negative, NaN or infinite.</exception>
    public double DiscountedExpectedResidualLifetime(int n, double discountRate)
    {
        CheckPeriod(n, 1, nameof(n));
        Guard.NonNegative(discountRate);
        return DerlCore(n, discountRate);
    }

    /// <summary>Discounted expected residual lifetime, with the discount rate converted to the contract period.</summary>
    /// <param name="n">The renewal about to be decided, at least 1.</param>
    /// <param name="discountRate">The discount rate, in any period.</param>
    /// <param name="contractPeriod">The length of one contract period (the model's period).</param>
    /// <returns>DERL at the rate per <paramref name="contractPeriod"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="contractPeriod"/> is undefined, the rate per <paramref name="contractPeriod"/> is too large to be a finite number (named <c>period</c>), or <paramref name="n"/> is less than 1.</exception>
    public double DiscountedExpectedResidualLifetime(int n, DiscountRate discountRate, TimeUnit contractPeriod)
    {
        Guard.Unit(contractPeriod);
        return DiscountedExpectedResidualLifetime(n, discountRate.RatePer(contractPeriod));
    }

    /// <summary>The expected discounted value of a subscriber still to come: margin per period x DERL.</summary>
    /// <param name="margin">Margin per contract period.</param>
    /// <param name="n">The renewal about to be decided, at least 1.</param>
    /// <param name="discountRate">The discount rate per contract period, at least 0.</param>
    /// <returns><paramref name="margin"/> x DERL(d, n).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public double ResidualValue(double margin, int n, double discountRate)
    {
        Guard.Finite(margin);
        return margin * DiscountedExpectedResidualLifetime(n, discountRate);
    }

    /// <summary>The residual value of each subscriber: margin x DERL at the subscriber's renewal number.</summary>
    /// <param name="margins">Margin per contract period of each subscriber.</param>
    /// <param name="renewals">The renewal each subscriber is about to decide (n, at least 1).</param>
    /// <param name="discountRate">The discount rate per contract period, at least 0.</param>
    /// <param name="destination">Receives the values; same length as <paramref name="margins"/>.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A margin is not finite, a renewal number is below 1, or the rate is invalid.</exception>
    public void ResidualValue(ReadOnlySpan<double> margins, ReadOnlySpan<int> renewals, double discountRate, Span<double> destination)
    {
        Guard.NonNegative(discountRate);
        Guard.SameLength(margins.Length, renewals.Length, nameof(renewals));
        Guard.SameLength(margins.Length, destination.Length);
        int lastN = 0;
        double lastDerl = 0;
        for (int i = 0; i < margins.Length; i++)
        {
            double m = margins[i];
            int n = renewals[i];
            if (!double.IsFinite(m))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(margins), m, Guard.Format($"margins[{i}] must be a finite number, but was {m}."));
            }

            if (n < 1)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(renewals), n, Guard.Format($"renewals[{i}] must be at least 1, but was {n}."));
            }

            if (n != lastN)
            {
                lastDerl = DerlCore(n, discountRate);
                lastN = n;
            }

            destination[i] = m * lastDerl;
        }
    }

    private double DerlCore(int n, double discountRate)
    {
        double value = (Beta + (n - 1)) / (Alpha + Beta + (n - 1)) * HypergeometricOrLimit(Beta + n, Alpha + Beta + n, discountRate);
        return discountRate == 0 || ShiftedBetaGeometricLifetime.Plausible(value, Alpha, Beta + (n - 1), 1, discountRate)
            ? value
            : ShiftedBetaGeometricLifetime.Expected(Alpha, Beta + (n - 1), 1, discountRate);
    }

    /// <summary>2F1(1, b; c; 1 / (1 + d)); at d = 0 Gauss's value (c - 1) / (c - b - 1) when c - b = α &gt; 1, else infinity.</summary>
    private double HypergeometricOrLimit(double b, double c, double discountRate)
    {
        if (discountRate == 0)
        {
            return Alpha > 1 ? (c - 1) / (Alpha - 1) : double.PositiveInfinity;
        }

        // 1 - z = d/(1 + d) exactly: at d = 1e-17, z rounds to 1 and 1 - z to 0 (the value was NaN).
        return Hypergeometric.Hyp2F1(1, b, c, 1 / (1 + discountRate), discountRate / (1 + discountRate));
    }

    private static void CheckPeriod(int t, int min, string paramName)
    {
        if (t < min)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, t, Guard.Format($"{paramName} must be at least {min}, but was {t}."));
        }
    }
}
