namespace Clv;

/// <summary>
/// A model could not be fitted: the data cannot identify it (no repeat purchase, too few customers), no starting point led to a
/// maximum within the iteration cap, or the likelihood could not be evaluated. The message says which, with the figures.
/// </summary>
public sealed class ModelFitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelFitException()
    {
    }

    /// <summary>Creates the exception with a message that says why the fit failed.</summary>
    /// <param name="message">The reason.</param>
    public ModelFitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    /// <param name="message">The reason.</param>
    /// <param name="innerException">The cause.</param>
    public ModelFitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
