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

    /// <summary>
    /// Decodes row group g + 1 on a worker while the sink takes the good rows of group g (two blocks in turn), as the
    /// CSV reader parses ahead of the builder: a read costs about the larger of decoding and building, not their sum.
    /// </summary>
    private static ParquetReadReport Read(ParquetReader reader, string? path, TransactionParquetOptions options, IRowSink sink)
    {
        var decoder = new GroupDecoder(reader, path, options);
        RowBlock[] blocks = [new RowBlock(), new RowBlock()];
        int groups = reader.RowGroupCount;
        long before = 0;
        Task<Decoded>? next = null;
        try
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            if (groups > 0)
            {
                next = Task.Run(() => decoder.Decode(0, 0, blocks[0]));
            }

            for (int g = 0; g < groups; g++)
            {
                var done = next!.GetAwaiter().GetResult();
                next = null;
                if (done.Failure is null && g + 1 < groups)
                {
                    options.CancellationToken.ThrowIfCancellationRequested();
                    (int group, long start, var block) = (g + 1, before + done.Rows, blocks[(g + 1) & 1]);
                    next = Task.Run(() => decoder.Decode(group, start, block));
                }

                // Strict mode: the rows before the bad one are handed over first, as the CSV reader does.
                sink.Add(done.Block);
                if (done.Failure is not null)
                {
                    throw done.Failure;
                }

                before += done.Rows;
                options.Progress?.Report(before);
            }
        }
        finally
        {
            if (next is not null)
            {
                // The reader and its stream are disposed after this: let the worker finish first.
                try
                {
                    next.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // The first failure is the one already propagating.
                }
            }
        }

        var rejected = decoder.Rejected;
        return new ParquetReadReport(before - rejected.Count, rejected.Count == 0 ? [] : rejected.AsReadOnly(), groups);
    }

    /// <summary>A decoded row group: its good rows, its row count, and (strict mode) the bad row it stopped at.</summary>
    private readonly record struct Decoded(RowBlock Block, int Rows, ParquetFormatException? Failure);

    /// <summary>Decodes one row group at a time into a block, checking every row; collects rejections in lenient mode.</summary>
    private sealed class GroupDecoder(ParquetReader reader, string? path, TransactionParquetOptions options)
    {
        private readonly IdColumn _id = IdColumn.Resolve(reader.Schema, options.CustomerIdColumn, path);
        private readonly DateColumn _date = DateColumn.Resolve(reader.Schema, options.DateColumn, options.DateFormat, options.TimeZone, path);
        private readonly AmountColumn _amount = AmountColumn.Resolve(reader.Schema, options.AmountColumn, path);
        private readonly bool _strict = options.Mode == ParquetReadMode.Strict;

        public List<RejectedRow> Rejected { get; } = [];

        public Decoded Decode(int g, long before, RowBlock block)
        {
            var (id, date, amount) = (_id, _date, _amount);
            using var group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            ParquetFile.Guard(path, () =>
            {
                id.Read(group, n);
                date.Read(group, n);
                amount.Read(group, n);
            });
            block.Reset(n);
            Span<char> digits = stackalloc char[24];
            for (int i = 0; i < n; i++)
            {
                bool hasId = id.Next(digits, out var idText);
                bool hasDate = date.Next(out var day, out bool dateParsed, out var dateText);
                bool hasAmount = amount.Next(out double value);
                if (hasId && !idText.IsEmpty && hasDate && dateParsed && hasAmount && double.IsFinite(value))
                {
                    block.Add(idText, day, value);
                    continue;
                }

                string column, reason, raw = string.Empty;
                if (!hasId || idText.IsEmpty)
                {
                    (column, reason) = (id.Name, hasId ? "The customer id is empty." : "The customer id is null.");
                }
                else if (!hasDate || !dateParsed)
                {
                    (column, reason) = (date.Name, hasDate ? ThrowHelper.Format($"Not a date in the format '{options.DateFormat}'.") : "The date is null.");
                    raw = hasDate ? MessageText.Cap(dateText) : string.Empty;
                }
                else
                {
                    (column, reason) = (amount.Name, hasAmount ? "The amount is not a finite number (NaN or infinity)." : "The amount is null.");
                    raw = hasAmount ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
                }

                long row = before + i + 1;
                if (_strict)
                {
                    return new Decoded(block, i, new ParquetFormatException(path, row, column, raw, reason));
                }

                Rejected.Add(new RejectedRow(row, column, raw, reason));
            }

            return new Decoded(block, n, null);
        }
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
