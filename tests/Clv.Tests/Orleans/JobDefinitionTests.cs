using Clv.Csv;
using Clv.Orleans;
using Clv.Orleans.Internal;
using Clv.Parquet;
using Clv.Probabilistic;

namespace Clv.Tests.Orleans;

/// <summary>What a cluster job ships to its silos reads the shard files as the spec's options read them locally.</summary>
public class JobDefinitionTests
{
    [Fact]
    public void ShardReader_CsvWithQuantity_SameAmountsAsALocalRead()
    {
        string folder = Directory.CreateTempSubdirectory("clv-job-definition-").FullName;
        try
        {
            string file = Path.Combine(folder, "lines.csv");
            File.WriteAllText(file, "customer_id,date,qty,price\nA,2024-01-03,3,10\nA,2024-02-03,2,5\nB,2024-02-10,1,7.5\n");
            var csv = new TransactionCsvOptions { AmountColumn = "price", QuantityColumn = "qty" };
            var spec = new ClusterJobSpec
            {
                JobId = "quantity",
                Partitions = [[file]],
                ObservationEnd = new DateOnly(2024, 3, 31),
                OutputFolder = folder,
                Csv = csv,
            };

            // As a silo sees it: the definition travels as JSON.
            var (silo, here) = SiloAndLocal(file, spec, csv);

            // The quantity was left behind: the silo read A's spend as 10 + 5 (unit prices) instead of 3 x 10 + 2 x 5.
            Assert.Equal(40, here[0].Spend);
            Assert.Equal(here.Select(c => c.Spend), silo.Select(c => c.Spend));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void FromSpec_QuantityOptions_ShipToTheSilos()
    {
        var spec = new ClusterJobSpec
        {
            JobId = "quantity",
            Partitions = [["a.csv"]],
            ObservationEnd = new DateOnly(2024, 3, 31),
            OutputFolder = "out",
            Csv = new TransactionCsvOptions { QuantityIndex = 3, AmountIndex = 2, CustomerIdIndex = 0, DateIndex = 1, HasHeader = false },
            Parquet = new TransactionParquetOptions { QuantityColumn = "qty" },
        };

        var shipped = JobDefinition.FromJson(JobDefinition.FromSpec(spec).ToJson());

        Assert.Equal(3, shipped.Csv.ToOptions(TestContext.Current.CancellationToken).QuantityIndex);
        Assert.Equal("qty", shipped.Parquet.ToOptions(TestContext.Current.CancellationToken).QuantityColumn);
    }

    [Theory]
    [InlineData(0, 1, "[0][1]", "[0][0]")]     // the same file twice in one partition: its customers' spend doubled, silently
    [InlineData(1, 0, "[1][0]", "[0][0]")]     // in two partitions: its customers split over both
    public void FromSpec_ShardFileListedTwice_RefusedNamingTheFileAndBothPlaces(int partition, int file, string second, string first)
    {
        var partitions = new List<List<string>> { new() { "shards/a.csv" }, new() { "shards/b.csv" } };
        partitions[partition].Insert(file, Path.Combine(".", "shards", "..", "shards", "a.csv"));
        var spec = new ClusterJobSpec
        {
            JobId = "twice",
            Partitions = partitions,
            ObservationEnd = new DateOnly(2024, 3, 31),
            OutputFolder = "out",
        };

        var ex = Assert.Throws<ArgumentException>(() => JobDefinition.FromSpec(spec));
        Assert.Equal("spec", ex.ParamName);
        Assert.Contains("spec.Partitions" + second, ex.Message, StringComparison.Ordinal);
        Assert.Contains("spec.Partitions" + first, ex.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath("shards/a.csv"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShardReader_CultureWithCustomisedDecimalSeparator_SameAmountsAsALocalRead()
    {
        // An export with decimal commas read with the invariant culture told to take ',' (a clone: its name is still "").
        var commas = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        commas.NumberFormat.NumberDecimalSeparator = ",";
        string folder = Directory.CreateTempSubdirectory("clv-job-definition-").FullName;
        try
        {
            string file = Path.Combine(folder, "orders.csv");
            File.WriteAllText(file, "customer_id;date;amount\nA;2024-01-03;12,50\nA;2024-02-03;7,25\nB;2024-02-10;3,5\n");
            var csv = new TransactionCsvOptions { Delimiter = ';', Culture = commas };
            var spec = new ClusterJobSpec { JobId = "commas", Partitions = [[file]], ObservationEnd = new DateOnly(2024, 3, 31), OutputFolder = folder, Csv = csv };

            var (silo, here) = SiloAndLocal(file, spec, csv);

            // The silo got only the culture's name (""), so it read "12,50" with a '.' decimal point and failed the row.
            Assert.Equal(19.75, here[0].Spend);
            Assert.Equal(here.Select(c => c.Spend), silo.Select(c => c.Spend));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static TheoryData<string, ClusterJobSpec> OutOfRangeSpecs()
    {
        static ClusterJobSpec Spec(TimeUnit unit, PredictiveClvOptions horizon) => new()
        {
            JobId = "range",
            Partitions = [["a.csv"]],
            ObservationEnd = new DateOnly(2024, 3, 31),
            OutputFolder = "out",
            TimeUnit = unit,
            Horizon = horizon,
        };

        return new()
        {
            { "spec.TimeUnit must be Day, Week, Month or Year, but was 9.", Spec((TimeUnit)9, PredictiveClvOptions.Default) },
            { "spec.Horizon.Periods must be 1 to 1,000,000, but was 0.", Spec(TimeUnit.Week, new PredictiveClvOptions { Periods = 0 }) },
            { "spec.Horizon.Period must be Day, Week, Month or Year, but was -1.", Spec(TimeUnit.Week, new PredictiveClvOptions { Period = (TimeUnit)(-1) }) },
            { "spec.Horizon.MarginRate must be a finite number of at least 0, but was NaN.", Spec(TimeUnit.Week, new PredictiveClvOptions { MarginRate = double.NaN }) },
            { "spec.Horizon.MarginRate must be a finite number of at least 0, but was -0.3.", Spec(TimeUnit.Week, new PredictiveClvOptions { MarginRate = -0.3 }) },
        };
    }

    [Theory]
    [MemberData(nameof(OutOfRangeSpecs))]
    public void FromSpec_ValueOutOfRange_RefusedBeforeTheJobStartsNamingTheProperty(string message, ClusterJobSpec spec)
    {
        // Before: accepted here, so the silos read every file and fitted both models before scoring failed
        // (or, for a NaN margin, the definition's JSON writer threw a message naming no property).
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => JobDefinition.FromSpec(spec));
        Assert.Equal("spec", ex.ParamName);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputPath_RelativeOutputFolder_TheFullPathTheJobWrites()
    {
        var spec = new ClusterJobSpec
        {
            JobId = "relative",
            Partitions = [["a.csv"], ["b.csv"]],
            ObservationEnd = new DateOnly(2024, 3, 31),
            OutputFolder = Path.Combine("runs", "today"),
            OutputFormat = ClusterOutputFormat.Csv,
        };

        // Before: "runs/today/part-00001.csv", while the job wrote (and ClusterJobResult.OutputFiles named) the full path.
        Assert.Equal(JobDefinition.FromSpec(spec).OutputPath(1), spec.OutputPath(1));
        Assert.Equal(Path.GetFullPath(Path.Combine("runs", "today", "part-00001.csv")), spec.OutputPath(1));
    }

    [Fact]
    public void FromSpec_CustomTimeZone_RefusedNamingTheProperty()
    {
        // Before: shipped by its id, so every silo failed its first read with TimeZoneNotFoundException after the job started.
        var store = TimeZoneInfo.CreateCustomTimeZone("Store time", TimeSpan.FromHours(3), "Store time", "Store time");
        var spec = new ClusterJobSpec
        {
            JobId = "zone",
            Partitions = [["a.parquet"]],
            ObservationEnd = new DateOnly(2024, 3, 31),
            OutputFolder = "out",
            Parquet = new TransactionParquetOptions { TimeZone = store },
        };

        var ex = Assert.Throws<ArgumentException>(() => JobDefinition.FromSpec(spec));
        Assert.Equal("spec", ex.ParamName);
        Assert.Contains("spec.Parquet.TimeZone is the time zone 'Store time'", ex.Message, StringComparison.Ordinal);
        _ = JobDefinition.FromSpec(new ClusterJobSpec { JobId = "utc", Partitions = spec.Partitions, ObservationEnd = spec.ObservationEnd, OutputFolder = "out", Csv = new TransactionCsvOptions { TimeZone = TimeZoneInfo.Utc } });
    }

    [Fact]
    public void FromSpec_CsvTimeZoneWithADateFormatWithoutOffset_RefusedAsTheToolRefusesIt()
    {
        // Before: accepted, and the zone changed nothing on the silos (a time without an offset counts on its date as written).
        var spec = new ClusterJobSpec
        {
            JobId = "zone-no-offset",
            Partitions = [["a.csv"], ["b.parquet"]],
            ObservationEnd = new DateOnly(2024, 3, 31),
            OutputFolder = "out",
            Csv = new TransactionCsvOptions { DateFormat = "yyyy-MM-dd HH:mm:ss", TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai") },
        };

        var ex = Assert.Throws<ArgumentException>(() => JobDefinition.FromSpec(spec));
        Assert.Equal("spec", ex.ParamName);
        Assert.Contains("spec.Csv.TimeZone 'Asia/Shanghai' has no effect", ex.Message, StringComparison.Ordinal);
        Assert.Contains("spec.Csv.DateFormat 'yyyy-MM-dd HH:mm:ss' holds no offset", ex.Message, StringComparison.Ordinal);

        // With an offset in the format, or with Parquet shards only (the CSV options unused), the zone is taken.
        var withOffset = new TransactionCsvOptions { DateFormat = "yyyy-MM-ddTHH:mm:sszzz", TimeZone = spec.Csv.TimeZone };
        _ = JobDefinition.FromSpec(new ClusterJobSpec { JobId = spec.JobId, Partitions = spec.Partitions, ObservationEnd = spec.ObservationEnd, OutputFolder = "out", Csv = withOffset });
        _ = JobDefinition.FromSpec(new ClusterJobSpec { JobId = spec.JobId, Partitions = [["b.parquet"]], ObservationEnd = spec.ObservationEnd, OutputFolder = "out", Csv = spec.Csv });
    }

    /// <summary>The file read as a silo reads it (the definition shipped as JSON) and as a local read with the same options.</summary>
    private static (CustomerSummaries Silo, CustomerSummaries Local) SiloAndLocal(string file, ClusterJobSpec spec, TransactionCsvOptions csv)
    {
        var shipped = JobDefinition.FromJson(JobDefinition.FromSpec(spec).ToJson());
        var onSilo = new CustomerSummariesBuilder(spec.ObservationEnd, spec.TimeUnit);
        ShardReader.ReadInto(file, onSilo, shipped, TestContext.Current.CancellationToken);
        var local = new CustomerSummariesBuilder(spec.ObservationEnd, spec.TimeUnit);
        TransactionCsv.ReadInto(file, local, csv);
        return (onSilo.Build(), local.Build());
    }
}
