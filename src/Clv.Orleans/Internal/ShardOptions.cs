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
        Mode = o.Mode,
        MaxRecordLength = o.MaxRecordLength,
        MaxRecordLines = o.MaxRecordLines,
    };

    public TransactionCsvOptions ToOptions() => new()
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
        Culture = CultureInfo.GetCultureInfo(Culture),
        Mode = Mode,
        MaxRecordLength = MaxRecordLength,
        MaxRecordLines = MaxRecordLines,
    };
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

    public TransactionParquetOptions ToOptions() => new()
    {
        CustomerIdColumn = CustomerIdColumn,
        DateColumn = DateColumn,
        AmountColumn = AmountColumn,
        QuantityColumn = QuantityColumn,
        DateFormat = DateFormat,
        TimeZone = TimeZone is null ? null : TimeZoneInfo.FindSystemTimeZoneById(TimeZone),
        Mode = Mode,
    };
}
