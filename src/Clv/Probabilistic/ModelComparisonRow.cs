namespace Clv.Probabilistic;

/// <summary>One candidate model of a <see cref="ModelComparisonReport"/>: how well it fits the calibration data and predicts the holdout.</summary>
public sealed class ModelComparisonRow
{
    internal ModelComparisonRow(string name, PurchaseModel? model, IReadOnlyList<FittedParameter> parameters, double likelihoodLn, double aic, double bic, HoldoutReport? holdout, string? failure)
    {
        Name = name;
        Model = model;
        Parameters = parameters;
        LikelihoodLn = likelihoodLn;
        Aic = aic;
        Bic = bic;
        Holdout = holdout;
        Failure = failure;
    }

    /// <summary>The model's name: "BG/NBD", "MBG/NBD" or "Pareto/NBD".</summary>
    public string Name { get; }

    /// <summary>The fitted model, or null when its fit failed (see <see cref="Failure"/>).</summary>
    public PurchaseModel? Model { get; }

    /// <summary>The fitted parameters with standard errors (empty when the fit failed).</summary>
    public IReadOnlyList<FittedParameter> Parameters { get; }

    /// <summary>The maximised calibration log-likelihood (NaN when the fit failed). Higher is better.</summary>
    public double LikelihoodLn { get; }

    /// <summary>Akaike information criterion 2k - 2 ln L (NaN when the fit failed). Lower is better.</summary>
    public double Aic { get; }

    /// <summary>Bayesian information criterion k ln n - 2 ln L (NaN when the fit failed). Lower is better.</summary>
    public double Bic { get; }

    /// <summary>Holdout validation (predicted against actual repeat purchases), or null without a holdout period or a fitted model.</summary>
    public HoldoutReport? Holdout { get; }

    /// <summary>Why the fit failed (the <see cref="ModelFitException"/> message), or null when it succeeded.</summary>
    public string? Failure { get; }

    /// <summary>Whether the model was fitted.</summary>
    public bool Succeeded => Model is not null;
}
