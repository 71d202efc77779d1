using System.Globalization;
using System.Text;
using Clv.Csv;

namespace Clv.Tests.Csv;

/// <summary>
/// Differential test of the CSV reader against <see cref="ReferenceCsv"/> over generated files (issue 13): stray and
/// doubled quotes, quoted line breaks, quotes and CR LF at buffer edges (tiny buffers, a trickling stream, and
/// CR LF across the 64K buffer boundary), invalid UTF-8, double byte order marks, blank lines, records over small
/// caps. Strict and lenient, Read and ReadInto: no row imported from a rejected record, no valid row lost, strict
/// errors at the right line, every message under the cap.
/// </summary>
public class TransactionCsvDifferentialTests
{
    private const int Files = 10_000;
    private const int MessageCap = 1_000;
    private static readonly DateOnly ObservationEnd = new(2030, 1, 1);

    [Fact]
    public void ReadAndReadInto_GeneratedFiles_AgreeWithAnIndependentReader()
    {
        var failures = new List<string>();
        int rowsChecked = 0, rejectionsChecked = 0, fileErrors = 0;
        var byColumn = new Dictionary<string, int>();
        for (int seed = 0; seed < Files && failures.Count < 5; seed++)
        {
            var file = Generate(seed);
            var expected = ReferenceCsv.Read(file.Bytes, file.Whitespace, file.Options.MaxRecordLength, file.Options.MaxRecordLines);
            try
            {
                Check(file, expected);
            }
            catch (Exception e)
            {
                failures.Add($"seed {seed}: {e.Message}\nfile: {Show(ReferenceCsv.Decode(file.Bytes))}");
            }

            rowsChecked += expected.Rows.Count;
            rejectionsChecked += expected.Rejected.Count;
            foreach (var r in expected.Rejected)
            {
                byColumn[r.Column ?? "(record)"] = byColumn.GetValueOrDefault(r.Column ?? "(record)") + 1;
            }

            fileErrors += expected.FileErrorLine is null ? 0 : 1;
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));

