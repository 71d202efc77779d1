using System.Globalization;
using System.Runtime.CompilerServices;
using Clv.Parquet.Internal.Pages;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet.Internal;

/// <summary>
/// Reads the customer id, date and amount (and quantity) columns of a Parquet file one row group at a time: each group's
/// columns are decoded (our page reader or Parquet.Net, values and definition levels), checked row by row (nulls, empty
/// ids, unparsable text dates, non-finite amounts and quantities are bad rows), and its good rows handed to the sink as
/// one block before the next group is read. Memory is bounded by the largest row group, not by the file.
/// </summary>
internal static class TransactionParquetReader
{
    /// <summary>Dates as <see cref="DateOnly"/>, byte arrays as text: the mapping the options document.</summary>
    internal static readonly ParquetOptions ReadOptions = new() { UseDateOnlyTypeForDates = true, TreatByteArrayAsString = true };

    /// <param name="stream">The file, seekable.</param>
    /// <param name="path">The file's path for messages; null for a stream.</param>
    /// <param name="options">Columns, mode, progress and cancellation.</param>
    /// <param name="sink">Where the good rows go.</param>
    /// <param name="pageReader">Whether row groups in a layout our page reader decodes are read by it (false: all by Parquet.Net; the tests compare the two).</param>
    public static ParquetReadReport Read(Stream stream, string? path, TransactionParquetOptions options, IRowSink sink, bool pageReader = true)
    {
        var reader = ParquetFile.OpenReader(stream, path);
        try
        {
            return Read(stream, reader, path, options, sink, pageReader);
        }
        finally
        {
            Blocking.Wait(() => reader.DisposeAsync().AsTask());
        }
    }

