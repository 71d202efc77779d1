namespace Clv.Lifecycle;

/// <summary>
/// The probability that a customer is still active given the buy-till-you-die statistics (x, t_x, T), for example
/// a BG/NBD model's P(alive). Used by <see cref="LifecyclePolicy.FromAliveProbability"/>, which asks it only about
/// repeat buyers (x &gt;= 1): one-time buyers are classified by the day thresholds (see <see cref="LifecyclePolicy"/>).
/// </summary>
/// <param name="frequency">Repeat purchase days x up to the classification date (at least 1 when called by a policy).</param>
/// <param name="recency">Time t_x from the first to the last purchase day, in <paramref name="timeUnit"/>.</param>
/// <param name="age">Time T from the first purchase day to the classification date, in <paramref name="timeUnit"/>.</param>
/// <param name="timeUnit">The unit of <paramref name="recency"/> and <paramref name="age"/>: the summaries' <see cref="TimeUnit"/>. A
/// provider whose rates are in another unit converts (a fitted model's
/// <c>ProbabilityAlive(int, double, double, TimeUnit)</c> does, so pass <c>model.ProbabilityAlive</c>).</param>
/// <returns>A probability in [0, 1].</returns>
public delegate double AliveProbability(int frequency, double recency, double age, TimeUnit timeUnit);
