using System.Diagnostics.CodeAnalysis;

namespace Clv.Plots.Internal;

/// <summary>Throws for an option property path (<c>options.Width</c>), which is not a parameter of the throwing method.</summary>
internal static class Throw
{
    [DoesNotReturn]
    public static void Option(string property, string message) => throw new ArgumentException(message, property);

    [DoesNotReturn]
    public static void OptionRange(string property, object value, string message) => throw new ArgumentOutOfRangeException(property, value, message);

    public static ArgumentException OptionError(string property, string message) => new(message, property);
}
