using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>
/// <see cref="ThrowHelper"/> directly: each helper throws the documented exception type with the parameter, the value and the
/// message it was given (the whole message, with .NET's parameter suffix), so no helper can swap its arguments unseen.
/// </summary>
public class ThrowHelperTests
{
    [Fact]
    public void ArgumentOutOfRange_CarriesParameterValueAndMessage()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ThrowHelper.ArgumentOutOfRange("options.Draws", 0, "Draws must be positive."));
        Assert.Equal("options.Draws", ex.ParamName);
        Assert.Equal(0, ex.ActualValue);
        Assert.Equal("Draws must be positive. (Parameter 'options.Draws')\nActual value was 0.", ex.Message.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Argument_CarriesParameterAndMessage()
    {
        var ex = Assert.Throws<ArgumentException>(() => ThrowHelper.Argument("rules", "A segment map needs at least one rule."));
        Assert.Equal("rules", ex.ParamName);
        Assert.Equal("A segment map needs at least one rule. (Parameter 'rules')", ex.Message);
    }

    [Theory]
    [InlineData(3, 2, "Destination length (2) must equal source length (3).")]
    [InlineData(1000, 12345, "Destination length (12345) must equal source length (1000).")]
    public void LengthMismatch_NamesBothLengths(int expected, int actual, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => ThrowHelper.LengthMismatch("destination", expected, actual));
        Assert.Equal("destination", ex.ParamName);
        Assert.Equal(message + " (Parameter 'destination')", ex.Message);
    }

    [Fact]
    public void InvalidOperation_CarriesTheMessage()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ThrowHelper.InvalidOperation("The model has not been fitted."));
        Assert.Equal("The model has not been fitted.", ex.Message);
    }
}
