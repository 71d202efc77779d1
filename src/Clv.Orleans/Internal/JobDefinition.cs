using System.Globalization;
using System.Text.Json;
using Clv.Crm;
using Clv.Csv;
using Clv.Parquet;
using Clv.Probabilistic;
using Clv.Rfm;

namespace Clv.Orleans.Internal;

/// <summary>
/// A <see cref="ClusterJobSpec"/> in a form that crosses the wire and goes into grain storage: plain values only (a
/// culture by name and number symbols, a time zone by id, cut points as JSON), shipped and stored as one JSON string, so two runs of the
/// same spec compare equal as text.
/// </summary>
internal sealed partial class JobDefinition
{
    /// <summary>The most periods <see cref="PredictiveClvOptions.Periods"/> allows (documented there).</summary>
    private const int MaxHorizonPeriods = 1_000_000;

    /// <summary>A partition's output file name (or its temporary name), as <see cref="OutputPath(int)"/> makes it.</summary>
    private static readonly System.Text.RegularExpressions.Regex PartFile = new(@"^part-[0-9]{5,}\.(parquet|csv)(\.tmp)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Converters = { new RoundTripDoubleConverter() } };

    public string JobId { get; set; } = "";

    public string[][] Partitions { get; set; } = [];

    public DateOnly ObservationEnd { get; set; }

    public TimeUnit TimeUnit { get; set; }

    public CsvShardOptions Csv { get; set; } = new();

    public ParquetShardOptions Parquet { get; set; } = new();

    public string OutputFolder { get; set; } = "";

    public ClusterOutputFormat OutputFormat { get; set; }

    public int HorizonPeriods { get; set; }

    public TimeUnit HorizonPeriod { get; set; }

    public double DiscountRate { get; set; }

    public TimeUnit DiscountPeriod { get; set; }

    public double MarginRate { get; set; }

    public string? RfmCutPointsJson { get; set; }

    public bool ReplaceOutput { get; set; }

    /// <summary><see cref="CsvWriteOptions.ByteOrderMark"/> of the CSV part files (absent in a definition stored before it: false).</summary>
    public bool CsvByteOrderMark { get; set; }

    /// <summary><see cref="CsvWriteOptions.EscapeFormulas"/> of the CSV part files (absent in a definition stored before it: true).</summary>
    public bool CsvEscapeFormulas { get; set; } = true;

    /// <summary>The CSV part files' options.</summary>
    public CsvWriteOptions CsvOutput() => new() { ByteOrderMark = CsvByteOrderMark, EscapeFormulas = CsvEscapeFormulas };

    public static JobDefinition FromSpec(ClusterJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec.JobId))
        {
            throw new ArgumentException(Format($"spec.JobId must not be empty, but was '{spec.JobId}'."), nameof(spec));
        }

        if (spec.Partitions is null || spec.Partitions.Count == 0)
        {
            throw new ArgumentException("spec.Partitions must list at least one partition.", nameof(spec));
        }

        for (int p = 0; p < spec.Partitions.Count; p++)
        {
            if (spec.Partitions[p] is not { Count: > 0 } files || files.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException(Format($"spec.Partitions[{p}] must list at least one file, and no empty path."), nameof(spec));
            }
        }

        if (string.IsNullOrWhiteSpace(spec.OutputFolder))
        {
            throw new ArgumentException("spec.OutputFolder must not be empty.", nameof(spec));
        }

        if (!Enum.IsDefined(spec.OutputFormat))
        {
            throw new ArgumentOutOfRangeException(nameof(spec), spec.OutputFormat, "spec.OutputFormat must be Parquet or Csv.");
        }

        if (!Enum.IsDefined(spec.TimeUnit))
        {
            throw new ArgumentOutOfRangeException(nameof(spec), spec.TimeUnit, Format($"spec.TimeUnit must be Day, Week, Month or Year, but was {(int)spec.TimeUnit}."));
        }

        var horizon = spec.Horizon ?? throw new ArgumentException("spec.Horizon must not be null.", nameof(spec));

