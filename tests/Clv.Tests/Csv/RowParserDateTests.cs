using System.Globalization;
using Clv.Csv;
using Clv.Csv.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Csv;

/// <summary>
/// The reader's fast path for "yyyy-MM-dd" dates (eight digits read at fixed places) accepts exactly the fields, and gives
/// exactly the dates, that <see cref="DateOnly.TryParseExact(ReadOnlySpan{char}, ReadOnlySpan{char}, IFormatProvider?, DateTimeStyles, out DateOnly)"/> does after
/// trimming spaces and tabs; and the trimming's shortcut (ends above ' ') trims exactly what the loop does.
/// </summary>
public class RowParserDateTests
{
    private const string Alphabet = "0123456789-/ :T\t+a\u0663\uFF10\u0001.";

    [Property(MaxTest = 3000)]
    public void IsoDate_AcceptsExactlyWhatTryParseExactAccepts(int dayNumber, int mutations, int seed)
    {
        var rng = new Random(seed);
        var date = DateOnly.FromDayNumber((int)((uint)dayNumber % (uint)DateOnly.MaxValue.DayNumber));
        var text = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture).ToCharArray().ToList();

        // Up to three edits: a character replaced, inserted or removed (from an alphabet of digits, separators,
        // whitespace, control characters and non-ASCII digits), so both shapes that are nearly dates and invalid
        // calendar dates (month 13, day 31 of a 30-day month, 29 February) occur.
        for (int k = 0; k < (int)((uint)mutations % 4); k++)
        {
            char c = Alphabet[rng.Next(Alphabet.Length)];
            int at = rng.Next(text.Count + 1);
            switch (rng.Next(3))
            {
                case 0 when at < text.Count:
                    text[at] = c;
                    break;
                case 1:
                    text.Insert(at, c);
                    break;
                default:
                    if (at < text.Count)
                    {
                        text.RemoveAt(at);
                    }

                    break;
            }
        }

        Check(new string([.. text]));
    }

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("2023-02-29")]
    [InlineData("2100-02-29")]
    [InlineData("2000-02-29")]
    [InlineData("2024-04-31")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("2024-01-00")]
    [InlineData("0000-01-01")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData(" 2024-01-02\t")]
    [InlineData("2024-1-02")]
    [InlineData("2024/01/02")]
    [InlineData("2024-01-0\u0663")]
    [InlineData("\u00012024-01-02")]
    [InlineData("2024-01-02 ")]
    [InlineData("20240102")]
    public void IsoDate_EdgeCases_SameAsTryParseExact(string field) => Check(field);

    /// <summary>
    /// Each digit replaced by the characters just above '9' (':' to '?'), which a digit test of the form c - '0' &lt;= 9 must
    /// reject: read as digits 10 to 15 they would still give valid dates ("1999-01-1:" as 20 January).
    /// </summary>
    [Fact]
    public void IsoDate_CharactersAboveNine_AreNotDigits()
    {
        const string date = "1999-01-01";
        foreach (int at in new[] { 0, 1, 2, 3, 5, 6, 8, 9 })
        {
            for (char c = ':'; c <= '?'; c++)
            {
                var text = date.ToCharArray();
                text[at] = c;
                Check(new string(text));
            }
        }
    }

    /// <summary>Every day from 0001-01-01 to 9999-12-31 reads as itself, and days 29 to 31 of every month of 400 years (a whole leap cycle) are accepted exactly when they exist.</summary>
    [Fact]
    public void IsoDate_EveryDayOfTheCalendar_ReadsAsItself()
    {
        var parser = Parser();
        Span<char> text = stackalloc char[10];
        for (int n = DateOnly.MinValue.DayNumber; n <= DateOnly.MaxValue.DayNumber; n++)
        {
            var day = DateOnly.FromDayNumber(n);
            Assert.True(day.TryFormat(text, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (!parser.TryParse("c", text, "1", default, "c", 2, out _, out var parsed, out _) || parsed != day)
            {
                Assert.Fail($"{text.ToString()} read as {parsed} (day number {n})");
            }
        }

        for (int y = 1600; y < 2000; y++)
        {
            for (int m = 1; m <= 12; m++)
            {
                for (int d = 29; d <= 32; d++)
                {
                    string field = FormattableString.Invariant($"{y:0000}-{m:00}-{d:00}");
                    bool ok = parser.TryParse("c", field, "1", default, "c", 2, out _, out var parsed, out _);
                    Assert.Equal(d <= DateTime.DaysInMonth(y, m), ok);
                    Assert.True(!ok || parsed == new DateOnly(y, m, d), field);
                }
            }
        }
    }

    private static RowParser Parser()
    {
        var options = new TransactionCsvOptions { Mode = CsvReadMode.Lenient, HasHeader = false, CustomerIdIndex = 0, DateIndex = 1, AmountIndex = 2 };
        return new RowParser(options, new Rejections(strict: false)) { Columns = ColumnMap.FromIndices(options) };
    }

    private static void Check(string field)
    {
        bool ok = Parser().TryParse("c1", field, "1.5", default, "c1," + field + ",1.5", 2, out var id, out var date, out double amount);

        string trimmed = field.Trim(' ', '\t');
        bool expectedOk = DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected);
        Assert.True(expectedOk == ok, $"field '{field}': expected {(expectedOk ? "accepted" : "rejected")}, but was {(ok ? "accepted" : "rejected")}");
        if (ok)
        {
            Assert.Equal(expected, date);
            Assert.Equal("c1", id.ToString());
            Assert.Equal(1.5, amount);
        }
    }
}
