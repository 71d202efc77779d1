namespace Clv.Probabilistic;

/// <summary>One candidate model of a <see cref="ModelComparisonReport"/>: how well it fits the calibration data and predicts the holdout.</summary>
/// <param name="Name">The model's name: "BG/NBD", "MBG/NBD" or "Pareto/NBD".</param>
/// <param name="Model">The fitted model, or null when its fit failed (see <paramref name="Failure"/>).</param>
/// <param name="Status">What kind of maximum the fit found (see <see cref="FitStatus"/>); <see cref="FitStatus.Converged"/> when the fit failed.</param>
/// <param name="StatusMessage">The fit's sentence on how it ended (empty when the fit failed).</param>
/// <param name="Parameters">The fitted parameters with standard errors (empty when the fit failed).</param>
/// <param name="LikelihoodLn">The maximised calibration log-likelihood (NaN when the fit failed). Higher is better.</param>
/// <param name="Aic">Akaike information criterion 2k − 2 ln L (NaN when the fit failed). Lower is better.</param>
/// <param name="Bic">Bayesian information criterion k ln n − 2 ln L (NaN when the fit failed). Lower is better.</param>
/// <param name="Holdout">Holdout validation (predicted against actual repeat purchases), or null without a holdout period or a fitted model.</param>
/// <param name="Failure">Why the fit failed (the <see cref="ModelFitException"/> message), or null when it succeeded.</param>
public readonly record struct ModelComparisonRow(
    string Name,
    PurchaseModel? Model,
    FitStatus Status,
    string StatusMessage,
    IReadOnlyList<FittedParameter> Parameters,
    double LikelihoodLn,
    double Aic,
    double Bic,
    HoldoutReport? Holdout,
    string? Failure)
{
    /// <summary>Whether the model was fitted.</summary>
    public bool Succeeded => Model is not null;
}
