namespace Clv.Probabilistic;

/// <summary>One row of the calibration-vs-holdout table: the customers with one calibration frequency.</summary>
/// <param name="Frequency">The calibration repeat frequency x of the row; the last row holds x ≥ this (see <paramref name="IsOpenEnded"/>).</param>
/// <param name="IsOpenEnded">True for the last row ("7+"), which pools every higher frequency.</param>
/// <param name="Customers">Customers in the row.</param>
/// <param name="ActualMean">Mean actual repeat purchase days in the holdout period.</param>
/// <param name="PredictedMean">Mean predicted E[Y(holdout length) | x, t_x, T].</param>
public readonly record struct HoldoutRow(int Frequency, bool IsOpenEnded, long Customers, double ActualMean, double PredictedMean)
{
    /// <summary>The row label: "0", "1", ... and "7+" for the open-ended row.</summary>
    public string Label => IsOpenEnded
        ? Frequency.ToString(System.Globalization.CultureInfo.InvariantCulture) + "+"
        : Frequency.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
