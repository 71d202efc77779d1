using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet.Internal;

/// <summary>
/// Reads the customer id, date and amount columns of a Parquet file one row group at a time: each group's three columns
/// are decoded (Parquet.Net, values and definition levels), checked row by row (nulls, empty ids, unparsable text
/// dates, non-finite amounts are bad rows), and its good rows handed to the sink as one block before the next group is
/// read. Memory is bounded by the largest row group, not by the file.
/// </summary>
internal static class TransactionParquetReader
{
    /// <summary>Dates as <see cref="DateOnly"/>, byte arrays as text: the mapping the options document.</summary>
    internal static readonly ParquetOptions ReadOptions = new() { UseDateOnlyTypeForDates = true, TreatByteArrayAsString = true };

    public static ParquetReadReport Read(Stream stream, string? path, TransactionParquetOptions options, IRowSink sink)
    {
        var reader = ParquetFile.OpenReader(stream, path);
        try
        {
            return Read(reader, path, options, sink);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static ParquetReadReport Read(ParquetReader reader, string? path, TransactionParquetOptions options, IRowSink sink)
    {
        var id = IdColumn.Resolve(reader.Schema, options.CustomerIdColumn, path);
        var date = DateColumn.Resolve(reader.Schema, options.DateColumn, options.DateFormat, path);
        var amount = AmountColumn.Resolve(reader.Schema, options.AmountColumn, path);
        bool strict = options.Mode == ParquetReadMode.Strict;
        var rejected = new List<RejectedRow>();
        var block = new RowBlock();
        long before = 0;
        Span<char> digits = stackalloc char[24];
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            using var group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            ParquetFile.Guard(path, () =>
            {
                id.Read(group, n);
                date.Read(group, n);
                amount.Read(group, n);
            });
            block.Reset(n);
            for (int i = 0; i < n; i++)
            {
                long row = before + i + 1;
                bool hasId = id.Next(digits, out var idText);
                bool hasDate = date.Next(out var day, out bool dateParsed, out var dateText);
                bool hasAmount = amount.Next(out double value);
                string? reason = null;
                string? column = null;
                string raw = string.Empty;
                if (!hasId || idText.IsEmpty)
                {
                    (column, reason) = (id.Name, hasId ? "The customer id is empty." : "The customer id is null.");
                }
                else if (!hasDate || !dateParsed)
                {
                    (column, reason) = (date.Name, hasDate ? ThrowHelper.Format($"Not a date in the format '{options.DateFormat}'.") : "The date is null.");
                    raw = hasDate ? MessageText.Cap(dateText) : string.Empty;
                }
                else if (!hasAmount || !double.IsFinite(value))
                {
                    (column, reason) = (amount.Name, hasAmount ? "The amount is not a finite number (NaN or infinity)." : "The amount is null.");
                    raw = hasAmount ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
                }

                if (reason is null)
                {
                    block.Add(idText, day, value);
                    continue;
                }

                if (strict)
                {
                    // Rows before the bad one are handed over first, as the CSV reader does.
                    sink.Add(block);
                    throw new ParquetFormatException(path, row, column, raw, reason);
                }

                rejected.Add(new RejectedRow(row, column, raw, reason));
            }

            sink.Add(block);
            before += n;
            options.Progress?.Report(before);
        }

        return new ParquetReadReport(before - rejected.Count, rejected.Count == 0 ? [] : rejected.AsReadOnly(), reader.RowGroupCount);
    }

    /// <summary>Finds a top-level column by name: an exact match, else the single match ignoring case.</summary>
    internal static DataField Find(ParquetSchema schema, string name, string role, string? path)
    {
        var fields = schema.Fields;
        Field? found = fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
        if (found is null)
        {
            var matches = fields.Where(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count > 1)
            {
                throw new ParquetFormatException(path, 0, name, string.Empty, ThrowHelper.Format(
                    $"The {role} column '{name}' matches {matches.Count} columns ignoring case ({MessageText.ShowList([.. matches.Select(f => f.Name)])}); name one exactly."));
            }

            found = matches.FirstOrDefault();
        }

        if (found is null)
        {
            throw new ParquetFormatException(path, 0, name, string.Empty, ThrowHelper.Format(
                $"The {role} column '{name}' is not in the file. Its columns are: {MessageText.ShowList([.. fields.Select(f => f.Name)])}."));
        }

        if (found is not DataField field || field.IsArray)
        {
            throw new ParquetFormatException(path, 0, found.Name, string.Empty, ThrowHelper.Format(
                $"The {role} column '{found.Name}' is a nested column ({found.SchemaType}); it must be a plain column of values."));
        }

        return field;
    }

    internal static ParquetFormatException WrongType(DataField field, string role, string accepted, string? path) =>
        new(path, 0, field.Name, string.Empty, ThrowHelper.Format(
            $"The {role} column '{field.Name}' holds {Describe(field)}; {accepted}."));

    /// <summary>Whether the column holds text (Parquet.Net reads a <c>STRING</c> column as <see cref="string"/> or as <see cref="ReadOnlyMemory{T}"/> of char).</summary>
    internal static bool IsText(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    /// <summary>The column's type as a message names it (the Parquet logical type where it tells more than the CLR type).</summary>
    internal static string Describe(DataField field) => field switch
    {
        DateTimeDataField dt => dt.DateTimeFormat switch
        {
            DateTimeFormat.Date => "DATE values",
            DateTimeFormat.Impala => "INT96 timestamps",
            _ => "TIMESTAMP values",
        },
        DecimalDataField => "DECIMAL values",
        _ when IsText(field) => "STRING values",
        _ => Type.GetTypeCode(field.ClrType) switch
        {
            TypeCode.String => "STRING values",
            TypeCode.Boolean => "BOOLEAN values",
            TypeCode.Double => "DOUBLE values",
            TypeCode.Single => "FLOAT values",
            TypeCode.Int16 => "INT16 values",
            TypeCode.Int32 => "INT32 values",
            TypeCode.Int64 => "INT64 values",
            _ => field.ClrType.Name + " values",
        },
    };
}
