using System.Text.Json;
using Clv.Crm;
using Clv.Csv;
using Clv.Parquet;
using Clv.Probabilistic;
using Clv.Rfm;
using Clv.Tests.Parquet;
using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>The <c>clv</c> command, run in process: outputs, summaries, errors and exit codes.</summary>
public sealed class ClvToolTests
{
    private static readonly DateOnly End = new(1997, 9, 30);

    /// <summary>The library's own scorecard of CDNOW with the tool's defaults (BG/NBD, 36 months, 10% a year).</summary>
    private static (Scorecard Scorecard, BgNbdModel Model, GammaGammaModel Spend) LibraryScorecard()
    {
        // Read the way the tool reads it (ids keep their leading zeros: "0001").
        var options = new TransactionCsvOptions { WhitespaceDelimited = true, HasHeader = false, CustomerIdIndex = 1, DateIndex = 2, AmountIndex = 4, DateFormat = "yyyyMMdd" };
        var customers = CustomerSummaries.FromTransactions(TransactionCsv.Read(TestData.PathOf("CDNOW_sample.txt"), options).Transactions, End, TimeUnit.Week);
        var model = BgNbdModel.Fit(customers).Model;
        var spend = GammaGammaModel.Fit(customers).Model;
        var scorecard = Scorecard.Create(customers, new ScorecardOptions
        {
            RfmCutPoints = RfmCutPoints.Fit(customers).Model,
            Purchases = model,
            Spend = spend,
            Horizon = new PredictiveClvOptions { Periods = 36, Period = TimeUnit.Month, DiscountRate = DiscountRate.Annual(0.1) },
        });
        return (scorecard, model, spend);
    }

