namespace Clv.Probabilistic;

/// <summary>
/// What every fitted repeat-purchase model (BG/NBD, MBG/NBD, Pareto/NBD) predicts for a customer with
/// repeat frequency x, recency t_x and age T, all in the model's <see cref="TimeUnit"/>. Predictive CLV,
/// holdout validation and model comparison work through this interface.
/// </summary>
public interface IPurchaseModel
{
    /// <summary>The unit of time the model was fitted in: recency, age and horizons are in this unit.</summary>
    TimeUnit TimeUnit { get; }

    /// <summary>The probability the customer is still active at age T.</summary>
    /// <param name="frequency">Repeat frequency x (at least 0).</param>
    /// <param name="recency">Recency t_x, in [0, <paramref name="age"/>].</param>
    /// <param name="age">Age T (at least 0).</param>
    /// <returns>P(alive | x, t_x, T), in [0, 1].</returns>
    double ProbabilityAlive(int frequency, double recency, double age);

    /// <summary>Expected repeat purchases in the next <paramref name="time"/> units: E[Y(t) | x, t_x, T].</summary>
    /// <param name="frequency">Repeat frequency x.</param>
    /// <param name="recency">Recency t_x.</param>
    /// <param name="age">Age T.</param>
    /// <param name="time">Horizon t (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <returns>The conditional expectation, at least 0.</returns>
    double ConditionalExpectedPurchases(int frequency, double recency, double age, double time);

    /// <summary>Expected repeat purchases of a new customer in the first <paramref name="time"/> units: E[X(t)].</summary>
    /// <param name="time">Time since the first purchase, in <see cref="TimeUnit"/>.</param>
    /// <returns>The unconditional expectation.</returns>
    double ExpectedPurchases(double time);
}
