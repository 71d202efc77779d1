using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace Clv.Parquet.Internal.Pages;

/// <summary>
/// The id, date and amount columns (and the quantity column of order lines) of a row group read by <see cref="ChunkReader"/> (our own page reader) instead of
/// Parquet.Net, for the layouts it decodes: flat columns of text or whole-number ids, <c>DATE</c> dates and
/// <c>DOUBLE</c>, <c>FLOAT</c>, <c>INT32</c> or <c>INT64</c> amounts and quantities, in data pages (v1) plain, dictionary-, delta- or
/// byte-stream-split-encoded, uncompressed or Snappy (what Clv.Parquet, DuckDB in both its format versions, pandas and
/// Spark write by default). Ids come out as a table of the dictionary's entries and an entry per row, which the
/// builder's table block looks up once per entry; no string or per-row object is made. A row group in a layout it does
/// not decode is read by Parquet.Net as before (<see cref="TryRead"/> is false); a malformed page is a
/// <see cref="ParquetFormatException"/>.
/// </summary>
internal sealed class FastColumns
{
    /// <summary><see cref="DateOnly.DayNumber"/> of 1970-01-01, the day a Parquet <c>DATE</c> counts from.</summary>
    public const int EpochDay = 719_162;

    private readonly DataField _idField, _dateField, _amountField;
    private readonly DataField? _quantityField;
    private readonly int _idType, _amountType, _quantityType;
    private readonly ChunkReader _idReader = new(), _dateReader = new(), _amountReader = new(), _quantityReader = new();

    private FastColumns(DataField id, int idType, DataField date, DataField amount, int amountType, DataField? quantity, int quantityType)
    {
        (_idField, _idType, _dateField, _amountField, _amountType) = (id, idType, date, amount, amountType);
        (_quantityField, _quantityType) = (quantity, quantityType);
        Ids = new IdValues(text: idType == NumberValues.ByteArray, int64: idType == NumberValues.Int64);
        Dates = new NumberValues(NumberValues.Int32);
        Amounts = new NumberValues(amountType);
        Quantities = quantity is null ? null : new NumberValues(quantityType);
    }

    /// <summary>The last group's ids: the table and each non-null row's entry.</summary>
    public IdValues Ids { get; }

    /// <summary>The last group's non-null dates, as days from 1970-01-01.</summary>
    public NumberValues Dates { get; }

    /// <summary>The last group's non-null amounts.</summary>
    public NumberValues Amounts { get; }

    /// <summary>Per row, whether the id is present; null when every row has one (a <c>REQUIRED</c> column).</summary>
    public bool[]? IdPresent => _idReader.HasLevels ? _idReader.Present : null;

    /// <summary>Per row, whether the date is present; null when every row has one.</summary>
    public bool[]? DatePresent => _dateReader.HasLevels ? _dateReader.Present : null;

    /// <summary>Per row, whether the amount is present; null when every row has one.</summary>
    public bool[]? AmountPresent => _amountReader.HasLevels ? _amountReader.Present : null;

    /// <summary>The last group's non-null quantities; null without a quantity column.</summary>
    public NumberValues? Quantities { get; }

    /// <summary>Per row, whether the quantity is present; null when every row has one (or there is no quantity column).</summary>
    public bool[]? QuantityPresent => Quantities is not null && _quantityReader.HasLevels ? _quantityReader.Present : null;

    /// <summary>
    /// The columns' reader of our own (with the quantity column of order lines, when given), or null when a column's type is
    /// one only Parquet.Net reads (text or timestamp dates, decimals).
    /// </summary>
    public static FastColumns? For(DataField id, DataField date, DataField amount, DataField? quantity = null)
    {
        if (!BitConverter.IsLittleEndian || !Flat(id) || !Flat(date) || !Flat(amount)
            || date.ClrType != typeof(DateOnly) || amount is DecimalDataField or DateTimeDataField || id is DecimalDataField or DateTimeDataField
            || (quantity is not null && (!Flat(quantity) || quantity is DecimalDataField or DateTimeDataField)))
        {
            return null;
        }

        int idType = TransactionParquetReader.IsText(id) ? NumberValues.ByteArray : System.Type.GetTypeCode(id.ClrType) switch
        {
            TypeCode.Int16 or TypeCode.Int32 => NumberValues.Int32,
            TypeCode.Int64 => NumberValues.Int64,
            _ => -1,
        };
        int amountType = NumberType(amount);
        int quantityType = quantity is null ? 0 : NumberType(quantity);
        return idType < 0 || amountType < 0 || quantityType < 0 ? null : new FastColumns(id, idType, date, amount, amountType, quantity, quantityType);
    }

    private static int NumberType(DataField field) => System.Type.GetTypeCode(field.ClrType) switch
    {
        TypeCode.Double => NumberValues.Double,
        TypeCode.Single => NumberValues.Float,
        TypeCode.Int32 => NumberValues.Int32,
        TypeCode.Int64 => NumberValues.Int64,
        _ => -1,
    };

    /// <summary>
    /// Decodes row group <paramref name="g"/>'s columns; false (and nothing to use) when a page is in a layout this
    /// reader leaves to Parquet.Net.
    /// </summary>
    /// <exception cref="ParquetFormatException">A page is malformed (<see cref="PageFormatException"/>): the message names the row group and column.</exception>
    public bool TryRead(Stream stream, ParquetRowGroupReader group, int g, int rows, string? path)
    {
        var field = _idField;
        try
        {
            _idReader.Read(stream, Chunk(group, field), _idType, field.MaxDefinitionLevel, rows, Ids);
            field = _dateField;
            _dateReader.Read(stream, Chunk(group, field), NumberValues.Int32, field.MaxDefinitionLevel, rows, Dates);
            field = _amountField;
            _amountReader.Read(stream, Chunk(group, field), _amountType, field.MaxDefinitionLevel, rows, Amounts);
            if (_quantityField is not null)
            {
                field = _quantityField;
                _quantityReader.Read(stream, Chunk(group, field), _quantityType, field.MaxDefinitionLevel, rows, Quantities!);
            }

            return true;
        }
        catch (PageNotSupportedException)
        {
            return false;
        }
        catch (Exception e) when (e is PageFormatException or InvalidDataException or IOException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            throw new ParquetFormatException(path, 0, field.Name, string.Empty, ThrowHelper.Format(
                $"Not a readable Parquet file: row group {g + 1}, column '{field.Name}': {e.Message}"), e);
        }
    }

    private static bool Flat(DataField field) => field.MaxRepetitionLevel == 0 && field.MaxDefinitionLevel <= 1;

    private static ColumnChunk Chunk(ParquetRowGroupReader group, DataField field) =>
        group.GetMetadata(field) ?? throw new PageNotSupportedException($"No column chunk for '{field.Name}'.");
}
