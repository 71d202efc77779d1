using System.Globalization;
using DuckDB.NET.Data;

namespace Clv.Tests.Parquet;

/// <summary>A temporary folder deleted at dispose, and DuckDB (an independent Parquet reader and writer) over it.</summary>
internal sealed class ParquetTestFiles : IDisposable
{
    private readonly DuckDBConnection _duck;

    public ParquetTestFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"clv-parquet-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        _duck = new DuckDBConnection("Data Source=:memory:");
        _duck.Open();

        // DuckDB casts text to TIMESTAMPTZ in its session zone, which defaults to the machine's: pin it, so that the tests
        // mean the same instants on every machine.
        Execute("SET TimeZone = 'UTC'");
    }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Runs a statement; DuckDB's path strings are given with forward slashes and quotes doubled.</summary>
    public void Execute(string sql)
    {
        using var command = _duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public List<object?[]> Query(string sql)
    {
        using var command = _duck.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A path as a DuckDB string literal.</summary>
    public static string Sql(string path) => "'" + path.Replace('\\', '/').Replace("'", "''", StringComparison.Ordinal) + "'";

    public static double Double(object? value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    public static long Long(object? value) => value is System.Numerics.BigInteger big ? (long)big : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    /// <summary>A DuckDB <c>DATE</c> (returned as <see cref="DateOnly"/>) or <c>TIMESTAMP</c> as a calendar day.</summary>
    public static DateOnly Date(object? value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => throw new InvalidCastException($"Not a date: {value}"),
    };

    public void Dispose()
    {
        _duck.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
