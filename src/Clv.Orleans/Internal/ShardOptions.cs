using System.Globalization;
using Clv.Csv;
using Clv.Parquet;

namespace Clv.Orleans.Internal;

/// <summary>The shippable part of <see cref="TransactionCsvOptions"/>.</summary>
internal sealed class CsvShardOptions
{
    public string CustomerIdColumn { get; set; } = "customer_id";

    public string DateColumn { get; set; } = "date";

    public string AmountColumn { get; set; } = "amount";

    public int? CustomerIdIndex { get; set; }

    public int? DateIndex { get; set; }

    public int? AmountIndex { get; set; }

    public string? QuantityColumn { get; set; }

    public int? QuantityIndex { get; set; }

    public bool HasHeader { get; set; } = true;

    public char Delimiter { get; set; } = ',';

    public bool WhitespaceDelimited { get; set; }

    public string DateFormat { get; set; } = "yyyy-MM-dd";

    public string? TimeZone { get; set; }

    public string Culture { get; set; } = "";

    /// <summary>
    /// The culture's number symbols as the client has them (all an amount is parsed with): a culture customised on the
    /// client (a clone with another decimal separator) or one whose data differ on the silo (Windows and ICU disagree on
    /// the minus sign of some cultures, and a silo in invariant globalization mode has no named culture) reads the same.
    /// </summary>
    public NumberSymbols Numbers { get; set; } = NumberSymbols.From(CultureInfo.InvariantCulture);

    public CsvReadMode Mode { get; set; }

    public int MaxRecordLength { get; set; }

    public int MaxRecordLines { get; set; }

    public static CsvShardOptions From(TransactionCsvOptions o) => new()
    {
        CustomerIdColumn = o.CustomerIdColumn,
        DateColumn = o.DateColumn,
        AmountColumn = o.AmountColumn,
        CustomerIdIndex = o.CustomerIdIndex,
        DateIndex = o.DateIndex,
        AmountIndex = o.AmountIndex,
        QuantityColumn = o.QuantityColumn,
        QuantityIndex = o.QuantityIndex,
        HasHeader = o.HasHeader,
        Delimiter = o.Delimiter,
        WhitespaceDelimited = o.WhitespaceDelimited,
        DateFormat = o.DateFormat,
        TimeZone = o.TimeZone?.Id,
        Culture = (o.Culture ?? CultureInfo.InvariantCulture).Name,
        Numbers = NumberSymbols.From(o.Culture ?? CultureInfo.InvariantCulture),
        Mode = o.Mode,
        MaxRecordLength = o.MaxRecordLength,
        MaxRecordLines = o.MaxRecordLines,
    };

    public TransactionCsvOptions ToOptions(CancellationToken cancellationToken = default) => new()
    {
        CustomerIdColumn = CustomerIdColumn,
        DateColumn = DateColumn,
        AmountColumn = AmountColumn,
        CustomerIdIndex = CustomerIdIndex,
        DateIndex = DateIndex,
        AmountIndex = AmountIndex,
        QuantityColumn = QuantityColumn,
        QuantityIndex = QuantityIndex,
        HasHeader = HasHeader,
        Delimiter = Delimiter,
        WhitespaceDelimited = WhitespaceDelimited,
        DateFormat = DateFormat,
        TimeZone = TimeZone is null ? null : TimeZoneInfo.FindSystemTimeZoneById(TimeZone),
        Culture = Numbers.Apply(Culture),
        Mode = Mode,
        MaxRecordLength = MaxRecordLength,
        MaxRecordLines = MaxRecordLines,
        CancellationToken = cancellationToken,
    };
}

/// <summary>The number symbols of a culture that <c>double.TryParse(s, NumberStyles.Float, culture)</c> reads.</summary>
internal sealed class NumberSymbols
{
    public string DecimalSeparator { get; set; } = ".";

    public string NegativeSign { get; set; } = "-";

    public string PositiveSign { get; set; } = "+";

    public string NaNSymbol { get; set; } = "NaN";

    public string PositiveInfinitySymbol { get; set; } = "Infinity";

    public string NegativeInfinitySymbol { get; set; } = "-Infinity";

    public static NumberSymbols From(CultureInfo culture)
    {
        var f = culture.NumberFormat;
        return new NumberSymbols
        {
            DecimalSeparator = f.NumberDecimalSeparator,
            NegativeSign = f.NegativeSign,
            PositiveSign = f.PositiveSign,
            NaNSymbol = f.NaNSymbol,
            PositiveInfinitySymbol = f.PositiveInfinitySymbol,
            NegativeInfinitySymbol = f.NegativeInfinitySymbol,
        };
    }

    /// <summary>The named culture (the invariant one where the silo has no such culture) with these symbols, read-only.</summary>
    public CultureInfo Apply(string name)
    {
        CultureInfo culture;
        try
        {
            culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone();
        }
        catch (CultureNotFoundException)
        {
            culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        }

        var f = culture.NumberFormat;
        f.NumberDecimalSeparator = DecimalSeparator;
        f.NegativeSign = NegativeSign;
        f.PositiveSign = PositiveSign;
        f.NaNSymbol = NaNSymbol;
        f.PositiveInfinitySymbol = PositiveInfinitySymbol;
        f.NegativeInfinitySymbol = NegativeInfinitySymbol;
        return CultureInfo.ReadOnly(culture);
    }
}

/// <summary>The shippable part of <see cref="TransactionParquetOptions"/>.</summary>
internal sealed class ParquetShardOptions
{
    public string CustomerIdColumn { get; set; } = "customer_id";

    public string DateColumn { get; set; } = "date";

    public string AmountColumn { get; set; } = "amount";

    public string? QuantityColumn { get; set; }

    public string DateFormat { get; set; } = "yyyy-MM-dd";

    public string? TimeZone { get; set; }

    public ParquetReadMode Mode { get; set; }

    public static ParquetShardOptions From(TransactionParquetOptions o) => new()
    {
        CustomerIdColumn = o.CustomerIdColumn,
        DateColumn = o.DateColumn,
        AmountColumn = o.AmountColumn,
        QuantityColumn = o.QuantityColumn,
        DateFormat = o.DateFormat,
        TimeZone = o.TimeZone?.Id,
        Mode = o.Mode,
    };

    public TransactionParquetOptions ToOptions(CancellationToken cancellationToken = default) => new()
    {
        CustomerIdColumn = CustomerIdColumn,
        DateColumn = DateColumn,
        AmountColumn = AmountColumn,
        QuantityColumn = QuantityColumn,
        DateFormat = DateFormat,
        TimeZone = TimeZone is null ? null : TimeZoneInfo.FindSystemTimeZoneById(TimeZone),
        Mode = Mode,
        CancellationToken = cancellationToken,
    };
}
