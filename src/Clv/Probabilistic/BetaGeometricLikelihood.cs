using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>The BG/NBD and MBG/NBD log-likelihood over compressed (x, t_x, T) rows, for <see cref="MaximumLikelihood"/>.</summary>
internal sealed class BetaGeometricLikelihood : LikelihoodProblem
{
    private readonly bool _modified;
    private readonly HistoryRows _rows;

    /// <param name="modified">MBG/NBD when true.</param>
    /// <param name="modelName">"BG/NBD" or "MBG/NBD".</param>
    /// <param name="rows">The compressed data.</param>
    /// <exception cref="ModelFitException">No customer with a purchase, or no repeat purchase at all.</exception>
    public BetaGeometricLikelihood(bool modified, string modelName, HistoryRows rows)
        : base(modelName, ["r", "alpha", "a", "b"], [1, rows.RequireRepeatPurchases(modelName), 1, 1], rows.TotalWeight, rows.Count)
    {
        _modified = modified;
        _rows = rows;
        double scale = Reference[1];
        Starts = [[1, scale, 1, 1], [0.25, 0.25 * scale, 0.8, 2.5], [0.1, 0.1 * scale, 0.5, 5], [3, 3 * scale, 2, 10]];
    }

    public override IReadOnlyList<double[]> Starts { get; }

    public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
    {
        Span<double> p = stackalloc double[4];
        for (int i = 0; i < 4; i++)
        {
            p[i] = Math.Exp(theta[i]);
        }

        double ll = BetaGeometric.TotalLogLikelihood(_modified, _rows, p, gradient, cancellationToken);
        for (int i = 0; i < 4; i++)
        {
            gradient[i] *= p[i];
        }

        return ll;
    }

    public override string? DescribeBoundary(ReadOnlySpan<double> estimates, ReadOnlySpan<bool> atBound)
    {
        if (atBound[2] || atBound[3])
        {
            return Guard.Format($"The mean dropout probability after a purchase, a/(a + b) = {estimates[2] / (estimates[2] + estimates[3]):G4}, is what the data determine.");
        }

        return atBound[0] || atBound[1]
            ? Guard.Format($"Purchase rates look the same for every customer; the mean rate r/α = {estimates[0] / estimates[1]:G4} per time unit is what the data determine.")
            : null;
    }
}
