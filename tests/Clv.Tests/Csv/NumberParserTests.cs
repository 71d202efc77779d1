using System.Globalization;
using Clv.Csv.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Csv;

public class NumberParserTests
{
    [Theory]
    [InlineData("0.1")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("-.5")]
    [InlineData("123456789012345")]
    [InlineData("1234567890123456")]
    [InlineData("9007199254740993")]
    [InlineData("0.000000000000001")]
    [InlineData("99999999.9999999")]
    [InlineData("1e5")]
    [InlineData("+3")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("∞")]
    public void TryParse_EdgeCases_SameAsDoubleTryParse(string text)
    {
        foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("de-DE"), CultureInfo.GetCultureInfo("sv-SE") })
        {
            bool expectedOk = double.TryParse(text, NumberStyles.Float, culture, out double expected);

            bool ok = new NumberParser(culture).TryParse(text, out double actual);

            Assert.Equal(expectedOk, ok);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
        }
    }

    [Property(MaxTest = 2000)]
    public Property TryParse_RandomDecimalText_BitIdenticalToDoubleTryParse()
    {
        var text = Gen.Elements('0', '1', '5', '9', '.', ',', '-').ArrayOf().Select(c => new string(c));
        return Prop.ForAll(text.ToArbitrary(), s =>
        {
            foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("de-DE") })
            {
                bool expectedOk = double.TryParse(s, NumberStyles.Float, culture, out double expected);
                bool ok = new NumberParser(culture).TryParse(s, out double actual);
                if (ok != expectedOk || BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Property(MaxTest = 2000)]
    public Property TryParse_RandomCents_BitIdenticalToDoubleTryParse()
    {
        return Prop.ForAll(ArbMap.Default.ArbFor<long>(), Gen.Choose(0, 15).ToArbitrary(), (mantissa, scale) =>
        {
            var s = (mantissa / 1000.0 / Math.Pow(10, scale % 8)).ToString("F" + scale, CultureInfo.InvariantCulture);
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected);
            return new NumberParser(CultureInfo.InvariantCulture).TryParse(s, out double actual)
                && BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);
        });
    }
}
