using Clv.Internal;

namespace Clv.Crm;

/// <summary>
/// A user-supplied per-customer health signal (product usage, support tickets, NPS, ...): its name, weight, direction and
/// normalisation. Declare it in <see cref="HealthScoreOptions.CustomSignals"/> and pass its values, aligned with the
/// customers, under the same name to <see cref="HealthSignals.Create"/>.
/// </summary>
public sealed class CustomHealthSignal
{
    /// <summary>Declares a signal.</summary>
    /// <param name="name">The signal's name (ordinal; not empty, and not one of the built-in names such as <c>recency</c>).</param>
    /// <param name="weight">The signal's weight before normalisation: finite and at least 0 (0 leaves the signal out).</param>
    public CustomHealthSignal(string name, double weight)
    {
        Name = name;
        Weight = weight;
    }

    /// <summary>The signal's name, as the key of its values and as a customer's <see cref="CustomerHealth.Reason"/>.</summary>
    public string Name { get; }

    /// <summary>The weight before normalisation (the supplied signals' weights are divided by their sum).</summary>
    public double Weight { get; }

    /// <summary>Whether a higher value is healthier (usage, NPS): true, the default. False for signals where lower is better (support tickets): the normalised value is then 1 minus the scaled value.</summary>
    public bool HigherIsBetter { get; init; } = true;

    /// <summary>How values are normalised to [0, 1]. Default <see cref="SignalScaling.PercentileRank"/>.</summary>
    public SignalScaling Scaling { get; init; } = SignalScaling.PercentileRank;

    /// <summary>The fixed lower bound for <see cref="SignalScaling.MinMax"/>; null (the default) takes the smallest value among the customers. Set both bounds or neither.</summary>
    public double? Minimum { get; init; }

    /// <summary>The fixed upper bound for <see cref="SignalScaling.MinMax"/>; null (the default) takes the largest value among the customers. Set both bounds or neither.</summary>
    public double? Maximum { get; init; }

    /// <summary>Checks the declaration; errors name the property path.</summary>
    /// <param name="path">The declaration's path, such as <c>options.CustomSignals[0]</c>.</param>
    internal void Validate(string path)
    {
        if (string.IsNullOrEmpty(Name))
        {
            ThrowHelper.Argument("options", Guard.Format($"{path}.Name must not be null or empty."));
        }

        if (!(Weight >= 0) || double.IsPositiveInfinity(Weight))
        {
            ThrowHelper.ArgumentOutOfRange(path + ".Weight", Weight, Guard.Format($"{path}.Weight ('{Name}') must be a finite number of at least 0, but was {Weight}."));
        }

        if (Scaling is not (SignalScaling.MinMax or SignalScaling.PercentileRank))
        {
            ThrowHelper.ArgumentOutOfRange(path + ".Scaling", Scaling, Guard.Format($"{path}.Scaling ('{Name}') must be MinMax or PercentileRank, but was {(int)Scaling}."));
        }

        if (Minimum.HasValue != Maximum.HasValue || (Minimum.HasValue && Scaling != SignalScaling.MinMax))
        {
            ThrowHelper.Argument("options", Guard.Format($"{path} ('{Name}'): set both Minimum and Maximum, and only with Scaling MinMax (Minimum {Minimum}, Maximum {Maximum}, Scaling {Scaling})."));
        }

        if (Minimum is { } min && Maximum is { } max && !(double.IsFinite(min) && double.IsFinite(max) && max > min))
        {
            ThrowHelper.ArgumentOutOfRange(path + ".Maximum", max, Guard.Format($"{path} ('{Name}'): Minimum and Maximum must be finite with Maximum > Minimum, but were {min} and {max}."));
        }
    }
}
