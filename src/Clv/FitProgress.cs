namespace Clv;

/// <summary>How far a fit has come: its stage, and the fraction of the whole fit done.</summary>
/// <param name="Stage">The stage the fit is in.</param>
/// <param name="Fraction">The fraction of the whole fit done, in [0, 1]; never decreases during one fit, and is 1 at <see cref="FitStage.Done"/>.</param>
/// <param name="Iteration">Newton iterations so far (over all starting points).</param>
public readonly record struct FitProgress(FitStage Stage, double Fraction, int Iteration);
