using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>How <see cref="PredictionIntervals"/> measures uncertainty: level, number and kind of parameter draws, seed, CLV terms.</summary>
public sealed class PredictionIntervalOptions
{
    /// <summary>The shared default options: 90% intervals from 200 asymptotic draws, seed 0, <see cref="PredictiveClvOptions.Default"/>.</summary>
    public static PredictionIntervalOptions Default { get; } = new();

    /// <summary>The coverage level of every interval (default 0.9: bounds at the 5% and 95% quantiles); in (0, 1).</summary>
    public double Level { get; init; } = 0.9;

    /// <summary>The number of parameter draws (default 200; at least 2 unless <see cref="Uncertainty"/> is <see cref="ParameterUncertainty.None"/>).</summary>
    public int Draws { get; init; } = 200;

    /// <summary>How the parameter draws are made (default <see cref="ParameterUncertainty.Asymptotic"/>).</summary>
    public ParameterUncertainty Uncertainty { get; init; } = ParameterUncertainty.Asymptotic;

    /// <summary>The seed of the draws: the same seed gives the same intervals, on any number of cores.</summary>
    public int Seed { get; init; }

    /// <summary>Horizon, period, discount rate and margin of the CLV intervals (default <see cref="PredictiveClvOptions.Default"/>).</summary>
    public PredictiveClvOptions Clv { get; init; } = PredictiveClvOptions.Default;

    /// <summary>Cancels the computation (checked between bootstrap refits and between chunks of customers).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Checks every option once; errors name the property (<c>options.Draws</c>).</summary>
    internal PredictionIntervalOptions Validate()
    {
        PurchaseModel.CheckLevel(Level, "options.Level");
        if (Uncertainty is < ParameterUncertainty.None or > ParameterUncertainty.Bootstrap)
        {
            ThrowHelper.ArgumentOutOfRange("options.Uncertainty", Uncertainty, Guard.Format($"options.Uncertainty must be None, Asymptotic or Bootstrap, but was {(int)Uncertainty}."));
        }

        if (Uncertainty != ParameterUncertainty.None && Draws < 2)
        {
            ThrowHelper.ArgumentOutOfRange("options.Draws", Draws, Guard.Format($"options.Draws must be at least 2, but was {Draws}."));
        }

        ArgumentNullException.ThrowIfNull(Clv, "options.Clv");
        Clv.Validate("options.Clv");
        return this;
    }
}
