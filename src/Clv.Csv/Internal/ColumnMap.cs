using System.Globalization;

namespace Clv.Csv.Internal;

/// <summary>
/// Where the customer id, date, amount and (optionally) quantity are in a row, and how errors name them (header name, or
/// 0-based index without a header): resolved once, from the options' indices or from the header's names.
/// </summary>
internal sealed class ColumnMap
{
    private ColumnMap(int idIndex, string idLabel, int dateIndex, string dateLabel, int amountIndex, string amountLabel, (int Index, string Label)? quantity)
    {
        (IdIndex, IdLabel, DateIndex, DateLabel, AmountIndex, AmountLabel) = (idIndex, idLabel, dateIndex, dateLabel, amountIndex, amountLabel);
        (QuantityIndex, QuantityLabel) = quantity ?? (-1, string.Empty);
        FieldsNeeded = Math.Max(Math.Max(idIndex, QuantityIndex), Math.Max(dateIndex, amountIndex)) + 1;
    }

    public int IdIndex { get; }

    public string IdLabel { get; }

    public int DateIndex { get; }

    public string DateLabel { get; }

    public int AmountIndex { get; }

    public string AmountLabel { get; }

    /// <summary>The quantity column's index, or -1 when the amount column holds each row's amount.</summary>
    public int QuantityIndex { get; }

    /// <summary>The quantity column's name in errors (empty without one).</summary>
    public string QuantityLabel { get; }

    /// <summary>Fields a row must have: one past the last configured column.</summary>
    public int FieldsNeeded { get; }

    /// <summary>Without a header: the options' indices, named by their numbers.</summary>
    public static ColumnMap FromIndices(TransactionCsvOptions options)
    {
        int id = options.CustomerIdIndex!.Value, date = options.DateIndex!.Value, amount = options.AmountIndex!.Value;
        return new ColumnMap(id, Label(id), date, Label(date), amount, Label(amount), options.QuantityIndex is { } q ? (q, Label(q)) : null);
    }

    /// <summary>
    /// From the header's fields: an index from the options wins, otherwise the name is found (trimmed,
    /// case-insensitive). Every problem is a file-level <see cref="CsvFormatException"/>; names in its message are
    /// shown with invisible characters escaped (a second byte order mark shows as <c>\ufeff</c>).
    /// </summary>
    public static ColumnMap FromHeader(IReadOnlyList<string> fields, TransactionCsvOptions options, long lineNumber, string rawHeader)
    {
        var names = new string[fields.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = fields[i].Trim(' ', '\t');
        }

        var (id, idLabel) = Resolve(options.CustomerIdIndex, options.CustomerIdColumn);
        var (date, dateLabel) = Resolve(options.DateIndex, options.DateColumn);
        var (amount, amountLabel) = Resolve(options.AmountIndex, options.AmountColumn);
        if (id == date || id == amount || date == amount)
        {
            throw new CsvFormatException(lineNumber, null, rawHeader, ThrowHelper.Format(
                $"The customer id, date and amount must be different columns, but resolve to fields {id}, {date} and {amount}."));
        }

        (int, string)? quantity = null;
        if (options.HasQuantity)
        {
            var (q, qLabel) = Resolve(options.QuantityIndex, options.QuantityColumn!);
            if (q == id || q == date || q == amount)
            {
                throw new CsvFormatException(lineNumber, qLabel, rawHeader, ThrowHelper.Format(
                    $"The quantity must be a column of its own, but resolves to field {q}, which is also the {(q == id ? "customer id" : q == date ? "date" : "amount (unit price)")}."));
            }

            quantity = (q, qLabel);
        }

        return new ColumnMap(id, idLabel, date, dateLabel, amount, amountLabel, quantity);

        (int Index, string Label) Resolve(int? index, string name)
        {
            if (index is { } i)
            {
                if (i >= names.Length)
                {
                    throw new CsvFormatException(lineNumber, Label(i), rawHeader, ThrowHelper.Format(
                        $"Column index {i} is beyond the header, which has {names.Length} field(s): {MessageText.ShowList(names)}."));
                }

                return (i, names[i].Length > 0 ? MessageText.Cap(names[i]) : Label(i));
            }

            string wanted = name.Trim(' ', '\t');
            int found = -1;
            for (int j = 0; j < names.Length; j++)
            {
                if (string.Equals(names[j], wanted, StringComparison.OrdinalIgnoreCase))
                {
                    if (found >= 0)
                    {
                        throw new CsvFormatException(lineNumber, wanted, rawHeader, ThrowHelper.Format(
                            $"The header names column '{MessageText.Show(wanted)}' more than once (fields {found} and {j}), so it is ambiguous."));
                    }

                    found = j;
                }
            }

            if (found < 0)
            {
                string hint = names.Length == 1 && !options.WhitespaceDelimited
                    ? ThrowHelper.Format($" Only one field was found: is the delimiter '{MessageText.Show(options.Delimiter.ToString())}' right?")
                    : string.Empty;
                throw new CsvFormatException(lineNumber, wanted, rawHeader, ThrowHelper.Format(
                    $"The header has no column '{MessageText.Show(wanted)}'; it has: {MessageText.ShowList(names)}.{hint}"));
            }

            return (found, MessageText.Cap(names[found]));
        }
    }

    /// <summary>The first configured column (in file order) that a row of <paramref name="fieldCount"/> fields does not reach.</summary>
    public (string Label, int Index) FirstMissing(int fieldCount)
    {
        (string label, int index) = (IdLabel, IdIndex);
        if (DateIndex >= fieldCount && (index < fieldCount || DateIndex < index))
        {
            (label, index) = (DateLabel, DateIndex);
        }

        if (AmountIndex >= fieldCount && (index < fieldCount || AmountIndex < index))
        {
            (label, index) = (AmountLabel, AmountIndex);
        }

        if (QuantityIndex >= fieldCount && (index < fieldCount || QuantityIndex < index))
        {
            (label, index) = (QuantityLabel, QuantityIndex);
        }

        return (label, index);
    }

    private static string Label(int index) => index.ToString(CultureInfo.InvariantCulture);
}
