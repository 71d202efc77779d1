using System.Globalization;
using System.Text;
using Clv.Csv;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Csv;

public class TransactionCsvPropertyTests
{
    private const string Header = "customer_id,date,amount";

    // Characters a corruption may write: field text, delimiters, signs, separators and a few nasty ones
    // (no quotes or line breaks, so that every non-blank line stays one row and the expected count is known).
    private const string Noise = "aZ09,;.-+eE \tNI\u00e9\uFFFD";

    [Property(MaxTest = 200)]
    public Property Read_LenientCorruptedFile_EveryNonBlankDataLineImportedOrRejected()
    {
        var corruption = Gen.Choose(0, 10_000).Two().Select(p => (Position: p.Item1, Noise: Noise[p.Item2 % Noise.Length]));
        var gen =
            from rows in Gen.Choose(0, 30)
            from seed in Gen.Choose(0, int.MaxValue)
            from edits in corruption.ListOf()
            from newline in Gen.Elements("\n", "\r\n")
            select (rows, seed, edits, newline);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var lines = CleanLines(c.rows, c.seed);
            var chars = string.Join("\n", lines).ToCharArray();
            int headerEnd = Header.Length;
            foreach (var (position, noise) in c.edits)
            {
                if (chars.Length > headerEnd + 1)
                {
                    int at = headerEnd + 1 + (position % (chars.Length - headerEnd - 1));
                    if (chars[at] != '\n')
                    {
                        chars[at] = noise;
                    }
                }
            }

            var corrupted = new string(chars).Split('\n');
            long expectedRows = corrupted.Skip(1).Count(l => l.Trim(' ', '\t').Length > 0);
            var text = string.Join(c.newline, corrupted);

            var log = CsvText.Read(text, CsvText.Lenient);
            long firstRejected = log.Rejected.Count == 0 ? 0 : log.Rejected.Min(r => r.LineNumber);
            long? strictLine = null;
            try
            {
                _ = CsvText.Read(text);
            }
            catch (CsvFormatException e)
            {
                strictLine = e.LineNumber;
            }

            return (log.Count + log.Rejected.Count == expectedRows)
                .Label($"imported {log.Count} + rejected {log.Rejected.Count} != {expectedRows} data lines")
                .And((log.RowsRead == expectedRows).Label("RowsRead"))
                .And((strictLine == (log.Rejected.Count == 0 ? null : firstRejected)).Label($"strict failed at {strictLine}, lenient first rejection {firstRejected}"))
                .And(log.Rejected.All(r => r.LineNumber >= 2 && r.LineNumber <= corrupted.Length).Label("rejected line numbers in range"));
        });
    }

    [Property(MaxTest = 100)]
    public Property Read_WrittenTransactions_RoundTrip()
    {
        var row =
            from id in Gen.Elements("A", "b b", "C,1", "d\"q", "Ü")
            from day in Gen.Choose(0, 20_000)
            from cents in Gen.Choose(-1_000_000, 1_000_000)
            select new Transaction(id, DateOnly.FromDayNumber(700_000 + day), cents / 100.0);
        return Prop.ForAll(row.ArrayOf().ToArbitrary(), rows =>
        {
            var text = new StringWriter();
            TransactionCsv.Write(text, rows);
            var log = CsvText.Read(text.ToString());
            return log.Transactions.ToArray().SequenceEqual(rows);
        });
    }

    private static List<string> CleanLines(int rows, int seed)
    {
        var lines = new List<string> { Header };
        for (int i = 0; i < rows; i++)
        {
            int v = (int)((uint)(seed + (i * 7919)) % 100_000);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"C{v % 97},{new DateOnly(2020, 1, 1).AddDays(v % 900):yyyy-MM-dd},{v / 100.0}"));
        }

        return lines;
    }
}
