using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clv.Orleans.Internal;

/// <summary>
/// Doubles in a job definition's JSON as text that reads back as them: the serializer's shortest text, except ±2^-25 and
/// ±2^-958, whose shortest .NET text reads as the double below them (the core library's writers make the same exception),
/// written with 17 significant digits.
/// </summary>
internal sealed class RoundTripDoubleConverter : JsonConverter<double>
{
    /// <summary>A number, finite: a literal beyond a double's range (1e400) would be read as infinity.</summary>
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double value) && double.IsFinite(value)
            ? value
            : throw new JsonException(reader.TokenType == JsonTokenType.Number ? "The number is beyond the range of a double." : "The value is not a number.");

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        if ((bits & ((1UL << 52) - 1)) == 0 && ((bits >> 52) & 0x7FF) is 1023 - 25 or 1023 - 958)
        {
            writer.WriteRawValue(value.ToString("G17", CultureInfo.InvariantCulture), skipInputValidation: true);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }
}