    /// <summary>
    /// A worker decodes the columns of row group g + 1 while this thread hands group g's rows to the sink, as the CSV
    /// reader parses ahead of the builder: two decoders in turn, each with its own buffers. A read costs about the larger
    /// of the two sides, not their sum. Where our own page reader (<see cref="FastColumns"/>) decodes the file's layout,
    /// the worker also checks the rows into the decoder's block (decoding is then the lighter side); where Parquet.Net
    /// decodes, the checks stay on this thread (its decoding is the heavier side). Measured: benchmarks/README.md "Parquet".
    /// </summary>
    private static ParquetReadReport Read(Stream stream, ParquetReader reader, string? path, TransactionParquetOptions options, IRowSink sink, bool pageReader)
    {
        var rejected = new List<RejectedRow>();
        GroupDecoder[] decoders = [new(stream, reader, path, options, pageReader), new(stream, reader, path, options, pageReader)];
        int fastGroups = 0;
        var block = new RowBlock();
        int groups = reader.RowGroupCount;
        long before = 0;
        Task<int>? next = null;
        try
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            if (groups > 0)
            {
                next = Task.Run(() => decoders[0].Read(0, 0));
            }

            for (int g = 0; g < groups; g++)
            {
                int rows = next!.GetAwaiter().GetResult();
                next = null;
                var decoder = decoders[g & 1];
                if (g + 1 < groups)
                {
                    options.CancellationToken.ThrowIfCancellationRequested();
                    int group = g + 1;
                    long after = before + rows;
                    next = Task.Run(() => decoders[group & 1].Read(group, after));
                }

                // Strict mode: the rows before the bad one are handed over first, as the CSV reader does. The decoder's
                // block is not touched again before group g + 2, which is read after this group is handed over.
                fastGroups += decoder.DecodedFast ? 1 : 0;
                var (rowsOfGroup, failure) = decoder.DecodedFast ? (decoder.Block, decoder.Failure) : (block, decoder.Fill(rows, before, block));
                rejected.AddRange(decoder.Rejected);
                sink.Add(rowsOfGroup);
                if (failure is not null)
                {
                    throw failure;
                }

                before += rows;
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

        return new ParquetReadReport(before - rejected.Count, rejected.Count == 0 ? [] : rejected.AsReadOnly(), groups, fastGroups);
    }

    /// <summary>
    /// One row group's columns (id, date, amount, and the quantity of order lines): <see cref="Read"/> decodes them (our page
    /// reader, or Parquet.Net: values and definition levels), <see cref="Fill"/> checks them row by row into a block;
    /// collects rejections in lenient mode.
    /// </summary>
    private sealed class GroupDecoder(Stream stream, ParquetReader reader, string? path, TransactionParquetOptions options, bool pageReader)
    {
        private readonly IdColumn _id = IdColumn.Resolve(reader.Schema, options.CustomerIdColumn, path);
        private readonly DateColumn _date = DateColumn.Resolve(reader.Schema, options.DateColumn, options.DateFormat, options.TimeZone, path);
        private readonly AmountColumn _amount = AmountColumn.Resolve(reader.Schema, options.AmountColumn, path);
        private readonly AmountColumn? _quantity = options.QuantityColumn is { } quantity ? AmountColumn.Resolve(reader.Schema, quantity, path, "quantity") : null;
        private readonly bool _strict = options.Mode == ParquetReadMode.Strict;
        private readonly long _length = stream.Length;

        private FastColumns? _fast = pageReader ? FastColumns.For(
            Find(reader.Schema, options.CustomerIdColumn, "customer id", path),
            Find(reader.Schema, options.DateColumn, "date", path),
            Find(reader.Schema, options.AmountColumn, "amount", path),
            options.QuantityColumn is { } q ? Find(reader.Schema, q, "quantity", path) : null) : null;

        /// <summary>Whether our page reader decoded the last group <see cref="Read"/> read (its rows are then checked into <see cref="Block"/> already).</summary>
        public bool DecodedFast { get; private set; }

        /// <summary>The last group's good rows, when our page reader decoded it.</summary>
        public RowBlock Block { get; } = new();

        /// <summary>The last group's strict-mode error, when our page reader decoded it; null otherwise.</summary>
        public ParquetFormatException? Failure { get; private set; }

        /// <summary>The last group's rejected rows (lenient mode), in order: the caller adds them to the report group by group.</summary>
        public List<RejectedRow> Rejected { get; } = [];

        /// <summary>
        /// Decodes row group <paramref name="g"/>'s columns (the file's rows <paramref name="before"/> + 1 on) into this
        /// decoder's buffers, and, when our page reader decoded them, checks its rows into <see cref="Block"/>; returns its
        /// row count.
        /// </summary>
        public int Read(int g, long before)
        {
            var (id, date, amount) = (_id, _date, _amount);
            Rejected.Clear();
            Failure = null;
            using var group = reader.OpenRowGroupReader(g);
            int n = 0;
            ParquetFile.Guard(path, () => n = ParquetFile.RowCount(group, reader.Schema, g, path, _length));
            DecodedFast = _fast is not null && _fast.TryRead(stream, group, g, n, path);
            if (DecodedFast)
            {
                Failure = FillFast(n, before, Block);
                return n;
            }

            // A layout our page reader does not decode is likely in every group: Parquet.Net reads the rest of the file.
            _fast = null;
            ParquetFile.Guard(path, g, id.Name, () => id.Read(group, n));
            ParquetFile.Guard(path, g, date.Name, () => date.Read(group, n));
            ParquetFile.Guard(path, g, amount.Name, () => amount.Read(group, n));
            if (_quantity is { } quantity)
            {
                ParquetFile.Guard(path, g, quantity.Name, () => quantity.Read(group, n));
            }

            return n;
        }

        /// <summary>
        /// Checks the <paramref name="n"/> rows Parquet.Net decoded in <see cref="Read"/> (the file's rows
        /// <paramref name="before"/> + 1 to <paramref name="before"/> + n) into <paramref name="block"/>, emptied first,
        /// and their rejections into <see cref="Rejected"/>; in strict mode, stops at the first bad row and returns its
        /// error (the block holds the rows before it); null otherwise.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public ParquetFormatException? Fill(int n, long before, RowBlock block)
        {
            var (id, date, amount, quantities) = (_id, _date, _amount, _quantity);
            block.Reset(n);
            Span<char> digits = stackalloc char[IdColumn.MaxDigits];
            ReadOnlyMemory<char> lastSource = default;
            for (int i = 0; i < n; i++)
            {
                bool hasId = id.Next(digits, out var idText, out var idSource);
                bool hasDate = date.Next(out var day, out bool dateParsed, out var dateText);
                bool hasAmount = amount.Next(out double value);
                double quantity = 1;
                bool hasQuantity = quantities is null || quantities.Next(out quantity);
                if (hasId && !idText.IsEmpty && hasDate && dateParsed && hasAmount && double.IsFinite(value) && hasQuantity && double.IsFinite(value * quantity))
                {
                    if (quantities is not null)
                    {
                        value = (value * quantity) + 0.0;   // a zero line (a free item, or the return of one) is +0, a transaction of 0
                    }

                    // Rows of one dictionary entry share Parquet.Net's decoded value: equal ids without comparing text.
                    bool sameSource = !idSource.IsEmpty && idSource.Equals(lastSource);
                    lastSource = idSource;
                    block.Add(idText, sameSource, day, value);
                    continue;
                }

                var failure = Reject(before + i + 1, hasId, !idText.IsEmpty, hasDate, dateParsed, dateText, hasAmount, value, date.IsText ? null : DateColumn.OutOfRangeReason, (hasQuantity, quantity));
                if (failure is not null)
                {
                    return failure;
                }
            }

            return null;
        }

        /// <summary>
        /// <see cref="Fill"/> for a group our page reader decoded: the block takes the group's id table as it is, and each
        /// good row its entry, date and amount; bad rows are reported as <see cref="Fill"/> reports them.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private ParquetFormatException? FillFast(int n, long before, RowBlock block)
        {
            var fast = _fast!;
            var ids = fast.Ids;
            block.Reset(n, ids.Table, ids.Ends);
            var entries = ids.Entries;
            var days = fast.Dates.Values;
            var amounts = fast.Amounts.Values;
            var quantities = fast.Quantities is { } q ? q.Values : default;
            bool lines = fast.Quantities is not null;
            bool[]? idPresent = fast.IdPresent, datePresent = fast.DatePresent, amountPresent = fast.AmountPresent, quantityPresent = fast.QuantityPresent;
            int nextId = 0, nextDate = 0, nextAmount = 0, nextQuantity = 0;
            for (int i = 0; i < n; i++)
            {
                bool hasId = idPresent is null || idPresent[i];
                int entry = hasId ? entries[nextId++] : -1;
                bool hasDate = datePresent is null || datePresent[i];
                long day = hasDate ? (long)days[nextDate++] + FastColumns.EpochDay : 0;
                bool dateInRange = (ulong)day <= (ulong)DateOnly.MaxValue.DayNumber;
                bool hasAmount = amountPresent is null || amountPresent[i];
                double value = hasAmount ? amounts[nextAmount++] : 0;
                bool hasQuantity = quantityPresent is null || quantityPresent[i];
                double quantity = !lines ? 1 : hasQuantity ? quantities[nextQuantity++] : 0;
                if (entry >= 0 && hasDate && dateInRange && hasAmount && double.IsFinite(value) && hasQuantity && double.IsFinite(value * quantity))
                {
                    if (lines)
                    {
                        value = (value * quantity) + 0.0;   // a zero line (a free item, or the return of one) is +0, a transaction of 0
                    }

                    block.Add(entry, DateOnly.FromDayNumber((int)day), value);
                    continue;
                }

                var failure = dateInRange
                    ? Reject(before + i + 1, hasId, entry >= 0, hasDate, true, default, hasAmount, value, quantity: (hasQuantity, quantity))
                    : Reject(before + i + 1, hasId, entry >= 0, hasDate, false, DateColumn.OutOfRange(day - FastColumns.EpochDay), hasAmount, value, DateColumn.OutOfRangeReason, (hasQuantity, quantity));
                if (failure is not null)
                {
                    return failure;
                }
            }

            return null;
        }

        /// <summary>
        /// Row <paramref name="row"/> (from 1) is bad: its error in strict mode; in lenient mode, recorded, and null. The
        /// first bad column names the fault: the id, then the date, then the amount, then the quantity (with one: the row's
        /// quantity, or null when it is).
        /// </summary>
        private ParquetFormatException? Reject(long row, bool hasId, bool idNotEmpty, bool hasDate, bool dateParsed, ReadOnlySpan<char> dateText, bool hasAmount, double value,
            string? dateReason = null, (bool Has, double Value) quantity = default)
        {
            string column, reason, raw = string.Empty;
            if (!hasId || !idNotEmpty)
            {
                (column, reason) = (_id.Name, hasId ? "The customer id is empty." : "The customer id is null.");
            }
            else if (!hasDate || !dateParsed)
            {
                (column, reason) = (_date.Name, !hasDate ? "The date is null." : dateReason ?? ThrowHelper.Format($"Not a date in the format '{options.DateFormat}'."));
                raw = hasDate ? MessageText.Cap(dateText) : string.Empty;
            }
            else if (!hasAmount || !double.IsFinite(value) || _quantity is null)
            {
                (column, reason) = (_amount.Name, hasAmount ? "The amount is not a finite number (NaN or infinity)." : "The amount is null.");
                raw = hasAmount ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
            }
            else
            {
                raw = quantity.Has ? quantity.Value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
                reason = !quantity.Has ? "The quantity is null."
                    : !double.IsFinite(quantity.Value) ? "The quantity is not a finite number (NaN or infinity)."
                    : ThrowHelper.Format($"The quantity times the unit price ({value.ToString("R", CultureInfo.InvariantCulture)}) is not a finite number.");
                column = _quantity.Name;
            }

            if (_strict)
            {
                return new ParquetFormatException(path, row, column, raw, reason);
            }

            Rejected.Add(new RejectedRow(row, column, raw, reason));
            return null;
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
            TypeCode.SByte => "INT8 values",
            TypeCode.Int16 => "INT16 values",
            TypeCode.Int32 => "INT32 values",
            TypeCode.Int64 => "INT64 values",
            TypeCode.Byte => "UINT8 values",
            TypeCode.UInt16 => "UINT16 values",
            TypeCode.UInt32 => "UINT32 values",
            TypeCode.UInt64 => "UINT64 values",
            _ => field.ClrType.Name + " values",
        },
    };
}
