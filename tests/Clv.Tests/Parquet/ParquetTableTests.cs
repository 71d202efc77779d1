using Clv.Parquet.Internal;

namespace Clv.Tests.Parquet;

/// <summary>The columnar writer every Parquet writer of the package uses: each column type as DuckDB reads it, nulls as nulls.</summary>
public class ParquetTableTests
{
    [Fact]
    public void WriteTo_EveryColumnType_DuckDbReadsTypesValuesAndNulls()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("table.parquet");
        new ParquetTable(3) { RowGroupRows = 2 }
            .Add("id", ["a", "b", "中"])
            .AddNullable("label", ["x", null, "z"])
            .Add("value", new[] { 1.5, -0.0, 1e300 })
            .Add("maybe_value", new double?[] { null, 2.5, null })
            .Add("count", new[] { 1, 2, 3 })
            .Add("maybe_count", new int?[] { 4, null, 6 })
            .Add("big", new[] { long.MaxValue, 0, -1 })
            .Add("maybe_big", new long?[] { null, null, 7 })
            .Add("day", new[] { new DateOnly(2024, 2, 29), DateOnly.MinValue, DateOnly.MaxValue })
            .Add("maybe_day", new DateOnly?[] { null, new DateOnly(1997, 1, 1), null })
            .Add("flag", new[] { true, false, true })
            .Add("maybe_flag", new bool?[] { null, true, false })
            .WriteTo(path);
        string source = $"read_parquet({ParquetTestFiles.Sql(path)}, file_row_number = true)";

        var types = files.Query($"DESCRIBE SELECT * EXCLUDE (file_row_number) FROM {source}").Select(r => $"{r[0]} {r[1]}");
        var rows = files.Query($"SELECT * EXCLUDE (file_row_number) FROM {source} ORDER BY file_row_number");

        Assert.Equal(
            ["id VARCHAR", "label VARCHAR", "value DOUBLE", "maybe_value DOUBLE", "count INTEGER", "maybe_count INTEGER", "big BIGINT", "maybe_big BIGINT",
             "day DATE", "maybe_day DATE", "flag BOOLEAN", "maybe_flag BOOLEAN"],
            types);
        Assert.Equal<object?>(["a", "x", 1.5, null, 1, 4, long.MaxValue, null, new DateOnly(2024, 2, 29), null, true, null], rows[0]);
        Assert.Equal<object?>(["b", null, -0.0, 2.5, 2, null, 0L, null, DateOnly.MinValue, new DateOnly(1997, 1, 1), false, true], rows[1]);
        Assert.Equal<object?>(["中", "z", 1e300, null, 3, 6, -1L, 7L, DateOnly.MaxValue, null, true, false], rows[2]);
    }

    [Fact]
    public void WriteTo_ComputedColumnsOverSeveralRowGroups_EveryCellAsComputed()
    {
        // Two columns of each computed type share one buffer per type, refilled for every row group (7 rows in groups of 3):
        // each value must be the one computed for its own row and column.
        using var files = new ParquetTestFiles();
        string path = files.PathOf("computed.parquet");
        const int n = 7;
        new ParquetTable(n) { RowGroupRows = 3 }
            .AddText("a", i => i % 3 == 1 ? null : "a" + i)
            .AddText("b", i => "b" + (10 * i))
            .AddIntegers("c", i => i % 2 == 0 ? i : null)
            .AddIntegers("d", i => -i)
            .AddNumbers("e", i => i == 4 ? null : i + 0.5)
            .AddNumbers("f", i => i * 1e10)
            .WriteTo(path);
        string source = $"read_parquet({ParquetTestFiles.Sql(path)}, file_row_number = true)";

        var types = files.Query($"DESCRIBE SELECT * EXCLUDE (file_row_number) FROM {source}").Select(r => $"{r[0]} {r[1]}");
        var rows = files.Query($"SELECT * EXCLUDE (file_row_number) FROM {source} ORDER BY file_row_number");

        Assert.Equal(["a VARCHAR", "b VARCHAR", "c INTEGER", "d INTEGER", "e DOUBLE", "f DOUBLE"], types);
        Assert.Equal(n, rows.Count);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal<object?>([i % 3 == 1 ? null : "a" + i, "b" + (10 * i), i % 2 == 0 ? i : null, -i, i == 4 ? null : i + 0.5, i * 1e10], rows[i]);
        }
    }

    [Fact]
    public void AddText_Distinct_IsWrittenPlain_OtherTextAsADictionaryWhereValuesRepeat()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("table.parquet");
        new ParquetTable(1000)
            .AddText("repeating", i => "label " + (i % 3))
            .AddText("marked_distinct", i => "label " + (i % 3), distinct: true)
            .WriteTo(path);
        var encodings = files.Query($"SELECT path_in_schema, encodings FROM parquet_metadata({ParquetTestFiles.Sql(path)})")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Contains("DICTIONARY", encodings["repeating"], StringComparison.Ordinal);
        Assert.DoesNotContain("DICTIONARY", encodings["marked_distinct"], StringComparison.Ordinal);
        var values = files.Query($"SELECT count(*), count(DISTINCT repeating), count(*) FILTER (WHERE repeating = marked_distinct) FROM read_parquet({ParquetTestFiles.Sql(path)})")[0];
        Assert.Equal([1000L, 3L, 1000L], values.Select(ParquetTestFiles.Long));
    }

    [Fact]
    public void Add_WrongLengthOrSameNameIgnoringCase_ArgumentException()
    {
        var table = new ParquetTable(2).Add("customer_id", ["a", "b"]);

        Assert.Throws<ArgumentException>(() => table.Add("x", new[] { 1.0 }));
        Assert.Throws<ArgumentException>(() => table.Add("Customer_ID", new[] { 1.0, 2.0 }));
        Assert.Throws<ArgumentException>(() => new ParquetTable(1).Add("id", new string[] { null! }));
        Assert.Equal(["customer_id"], table.Columns);
    }
}