        // The checks PredictiveClvOptions makes when the silos score, made here on the client: a horizon they would refuse
        // must not become a stored job that reads every shard and fits before it fails (and keeps its id).
        if (horizon.Periods is < 1 or > MaxHorizonPeriods)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), horizon.Periods, Format($"spec.Horizon.Periods must be 1 to {MaxHorizonPeriods:N0}, but was {horizon.Periods}."));
        }

        if (!Enum.IsDefined(horizon.Period))
        {
            throw new ArgumentOutOfRangeException(nameof(spec), horizon.Period, Format($"spec.Horizon.Period must be Day, Week, Month or Year, but was {(int)horizon.Period}."));
        }

        if (!(horizon.MarginRate >= 0) || double.IsPositiveInfinity(horizon.MarginRate))
        {
            throw new ArgumentOutOfRangeException(nameof(spec), horizon.MarginRate, Format($"spec.Horizon.MarginRate must be a finite number of at least 0, but was {horizon.MarginRate}."));
        }

        var csv = spec.Csv ?? TransactionCsvOptions.Default;
        var parquet = spec.Parquet ?? TransactionParquetOptions.Default;
        if ((NotASystemZone(csv.TimeZone, "spec.Csv.TimeZone") ?? NotASystemZone(parquet.TimeZone, "spec.Parquet.TimeZone")) is { } zone)
        {
            throw new ArgumentException(zone, nameof(spec));
        }

        string[][] partitions = [.. spec.Partitions.Select(files => files.Select(Path.GetFullPath).ToArray())];
        if (FileListedTwice(partitions) is { } twice)
        {
            throw new ArgumentException(twice, nameof(spec));
        }

        if (csv.TimeZone is not null && !Clv.Shared.DateFormats.HasOffset(csv.DateFormat) && partitions.Any(files => files.Any(f => !f.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))))
        {
            // The CSV reader counts a time without an offset on its date as written: the zone would change nothing (as clv refuses --time-zone).
            throw new ArgumentException(Format($"spec.Csv.TimeZone '{csv.TimeZone.Id}' has no effect on CSV shards whose spec.Csv.DateFormat '{csv.DateFormat}' holds no offset: each row counts on its date as written. Leave the time zone out, or give the offset in the format (zzz or K, as in yyyy-MM-ddTHH:mm:sszzz) if the times carry one."), nameof(spec));
        }

        return new JobDefinition
        {
            JobId = spec.JobId,
            Partitions = partitions,
            ObservationEnd = spec.ObservationEnd,
            TimeUnit = spec.TimeUnit,
            Csv = CsvShardOptions.From(csv),
            Parquet = ParquetShardOptions.From(parquet),
            OutputFolder = Path.GetFullPath(spec.OutputFolder),
            OutputFormat = spec.OutputFormat,
            HorizonPeriods = horizon.Periods,
            HorizonPeriod = horizon.Period,
            DiscountRate = horizon.DiscountRate.Rate,
            DiscountPeriod = horizon.DiscountRate.Period,
            MarginRate = horizon.MarginRate,
            RfmCutPointsJson = spec.RfmCutPoints?.ToJson(),
            ReplaceOutput = spec.ReplaceOutput,
            CsvByteOrderMark = (spec.CsvOutput ?? CsvWriteOptions.Default).ByteOrderMark,
            CsvEscapeFormulas = (spec.CsvOutput ?? CsvWriteOptions.Default).EscapeFormulas,
        };
    }

    public int PartitionCount => Partitions.Length;

    /// <summary>
    /// Why a time zone cannot be shipped: the silos find it by its id, so a custom zone (<c>TimeZoneInfo.CreateCustomTimeZone</c>)
    /// would fail every partition's read (or, under a system zone's id, read with other rules). Null for a system zone.
    /// </summary>
    private static string? NotASystemZone(TimeZoneInfo? zone, string property) =>
        zone is null || (TimeZoneInfo.TryFindSystemTimeZoneById(zone.Id, out var system) && system.HasSameRules(zone))
            ? null
            : Format($"{property} is the time zone '{zone.Id}', which is not a system time zone with those rules: the silos find a time zone by its id. Use a system zone (TimeZoneInfo.FindSystemTimeZoneById, e.g. 'Europe/Berlin').");

    /// <summary>
    /// Why the spec cannot run when a shard file is listed twice (in one partition or in two): its rows would be read
    /// twice, doubling its customers' spend (in one partition, silently) or splitting them over two partitions. Null when
    /// every file is listed once.
    /// </summary>
    private static string? FileListedTwice(string[][] partitions)
    {
        var comparer = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var seen = new Dictionary<string, (int Partition, int File)>(comparer);
        for (int p = 0; p < partitions.Length; p++)
        {
            for (int f = 0; f < partitions[p].Length; f++)
            {
                if (!seen.TryAdd(partitions[p][f], (p, f)))
                {
                    var (firstPartition, firstFile) = seen[partitions[p][f]];
                    return Format($"spec.Partitions[{p}][{f}] is the file '{partitions[p][f]}', already listed as spec.Partitions[{firstPartition}][{firstFile}]: its rows would be read twice. List each shard file once.");
                }
            }
        }

        return null;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);


    public PredictiveClvOptions Horizon() => new()
    {
        Periods = HorizonPeriods,
        Period = HorizonPeriod,
        DiscountRate = Clv.DiscountRate.Per(DiscountPeriod, DiscountRate),
        MarginRate = MarginRate,
    };

    public ScorecardOptions ScorecardOptions(PurchaseModel purchases, GammaGammaModel spend) =>
        ScorecardOptions(RfmCutPointsJson is { } json ? RfmCutPoints.FromJson(json) : null, Horizon(), purchases, spend);

    public static ScorecardOptions ScorecardOptions(RfmCutPoints? cuts, PredictiveClvOptions horizon, PurchaseModel purchases, GammaGammaModel spend) => new()
    {
        Rfm = cuts is null ? null : RfmOptions.Default,
        RfmCutPoints = cuts,
        Segments = cuts is null ? null : SegmentMap.RfGrid(),
        ValueTiers = cuts is null ? null : SegmentMap.ValueTiers(),
        ChurnWarningDays = null,
        Abc = null,
        Health = null,
        Purchases = purchases,
        Spend = spend,
        Horizon = horizon,
    };

    public string OutputPath(int partition) => OutputPath(OutputFolder, OutputFormat, partition);

    public static string OutputPath(string folder, ClusterOutputFormat format, int partition) =>
        Path.Combine(folder, Format($"part-{partition:D5}") + (format == ClusterOutputFormat.Csv ? ".csv" : ".parquet"));

    /// <summary>
    /// Makes the output folder the job's before it starts: part files already there (<c>part-NNNNN.parquet</c>, <c>.csv</c>
    /// or their <c>.tmp</c>, of any number and either format) are refused, or deleted with <see cref="ReplaceOutput"/>, so a
    /// job's files are never read beside another's.
    /// </summary>
    public void ClaimOutputFolder()
    {
        if (!Directory.Exists(OutputFolder))
        {
            return;
        }

        var parts = Directory.EnumerateFiles(OutputFolder, "part-*").Where(f => PartFile.IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToArray();
        if (parts.Length == 0)
        {
            return;
        }

        if (!ReplaceOutput)
        {
            string names = string.Join(", ", parts.Take(3).Select(Path.GetFileName)) + (parts.Length > 3 ? ", ..." : "");
            throw new ArgumentException(Format($"The output folder '{OutputFolder}' already holds {parts.Length} part file(s) ({names}) of another job or run: empty it, choose another spec.OutputFolder, or set spec.ReplaceOutput to delete them when the job starts."), "spec");
        }

        foreach (string part in parts)
        {
            File.Delete(part);
        }
    }

    /// <summary>The one temporary name a partition writes to before moving the file in (a re-run overwrites it).</summary>
    public string TemporaryPath(int partition) => OutputPath(partition) + ".tmp";

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