    [Fact]
    public void Analyze_Cdnow_WritesTheLibrarysScorecardModelsReportAndSummary()
    {
        using var dir = new TempFolder();
        string outFolder = dir["out"];
        var r = ToolRunner.InProcess("analyze", ToolRunner.Cdnow("--out", outFolder));
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Equal(["out"], dir.Entries());   // the staging folder is gone
        string[] expectedFiles = [Job.PurchaseModelFile, Job.ReportFile, Job.RfmCutPointsFile, Job.ScorecardCsvFile, Job.ScorecardParquetFile, Job.SpendModelFile, Job.SummaryFile];
        Assert.Equal(expectedFiles, Directory.GetFiles(outFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // The CSV is byte for byte the library's scorecard written by the library's writer.
        var (scorecard, model, spend) = LibraryScorecard();
        string expectedCsv = dir["expected.csv"];
        ScorecardCsv.Write(expectedCsv, scorecard);
        Assert.Equal(File.ReadAllBytes(expectedCsv), File.ReadAllBytes(Path.Combine(outFolder, Job.ScorecardCsvFile)));
        Assert.Equal(2357, scorecard.Rows.Count);
        Assert.Equal(27, scorecard.Columns.Count);

        // Models: the published CDNOW BG/NBD estimates, loadable by the library.
        var saved = ModelJson.Load<BgNbdModel>(File.ReadAllText(Path.Combine(outFolder, Job.PurchaseModelFile)));
        Assert.Equal(0.2426, saved.R, 4);
        Assert.Equal(4.4136, saved.Alpha, 4);
        Assert.Equal(model.ToJson(), saved.ToJson());
        Assert.Equal(spend.ToJson(), ModelJson.Load<GammaGammaModel>(File.ReadAllText(Path.Combine(outFolder, Job.SpendModelFile))).ToJson());

        // The summary names every output and counts what the scorecard holds.
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outFolder, Job.SummaryFile)));
        var s = summary.RootElement;
        Assert.Equal("ok", s.GetProperty("status").GetString());
        Assert.Equal(2357, s.GetProperty("customers").GetInt32());
        Assert.Equal(6919, s.GetProperty("rows_read").GetInt64());
        Assert.Equal("BG/NBD", s.GetProperty("purchase_model").GetProperty("name").GetString());
        Assert.Equal(scorecard.Rows.Sum(x => x.Clv!.Value), s.GetProperty("totals").GetProperty("clv").GetDouble(), 6);
        Assert.Equal(scorecard.Rows.Count(x => x.Stage == Clv.Lifecycle.LifecycleStage.Churned), s.GetProperty("stages").GetProperty("Churned").GetInt32());
        Assert.Equal(expectedFiles.Length, s.GetProperty("outputs").GetArrayLength());
        Assert.Contains("BG/NBD", File.ReadAllText(Path.Combine(outFolder, Job.ReportFile)), StringComparison.Ordinal);
        Assert.Contains("clv analyze", r.Stdout, StringComparison.Ordinal);   // the final table
    }

    [Fact]
    public void Analyze_Cdnow_ScorecardParquetHasEveryColumnFilledAsDocumented()
    {
        using var dir = new TempFolder();
        var r = ToolRunner.InProcess("analyze", ToolRunner.Cdnow("--out", dir["out"], "--no-report", "--quiet"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("", r.Stdout);
        var (scorecard, _, _) = LibraryScorecard();
        using var files = new ParquetTestFiles();
        string parquet = ParquetTestFiles.Sql(Path.Combine(dir["out"], Job.ScorecardParquetFile));
        Assert.Equal(2357L, ParquetTestFiles.Long(files.Query($"SELECT count(*) FROM {parquet}")[0][0]));
        foreach (var column in scorecard.Columns)
        {
            long filled = ParquetTestFiles.Long(files.Query($"SELECT count(\"{column.Name}\") FROM {parquet}")[0][0]);
            long expected = scorecard.Rows.LongCount(row => column.Kind switch
            {
                ScorecardColumnKind.Text => !string.IsNullOrEmpty(column.GetText(row)),
                ScorecardColumnKind.Integer => column.GetInteger(row) is not null,
                _ => column.GetNumber(row) is not null,
            });
            Assert.True(expected == filled, $"{column.Name}: {filled} filled cells, the library has {expected}");

            // Only the churn warning is empty by design (for customers without one); every other column is filled.
            if (column.Name != "churn_warning")
            {
                Assert.True(filled == 2357, $"{column.Name} has {2357 - filled} empty cells");
            }
        }

        double clv = ParquetTestFiles.Double(files.Query($"SELECT sum(clv) FROM {parquet}")[0][0]);
        Assert.Equal(scorecard.Rows.Sum(x => x.Clv!.Value), clv, 6);
    }

    [Fact]
    public void Score_WithTheModelsAnalyzeSaved_OnTheSameLog_ReproducesAnalyzesScorecard()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, ToolRunner.InProcess("analyze", ToolRunner.Cdnow("--out", dir["a"], "--no-report", "--quiet")).ExitCode);
        var r = ToolRunner.InProcess("score", ToolRunner.Cdnow("--models", dir["a"], "--out", dir["b"], "--quiet"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir["a"], Job.ScorecardCsvFile)), File.ReadAllBytes(Path.Combine(dir["b"], Job.ScorecardCsvFile)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir["a"], Job.ScorecardParquetFile)), File.ReadAllBytes(Path.Combine(dir["b"], Job.ScorecardParquetFile)));
    }

    [Fact]
    public void Score_UsesTheSavedCutPoints_NotTheNewPopulations()
    {
        // Score only the first 500 customers' rows: quantiles of that population differ, the saved cut points do not.
        using var dir = new TempFolder();
        Assert.Equal(0, ToolRunner.InProcess("analyze", ToolRunner.Cdnow("--out", dir["a"], "--no-report", "--quiet")).ExitCode);
        var rows = TestData.CdnowSample().Where(t => int.Parse(t.CustomerId, System.Globalization.CultureInfo.InvariantCulture) <= 500).ToArray();
        TransactionCsv.Write(dir["part.csv"], rows);
        var r = ToolRunner.InProcess("score", [dir["part.csv"], "--observation-end", "1997-09-30", "--models", dir["a"], "--out", dir["b"], "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var cuts = RfmCutPoints.FromJson(File.ReadAllText(Path.Combine(dir["a"], Job.RfmCutPointsFile)));
        var customers = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Week);
        var expected = cuts.Score(customers);
        var part = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Week);
        Assert.NotEqual(RfmScorer.Score(part).CutPoints.ToJson(), cuts.ToJson());
        using var files = new ParquetTestFiles();
        var got = files.Query($"SELECT customer_id, rfm_code FROM {ParquetTestFiles.Sql(Path.Combine(dir["b"], Job.ScorecardParquetFile))}");
        Assert.Equal(customers.Count, got.Count);
        for (int i = 0; i < got.Count; i++)
        {
            Assert.Equal(customers[i].CustomerId, got[i][0]);
            Assert.Equal(expected[i].Code, got[i][1]);
        }

        Assert.Equal(customers.Count, r.Json().GetProperty("customers").GetInt32());
    }

    [Fact]
    public void Fit_Auto_KeepsTheLowestBicModel_AndJsonListsAllThree()
    {
        using var dir = new TempFolder();
        var r = ToolRunner.InProcess("fit", ToolRunner.Cdnow("--model", "auto", "--out", dir["m"], "--json"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        var json = r.Json();
        Assert.Equal(3, json.GetProperty("models_compared").GetArrayLength());
        var best = ModelComparison.Compare(TestData.CdnowSummaries()).BestByBic!.Value;
        Assert.Equal(best.Name, json.GetProperty("purchase_model").GetProperty("name").GetString());
        var saved = ModelJson.Load<PurchaseModel>(File.ReadAllText(Path.Combine(dir["m"], Job.PurchaseModelFile)));
        Assert.Equal(best.Model!.ToJson(), saved.ToJson());
        Assert.Equal([Job.PurchaseModelFile, Job.RfmCutPointsFile, Job.SpendModelFile, Job.SummaryFile], Directory.GetFiles(dir["m"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("rfm", "rfm.parquet", new[] { "customer_id", "days_since_last_purchase", "r_score", "f_score", "m_score", "rfm_code", "rfm_segment", "rfm_segment_zh", "value_tier", "value_tier_zh" })]
    [InlineData("stages", "stages.csv", new[] { "customer_id", "days_since_last_purchase", "lifecycle_stage", "lifecycle_stage_zh", "churn_warning" })]
    public void RfmAndStages_WriteTheirColumnsOnly(string command, string file, string[] columns)
    {
        using var dir = new TempFolder();
        var r = ToolRunner.InProcess(command, ToolRunner.Cdnow("--out", dir[file], "--quiet"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal([file], dir.Entries());
        using var files = new ParquetTestFiles();
        string source = file.EndsWith(".csv", StringComparison.Ordinal) ? $"read_csv({ParquetTestFiles.Sql(dir[file])}, all_varchar = true)" : ParquetTestFiles.Sql(dir[file]);
        var described = files.Query($"DESCRIBE SELECT * FROM {source}").Select(x => (string)x[0]!).ToArray();
        Assert.Equal(columns, described);
        Assert.Equal(2357L, ParquetTestFiles.Long(files.Query($"SELECT count(*) FROM {source}")[0][0]));
    }

    [Fact]
    public void BadRow_Csv_ExitsWithBadInput_NamesFileLineAndColumn_AndWritesNothing()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir["log.csv"], "customer_id,date,amount\n1,1997-01-01,10\n1,1997-13-01,5\n2,1997-02-01,7\n");
        var r = ToolRunner.InProcess("analyze", [dir["log.csv"], "--observation-end", "1997-09-30", "--out", dir["out"]]);
        Assert.Equal(ExitCode.BadInput, r.ExitCode);
        Assert.Contains(dir["log.csv"] + ", line 3, column 'date'", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("1997-13-01", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(["log.csv"], dir.Entries());   // no output folder, no staging folder

        var j = ToolRunner.InProcess("analyze", [dir["log.csv"], "--observation-end", "1997-09-30", "--out", dir["out"], "--json"]);
        Assert.Equal(ExitCode.BadInput, j.ExitCode);
        var e = j.Json();
        Assert.Equal("error", e.GetProperty("status").GetString());
        Assert.Equal("bad_input", e.GetProperty("kind").GetString());
        Assert.Equal(dir["log.csv"], e.GetProperty("file").GetString());
        Assert.Equal(3, e.GetProperty("row").GetInt64());
        Assert.Equal("date", e.GetProperty("column").GetString());
    }

    [Fact]
    public void BadRow_Parquet_ExitsWithBadInput_NamesFileRowAndColumn()
    {
        using var dir = new TempFolder();
        using var files = new ParquetTestFiles();
        files.Execute($"COPY (SELECT * FROM (VALUES ('1', DATE '1997-01-01', 10.0), ('1', DATE '1997-02-01', 4.0), (NULL, DATE '1997-01-02', 5.0)) t(customer_id, date, amount)) TO {ParquetTestFiles.Sql(dir["log.parquet"])} (FORMAT PARQUET)");
        var r = ToolRunner.InProcess("rfm", [dir["log.parquet"], "--observation-end", "1997-09-30", "--out", dir["rfm.csv"], "--json"]);
        Assert.Equal(ExitCode.BadInput, r.ExitCode);
        var e = r.Json();
        Assert.Equal(dir["log.parquet"], e.GetProperty("file").GetString());
        Assert.Equal(3, e.GetProperty("row").GetInt64());
        Assert.Equal("customer_id", e.GetProperty("column").GetString());
        Assert.Equal(["log.parquet"], dir.Entries());

        // Lenient: the row is skipped and listed in rfm.rejected-rows.csv beside the output.
        var lenient = ToolRunner.InProcess("rfm", [dir["log.parquet"], "--observation-end", "1997-09-30", "--out", dir["rfm.csv"], "--lenient", "--json"]);
        Assert.True(lenient.ExitCode == 0, lenient.Stderr);
        Assert.Equal(1, lenient.Json().GetProperty("rows_rejected").GetInt32());
        string[] rejected = File.ReadAllLines(dir["rfm.rejected-rows.csv"]);
        Assert.Equal("row,column,reason,value", rejected[0]);
        Assert.StartsWith("3,customer_id,", rejected[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_AmountsSummingPastTheLargestDouble_IsBadInputNamingTheCustomer()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir["log.csv"], "customer_id,date,amount\n1,1997-01-01,10\n2,1997-01-05,1e308\n2,1997-02-05,1e308\n");

        var r = ToolRunner.InProcess("analyze", [dir["log.csv"], "--observation-end", "1997-09-30", "--out", dir["out"], "--json"]);

        Assert.Equal(ExitCode.BadInput, r.ExitCode);
        Assert.Contains("Customer '2': the amounts sum to more than the largest finite number", r.Json().GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["out"]));
    }

    [Fact]
    public void Failure_LeavesAnExistingOutputFolderAsItWas()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir["out"]);
        File.WriteAllText(Path.Combine(dir["out"], Job.ScorecardCsvFile), "old");
        File.WriteAllText(dir["log.csv"], "customer_id,date,amount\n1,1997-01-01,10\n2,1997-01-05,x\n");
        Assert.Equal(ExitCode.BadInput, ToolRunner.InProcess("analyze", [dir["log.csv"], "--observation-end", "1997-09-30", "--out", dir["out"]]).ExitCode);
        Assert.Equal("old", File.ReadAllText(Path.Combine(dir["out"], Job.ScorecardCsvFile)));
        Assert.Equal([Job.ScorecardCsvFile], Directory.GetFiles(dir["out"]).Select(Path.GetFileName));
        Assert.Equal(["log.csv", "out"], dir.Entries());
    }

    [Theory]
    [InlineData(new[] { "--out", "x" }, "--observation-end is required")]
    [InlineData(new[] { "--observation-end", "30/09/1997", "--out", "x" }, "--observation-end must be a date as yyyy-MM-dd, but was '30/09/1997'")]
    [InlineData(new[] { "--observation-end", "1997-09-30", "--out", "x", "--model", "nbd" }, "--model must be one of bgnbd, mbgnbd, paretonbd, auto, but was 'nbd'")]
    [InlineData(new[] { "--observation-end", "1997-09-30", "--out", "x", "--unit", "fortnight" }, "--unit must be day, week, month or year, but was 'fortnight'")]
    [InlineData(new[] { "--observation-end", "1997-09-30", "--out", "x", "--holdout-end", "1997-01-01" }, "--holdout-end (1997-01-01) must be after --observation-end (1997-09-30)")]
    [InlineData(new[] { "--observation-end", "1997-09-30", "--out", "x", "--time-zone", "Mars/Olympus" }, "--time-zone 'Mars/Olympus' is not a time zone")]
    [InlineData(new[] { "--observation-end", "1997-09-30", "--out", "x", "--horizon", "0" }, "--horizon must be 1 to 1200 periods, but was 0")]
    [InlineData(new[] { "--observation-end", "1997-09-30", "--out", "x", "--horizon", "101", "--horizon-unit", "year" }, "--horizon must be at most 100 years (a lifetime value over more than a century says nothing more), but was 101 years.")]
    [InlineData(new[] { "--observation-end", "1997-09-30", "--out", "x", "--horizon", "36m" }, "--horizon must be a whole number, but was '36m'.")]
    [InlineData(new[] { "--observation-end", "1997-09-30", "--out", "x", "--discount-rate=0,1" }, "--discount-rate must be a number such as 0.1 (a dot for decimals), but was '0,1'.")]
    [InlineData(new[] { "--observation-end", "1997-09-30", "--out", "x", "--amount-index", "third" }, "--amount-index must be a whole number, but was 'third'.")]
    [InlineData(new[] { "--observation-end", "1997-09-30", "--out", "x", "--no-such-option" }, "no-such-option")]
    [InlineData(new[] { "--observation-end", "1997-09-30" }, "--out is required")]
    [InlineData(new[] { "--observation-end", "1997-09-30", "--out", "" }, "--out must not be empty: the folder for the scorecard, models and report.")]
    public void UsageErrors_ExitWithUsage_AndSayWhatIsWrong(string[] args, string message)
    {
        var r = ToolRunner.InProcess("analyze", [TestData.PathOf("orders.csv"), .. args]);
        Assert.Equal(ExitCode.Usage, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists("x"));
    }

    [Theory]
    [InlineData("rfm", "--out")]
    [InlineData("analyze", "--out", "--no-report")]
    [InlineData("score", "--models")]
    [InlineData("rfm", "--date-format")]
    [InlineData("stages", "--unit")]
    [InlineData("score", "--horizon")]
    [InlineData("rfm", "-o")]
    public void OptionWithoutItsValue_IsAUsageError_AndWritesNothing(string command, params string[] tail)
    {
        // `--out $OUT` with OUT empty: the parser gave --out the value "__default_command", and rfm wrote a file of that name (exit 0).
        using var dir = new TempFolder();
        File.Copy(TestData.PathOf("orders.csv"), dir["log.csv"]);
        string[] models = command == "score" && tail[0] != "--models" ? ["--models", dir["m"]] : [];
        string[] output = tail[0] is "--out" or "-o" ? [] : ["--out", dir["out.csv"]];
        string cwd = Environment.CurrentDirectory;
        var r = ToolRunner.InProcess(command, [dir["log.csv"], "--observation-end", "1997-09-30", .. models, .. output, "--json", .. tail]);
        Assert.Equal(ExitCode.Usage, r.ExitCode);
        Assert.Equal($"{tail[0]} needs a value, but nothing follows it (is a shell variable empty?).", r.Json().GetProperty("message").GetString());
        Assert.Equal(["log.csv"], dir.Entries());
        Assert.False(File.Exists(Path.Combine(cwd, "__default_command")) || Directory.Exists(Path.Combine(cwd, "__default_command")));
    }

    [Fact]
    public void JsonInAnyCase_PrintsTheErrorDocumentToo()
    {
        // Options are case-insensitive (--JSON prints the summary on success), so a failure prints its JSON document too.
        var r = ToolRunner.InProcess("analyze", [TestData.PathOf("orders.csv"), "--observation-end", "1997-09-31", "--out", "x", "--JSON"]);
        Assert.Equal(ExitCode.Usage, r.ExitCode);
        Assert.Equal("usage", r.Json().GetProperty("kind").GetString());
    }

    [Fact]
    public void MissingLogFile_IsBadInput()
    {
        using var dir = new TempFolder();
        var r = ToolRunner.InProcess("stages", [dir["nope.csv"], "--observation-end", "1997-09-30", "--out", dir["s.csv"]]);
        Assert.Equal(ExitCode.BadInput, r.ExitCode);
        Assert.Contains($"The log file '{dir["nope.csv"]}' does not exist", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stages", "--out", "--out must not be empty: the file to write (.csv or .parquet).")]
    [InlineData("fit", "--out", "--out must not be empty: the folder for the model files.")]
    [InlineData("score", "--models", "--models must not be empty: the folder 'clv analyze' or 'clv fit' wrote.")]
    [InlineData("score", "--out", "--out must not be empty: the folder for the scorecard.")]
    public void BlankPathOption_IsAUsageError(string command, string option, string message)
    {
        using var dir = new TempFolder();
        string[] paths = command == "score" ? ["--models", dir["m"], "--out", dir["o"]] : ["--out", dir["o"]];
        paths[Array.IndexOf(paths, option) + 1] = " ";
        var r = ToolRunner.InProcess(command, ToolRunner.Cdnow(paths));
        Assert.True(r.ExitCode == ExitCode.Usage, r.Stderr);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingModelFile_IsBadInput_AndNamesIt()
    {
        using var dir = new TempFolder();
        var r = ToolRunner.InProcess("score", ToolRunner.Cdnow("--models", dir["none"], "--out", dir["o"]));
        Assert.Equal(ExitCode.BadInput, r.ExitCode);
        Assert.Contains(Path.Combine(dir["none"], Job.PurchaseModelFile), r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRepeatPurchases_IsAFitFailure()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir["log.csv"], "customer_id,date,amount\n1,1997-01-01,10\n2,1997-01-05,12\n3,1997-02-01,9\n");
        var r = ToolRunner.InProcess("analyze", [dir["log.csv"], "--observation-end", "1997-09-30", "--out", dir["out"], "--json"]);
        Assert.Equal(ExitCode.FitFailed, r.ExitCode);
        Assert.Equal("fit_failed", r.Json().GetProperty("kind").GetString());
        Assert.Equal(
            "BG/NBD fit needs repeat purchases, but none of the 3 customers has one: the purchase and dropout processes cannot be identified. 'clv rfm' and 'clv stages' score these customers without models.",
            r.Json().GetProperty("message").GetString());
        Assert.Equal(["log.csv"], dir.Entries());

        var auto = ToolRunner.InProcess("analyze", [dir["log.csv"], "--observation-end", "1997-09-30", "--out", dir["out"], "--json", "--model", "auto"]);
        Assert.Equal(ExitCode.FitFailed, auto.ExitCode);
        Assert.EndsWith(" 'clv rfm' and 'clv stages' score these customers without models.", auto.Json().GetProperty("message").GetString(), StringComparison.Ordinal);

        // What the messages point to works on the same log.
        Assert.Equal(ExitCode.Success, ToolRunner.InProcess("rfm", [dir["log.csv"], "--observation-end", "1997-09-30", "--out", dir["rfm.csv"], "--quiet"]).ExitCode);
        Assert.Equal(ExitCode.Success, ToolRunner.InProcess("stages", [dir["log.csv"], "--observation-end", "1997-09-30", "--out", dir["stages.csv"], "--quiet"]).ExitCode);
    }

    [Fact]
    public void UnwritableOutput_IsAnOutputFailure()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir["file"], "a file, not a folder");
        var r = ToolRunner.InProcess("analyze", ToolRunner.Cdnow("--out", Path.Combine(dir["file"], "out"), "--no-report"));
        Assert.Equal(ExitCode.OutputFailed, r.ExitCode);
        Assert.Equal(["file"], dir.Entries());
    }

    [Fact]
    public void Cancelled_ExitsWith130_AndWritesNothing()
    {
        using var dir = new TempFolder();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var r = ToolRunner.Cancellable("analyze", ToolRunner.Cdnow("--out", dir["out"]), cancel.Token);
        Assert.Equal(ExitCode.Cancelled, r.ExitCode);
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void Version_IsThePackageVersion()
    {
        var r = ToolRunner.InProcess("--version", []);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("1.0.0-rc.1", r.Stdout.Trim(), StringComparison.Ordinal);
        Assert.Equal(ClvApp.Version, r.Stdout.Trim());
    }

    [Fact]
    public void Help_ListsCommandsAndExamples()
    {
        var r = ToolRunner.InProcess("--help", []);
        Assert.Equal(0, r.ExitCode);
        foreach (var word in new[] { "analyze", "score", "fit", "rfm", "stages", "clv analyze orders.csv --observation-end 1997-09-30 --out clv-out" })
        {
            Assert.Contains(word, r.Stdout, StringComparison.Ordinal);
        }

        var a = ToolRunner.InProcess("analyze", ["--help"]);
        Assert.Equal(0, a.ExitCode);
        foreach (int code in typeof(ExitCode).GetFields().Select(f => (int)f.GetValue(null)!))
        {
            // The exit codes a script branches on, in the tool's help and each command's.
            Assert.Matches($@"
\s+{code}\s+\w", r.Stdout);
            Assert.Matches($@"
\s+{code}\s+\w", a.Stdout);
        }

        Assert.Contains("--observation-end", a.Stdout, StringComparison.Ordinal);
        Assert.Contains("--holdout-end", a.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("analyze", "--no-report")]
    [InlineData("rfm")]
    public void Json_StepTimes_AreKeyedTheSameWhateverTheFileIsCalled(string command, params string[] more)
    {
        // step_ms used to be keyed by the step's display name, "Read orders.csv": a pipeline could not read the time of a step.
        using var dir = new TempFolder();
        File.Copy(TestData.PathOf("orders.csv"), dir["march.csv"]);
        File.Copy(TestData.PathOf("orders.csv"), dir["april.csv"]);
        string[] Keys(string log)
        {
            string output = command == "rfm" ? dir[log + ".rfm.csv"] : dir[log + ".out"];
            var r = ToolRunner.InProcess(command, [dir[log], "--observation-end", "1997-09-30", "--out", output, "--json", .. more]);
            Assert.True(r.ExitCode == ExitCode.Success, r.Stderr + r.Stdout);
            return [.. r.Json().GetProperty("step_ms").EnumerateObject().Select(p => p.Name)];
        }

        var march = Keys("march.csv");

        Assert.Equal(march, Keys("april.csv"));
        Assert.Contains("read", march);
        Assert.All(march, k => Assert.Matches("^[a-z_]+$", k));
    }
}
