using System.Text;
using Clv.Crm;
using Clv.Csv;
using Clv.Csv.Internal;
using Clv.Probabilistic;
using Clv.Tests.Plots;
using Clv.Tests.Probabilistic;

namespace Clv.Tests.Csv;

/// <summary>
/// Every CSV writer's file overload replaces the file as a whole (a temporary file in the same folder, then one move): a
/// reader that opened the old file before the write still reads the old bytes (a file written in place would be truncated
/// under it), the new file has the stream overload's bytes, and no temporary file is left.
/// </summary>
[Collection("Plots")]   // PlotCases' shared fits and reports
public class CsvFileReplacementTests
{
    private static readonly Lazy<ClvByPeriod> ByPeriod = new(() => ClvByPeriod.Compute(PlotCases.Model, PlotCases.Spend, PlotCases.Customers, null));

    private static readonly Lazy<HoldoutReport> Holdout = new(() => HoldoutValidation.Evaluate(PlotCases.Model, PlotCases.Customers));

    private static readonly Lazy<PredictionIntervalReport> Intervals = new(() =>
        PredictionIntervals.Compute(CdnowFits.BgNbd, CdnowFits.GammaGamma, PlotCases.Customers, 39, null));

    private static readonly Lazy<Scorecard> Card = new(() => Scorecard.Create(PlotCases.Customers, ScorecardOptions.Default));

    private static readonly ContractCohortReport ContractCohorts = ContractCohortReport.Create(new ShiftedBetaGeometricModel(0.7, 1.2), [[10, 4, 2, 1]]);

    private static readonly Dictionary<string, (Action<string> ToPath, Action<Stream> ToStream)> Writers = new(StringComparer.Ordinal)
    {
        ["transactions"] = (p => TransactionCsv.Write(p, PlotCases.Rows), s => TransactionCsv.Write(s, PlotCases.Rows)),
        ["summaries"] = (p => CustomerSummaryCsv.Write(p, PlotCases.Customers), s => CustomerSummaryCsv.Write(s, PlotCases.Customers)),
        ["segments"] = (p => SegmentReportCsv.Write(p, PlotCases.Segments), s => SegmentReportCsv.Write(s, PlotCases.Segments)),
        ["clv-by-period"] = (p => ClvByPeriodCsv.Write(p, PlotCases.Customers, ByPeriod.Value), s => ClvByPeriodCsv.Write(s, PlotCases.Customers, ByPeriod.Value)),
        ["contract-cohorts"] = (p => ContractCohortReportCsv.Write(p, ContractCohorts), s => ContractCohortReportCsv.Write(s, ContractCohorts)),
        ["holdout"] = (p => HoldoutReportCsv.Write(p, Holdout.Value), s => HoldoutReportCsv.Write(s, Holdout.Value)),
        ["model-comparison"] = (p => ModelComparisonReportCsv.Write(p, PlotCases.Comparison), s => ModelComparisonReportCsv.Write(s, PlotCases.Comparison)),
        ["value-evaluation"] = (p => ValueEvaluationReportCsv.Write(p, PlotCases.Evaluation), s => ValueEvaluationReportCsv.Write(s, PlotCases.Evaluation)),
        ["prediction-intervals"] = (p => PredictionIntervalReportCsv.Write(p, Intervals.Value), s => PredictionIntervalReportCsv.Write(s, Intervals.Value)),
        ["cohorts"] = (p => CohortReportCsv.Write(p, PlotCases.Cohorts), s => CohortReportCsv.Write(s, PlotCases.Cohorts)),
        ["lifecycle-history"] = (p => LifecycleHistoryReportCsv.Write(p, PlotCases.History), s => LifecycleHistoryReportCsv.Write(s, PlotCases.History)),
        ["channels"] = (p => ChannelReportCsv.Write(p, PlotCases.Channels), s => ChannelReportCsv.Write(s, PlotCases.Channels)),
        ["scorecard"] = (p => ScorecardCsv.Write(p, Card.Value), s => ScorecardCsv.Write(s, Card.Value)),
    };

    public static TheoryData<string> Names() => new(Writers.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void WriteToPath_OverAFileAReaderHasOpen_MovesTheNewFileInAndTheReaderKeepsTheOld(string name)
    {
        string dir = Directory.CreateTempSubdirectory("clv-csv-replace-").FullName;
        try
        {
            string path = Path.Combine(dir, name + ".csv");
            string old = "old,file\r\n" + new string('x', 100_000);
            File.WriteAllText(path, old);
            using (var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                Writers[name].ToPath(path);
                using var text = new StreamReader(reader, Encoding.UTF8);
                Assert.Equal(old, text.ReadToEnd());
            }

            using var expected = new MemoryStream();
            Writers[name].ToStream(expected);
            Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
            Assert.Equal([name + ".csv"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A stream that cannot be written is refused naming it (the text writer's own error named no parameter).</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void WriteToStream_AReadOnlyStream_ArgumentExceptionNamingTheStream(string name)
    {
        using var readOnly = new MemoryStream(new byte[16], writable: false);
        var e = Assert.Throws<ArgumentException>(() => Writers[name].ToStream(readOnly));
        Assert.Equal("stream", e.ParamName);
        Assert.StartsWith("The stream cannot be written to (CanWrite is false).", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplacingFile_TextWriteFailsHalfWay_TheOldFileStaysAndNoTemporaryFileIsLeft()
    {
        string dir = Directory.CreateTempSubdirectory("clv-csv-replace-").FullName;
        try
        {
            string path = Path.Combine(dir, "summaries.csv");
            File.WriteAllText(path, "old");
            var error = Assert.Throws<IOException>(() => ReplacingFile.Write(path, writer =>
            {
                writer.Write(new string('a', 1 << 20));   // more than the writer's buffer: bytes reach the temporary file
                throw new IOException("disk full");
            }));

            Assert.Equal("disk full", error.Message);
            Assert.Equal("old", File.ReadAllText(path));
            Assert.Equal(["summaries.csv"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TransactionCsvWrite_IntoAMissingFolder_FailsAndCreatesNothing()
    {
        string dir = Directory.CreateTempSubdirectory("clv-csv-replace-").FullName;
        try
        {
            string path = Path.Combine(dir, "missing", "log.csv");
            Assert.Throws<DirectoryNotFoundException>(() => TransactionCsv.Write(path, PlotCases.Rows));
            Assert.Empty(Directory.GetFileSystemEntries(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
