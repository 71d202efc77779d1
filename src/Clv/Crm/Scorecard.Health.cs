using Clv.Probabilistic;

namespace Clv.Crm;

public sealed partial class Scorecard
{
    private static void AddHealth(CustomerSummaries customers, IReadOnlyDictionary<string, double[]>? customSignals, ScorecardOptions options, double[]? alive, Parts parts)
    {
        if (options.Health is null)
        {
            return;
        }

        parts.HealthParts = HealthScore.ScoreWithoutIds(HealthSignals.Create(customers, AliveSignal(customers, options.Purchases, alive), customSignals, options.Health));
    }

    /// <summary>
    /// P(alive) for the health score: the model's, except NaN (missing) for the customers without a repeat purchase when the
    /// model gives every such customer 1. BG/NBD lets customers drop out only just after a repeat purchase, so its P(alive) of a
    /// one-time buyer is 1 whatever their recency; read as health, that made each one-time buyer long gone Amber with P(alive)
    /// as the reason (CDNOW: 1,411 of the 1,636 customers churned at the observation end) and a lead 50 points. Models that let
    /// them drop out (MBG/NBD, Pareto/NBD) give values below 1, which are kept. The <c>alive_probability</c> column is the
    /// model's either way.
    /// </summary>
    internal static double[] AliveSignal(CustomerSummaries customers, PurchaseModel? purchases, double[]? alive)
    {
        if (alive is null || purchases is null || !AliveWithoutRepeatIsOne(purchases))
        {
            return alive ?? [];
        }

        var span = customers.AsSpan();
        var signal = (double[])alive.Clone();
        for (int i = 0; i < signal.Length; i++)
        {
            if (span[i].Frequency == 0)
            {
                signal[i] = double.NaN;
            }
        }

        return signal;
    }

    /// <summary>
    /// Whether the model's P(alive) is 1 for every customer without a repeat purchase (BG/NBD, and BG/NBD with covariates):
    /// checked on the model at ages from a day to ten years rather than by its type, so any model with that property is
    /// recognised and no other is.
    /// </summary>
    private static bool AliveWithoutRepeatIsOne(PurchaseModel purchases)
    {
        foreach (double days in (ReadOnlySpan<double>)[1, 30, 365, 3650])
        {
            if (purchases.ProbabilityAlive(0, 0, days, TimeUnit.Day) != 1)
            {
                return false;
            }
        }

        return true;
    }
}