        // The corpus must exercise both outcomes in volume, or the test proves little.
        Assert.True(rowsChecked > 100_000 && rejectionsChecked > 30_000 && fileErrors > 100, $"rows {rowsChecked}, rejections {rejectionsChecked} ({string.Join(", ", byColumn)}), file errors {fileErrors}");
    }

    [Fact]
    public void ReadAndReadInto_CrLfAndQuotesAcrossThe64KBufferBoundary_AgreeWithAnIndependentReader()
    {
        // Default buffer (64K characters): rows padded so that a CR LF, a quote or a quoted line break falls on
        // either side of character 65,536 (and 131,072, after the buffer grew for a long record).
        string[] tails = ["\r\n", "\"q\r\nq\",2024-01-02,1\r\n", "\"\",2024-01-02,1\n", "x\"y,2024-01-02,1\r\n", "\r"];
        int cases = 0;
        foreach (int boundary in new[] { 1 << 16, 1 << 17 })
        {
            for (int shift = -3; shift <= 3; shift++)
            {
                foreach (string tail in tails)
                {
                    var text = new StringBuilder("customer_id,date,amount\r\n");
                    while (text.Length < boundary + shift - 40)
                    {
                        text.Append(CultureInfo.InvariantCulture, $"c{text.Length % 97},2024-01-01,{text.Length % 13}\r\n");
                    }

                    text.Append('p', Math.Max(0, boundary + shift - text.Length)).Append(",2024-01-03,1").Append(tail).Append("z,2024-01-04,2\r\n");
                    var file = new GeneratedFile(Encoding.UTF8.GetBytes(text.ToString()), false, new TransactionCsvOptions(), 0);
                    Check(file, ReferenceCsv.Read(file.Bytes, false, file.Options.MaxRecordLength, file.Options.MaxRecordLines));
                    cases++;
                }
            }
        }

        Assert.Equal(70, cases);
    }

    private static void Check(GeneratedFile file, ReferenceCsv.Expected expected)
    {
        var lenient = With(file.Options, CsvReadMode.Lenient);
        var strict = With(file.Options, CsvReadMode.Strict);

        // Lenient Read: exactly the expected rows (each from its own record) and rejections.
        if (expected.FileErrorLine is { } fileLine)
        {
            AssertFails(fileLine, () => TransactionCsv.Read(file.Stream(), lenient));
            AssertFails(fileLine, () => TransactionCsv.ReadInto(file.Stream(), NewBuilder(), lenient));
            AssertFails(fileLine, () => TransactionCsv.Read(file.Stream(), strict));
            return;
        }

        var log = TransactionCsv.Read(file.Stream(), lenient);
        Same("rows", expected.Rows.Select(r => (r.Id, r.Date, r.Amount)), log.Transactions.ToArray().Select(t => (t.CustomerId, t.Date, t.Amount)));
        Same("rejections", expected.Rejected.Select(r => (r.LineNumber, r.Column, r.RawText)), log.Rejected.Select(r => (r.LineNumber, r.Column, r.RawText)));
        Assert.All(log.Rejected, r => Assert.True(r.RawText.Length <= 230 && r.Reason.Length <= 400, r.ToString()));

        // Lenient ReadInto: the same rows in the builder.
        var builder = NewBuilder();
        var report = TransactionCsv.ReadInto(file.Stream(), builder, lenient);
        Assert.Equal(expected.Rows.Count, report.Imported);
        Assert.Equal(expected.Rows.Count, builder.TransactionCount);
        Same("rejections of ReadInto", log.Rejected, report.Rejected);
        if (expected.Rows.Count > 0)
        {
            var rows = expected.Rows.Select(r => new Transaction(r.Id, r.Date, r.Amount)).ToArray();
            Assert.True(CustomerSummariesPropertyTests.SameSummaries(CustomerSummaries.FromTransactions(rows, ObservationEnd, TimeUnit.Day), builder.Build()));
        }

        // Strict: fails at the first rejected record, after importing exactly the rows before it.
        var strictBuilder = NewBuilder();
        if (expected.StrictErrorLine is { } line)
        {
            AssertFails(line, () => TransactionCsv.Read(file.Stream(), strict));
            AssertFails(line, () => TransactionCsv.ReadInto(file.Stream(), strictBuilder, strict));
            Assert.Equal(expected.RowsBeforeStrictError, strictBuilder.TransactionCount);
        }
        else
        {
            Assert.Equal(log.Count, TransactionCsv.Read(file.Stream(), strict).Count);
            Assert.Equal(log.Count, TransactionCsv.ReadInto(file.Stream(), strictBuilder, strict).Imported);
        }
    }

    /// <summary>Sequence equality without the cost of xUnit's structural comparison on every file; the first difference on failure.</summary>
    private static void Same<T>(string what, IEnumerable<T> expected, IEnumerable<T> actual)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        if (!e.SequenceEqual(a))
        {
            int i = 0;
            while (i < e.Count && i < a.Count && EqualityComparer<T>.Default.Equals(e[i], a[i]))
            {
                i++;
            }

            Assert.Fail($"{what} differ at {i}: expected {(i < e.Count ? e[i] : "(end)")}, actual {(i < a.Count ? a[i] : "(end)")} ({e.Count} vs {a.Count})");
        }
    }

    private static void AssertFails(long line, Func<object> read)
    {
        var e = Assert.Throws<CsvFormatException>(read);
        Assert.Equal(line, e.LineNumber);
        Assert.True(e.Message.Length <= MessageCap && e.RawText.Length <= 230, $"message of {e.Message.Length} characters: {e.Message[..Math.Min(300, e.Message.Length)]}");
    }

    private static CustomerSummariesBuilder NewBuilder() => new(ObservationEnd, TimeUnit.Day);

    private static TransactionCsvOptions With(TransactionCsvOptions o, CsvReadMode mode) => new()
    {
        WhitespaceDelimited = o.WhitespaceDelimited,
        MaxRecordLength = o.MaxRecordLength,
        MaxRecordLines = o.MaxRecordLines,
        BufferSize = o.BufferSize,
        Mode = mode,
    };

    private static string Show(string text) => text.Length > 2000 ? MessageTextForTests(text[..2000]) + "..." : MessageTextForTests(text);

    private static string MessageTextForTests(string text) =>
        text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\uFEFF", "\\ufeff", StringComparison.Ordinal);

    /// <summary>A generated file: its bytes, its mode and caps, and how its stream hands out bytes.</summary>
    private sealed record GeneratedFile(byte[] Bytes, bool Whitespace, TransactionCsvOptions Options, int Trickle)
    {
        public Stream Stream() => Trickle == 0 ? new MemoryStream(Bytes) : new TrickleStream(Bytes, Trickle);
    }

    private static GeneratedFile Generate(int seed)
    {
        var rng = new Random(seed);
        bool whitespace = rng.Next(10) == 0;
        bool smallCaps = rng.Next(6) == 0;
        var options = new TransactionCsvOptions
        {
            WhitespaceDelimited = whitespace,
            MaxRecordLength = smallCaps ? rng.Next(16, 160) : 1 << 20,
            MaxRecordLines = smallCaps ? rng.Next(1, 5) : 1_000,
            BufferSize = rng.Next(4) == 0 ? 1 << 16 : rng.Next(1, 64),
        };
        var bytes = new List<byte>();
        int boms = rng.Next(20) switch { 0 => 2, < 8 => 1, _ => 0 };
        for (int i = 0; i < boms; i++)
        {
            bytes.AddRange([0xEF, 0xBB, 0xBF]);
        }

        string sep = whitespace ? Pick(rng, " ", "\t", "   ") : ",";
        for (int i = rng.Next(3); i > 0; i--)
        {
            Add(bytes, Pick(rng, "", "  ", "\t") + Newline(rng));
        }

        string header = whitespace ? string.Join(sep, "customer_id", "date", "amount") : rng.Next(12) > 0
            ? Pick(rng, "customer_id,date,amount", "\"customer_id\",\"date\",\"amount\"", " customer_id , Date ,AMOUNT", "note,customer_id,date,amount")
            : Pick(rng, "customer_id,date", "\"customer_id,date,amount", "customer_id,\"date\"x,amount");
        bool note = header.StartsWith("note", StringComparison.Ordinal);
        Add(bytes, header);
        int rows = rng.Next(0, 56);
        for (int r = 0; r < rows; r++)
        {
            Add(bytes, Newline(rng));
            if (rng.Next(20) == 0)
            {
                Add(bytes, Pick(rng, "", " ", "\t \t", "x\"", "\"", "\"unclosed,2024-01-01,1", "\"\"", "a,b\"c\"d,e"));
                continue;
            }

            string id = Pick(rng, "c1", "c2", "c3", "Ärger", "c" + rng.Next(200));
            string idField = whitespace ? id : rng.Next(30) switch
            {
                0 => "\"" + id + "\"",
                1 => "\"" + id + ", jr\"",
                2 => "\"" + id + "\"\"q\"",
                3 => "\"" + id + Newline(rng) + "x\"",
                4 => " \"" + id + "\" ",
                5 => id + "\"",
                6 => "\"" + id + "\"x",
                7 => "",
                8 => "  ",
                _ => id,
            };
            string date = new DateOnly(2024, 1, 1).AddDays(rng.Next(400)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            string dateField = rng.Next(24) switch
            {
                0 => "2024-13-01",
                1 => whitespace ? date : "\"" + date + "\"",
                2 => " " + date + " ",
                3 => "\"2024-01-0" + Newline(rng) + "1\"",
                _ => date,
            };
            string amount = (rng.Next(-500, 5000) / 100.0).ToString("R", CultureInfo.InvariantCulture);
            string amountField = rng.Next(24) switch
            {
                0 => "x",
                1 => "NaN",
                2 => "1e400",
                3 => whitespace ? amount : "\"" + amount + "\"",
                4 => new string('9', rng.Next(20, 150)),
                _ => amount,
            };
            var fields = new List<string> { idField, dateField, amountField };
            if (note)
            {
                fields.Insert(0, Pick(rng, "n", "", "\"a note, with a comma\""));
            }

            if (rng.Next(20) == 0)
            {
                fields.RemoveAt(fields.Count - 1);
            }

            if (rng.Next(15) == 0)
            {
                fields.Add(Pick(rng, "extra", "\"ex,tra\"", "bad\"quote"));
            }

            string record = string.Join(sep, fields);
            if (rng.Next(25) == 0)
            {
                // Invalid UTF-8 somewhere in the row (never at the start of the file).
                int at = rng.Next(record.Length + 1);
                Add(bytes, record[..at]);
                bytes.AddRange(Pick(rng, new byte[] { 0xC3, 0x28 }, [0xFF], [0xE2, 0x82], [0xED, 0xA0, 0x80]));
                Add(bytes, record[at..]);
            }
            else
            {
                Add(bytes, record);
            }
        }

        if (rng.Next(3) > 0)
        {
            Add(bytes, Newline(rng));
        }

        int trickle = rng.Next(3) == 0 ? rng.Next(1, 9) : 0;
        return new GeneratedFile([.. bytes], whitespace, options, trickle);
    }

    private static string Newline(Random rng) => Pick(rng, "\n", "\r\n", "\r\n", "\r");

    private static T Pick<T>(Random rng, params T[] items) => items[rng.Next(items.Length)];

    private static void Add(List<byte> bytes, string text) => bytes.AddRange(Encoding.UTF8.GetBytes(text));

    /// <summary>A stream that hands out at most a few bytes per read, so decoded characters arrive in small pieces.</summary>
    private sealed class TrickleStream(byte[] bytes, int most) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, most));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, most)]);
    }
}
