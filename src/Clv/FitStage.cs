namespace Clv;

/// <summary>The stages of a fit, in order, as reported in <see cref="FitProgress"/>.</summary>
public enum FitStage
{
    /// <summary>Compressing the data into distinct weighted rows and choosing starting points.</summary>
    Preparing = 0,

    /// <summary>Newton iterations towards the maximum of the likelihood.</summary>
    Optimizing = 1,

    /// <summary>Standard errors from the Hessian, and the check for flat directions (ridges) and boundaries.</summary>
    Checking = 2,

    /// <summary>The fit is complete.</summary>
    Done = 3,
}
