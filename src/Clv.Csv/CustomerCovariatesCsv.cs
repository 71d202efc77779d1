using System.Globalization;
using Clv.Csv.Internal;
using Clv.Probabilistic;

namespace Clv.Csv;

/// <summary>
/// Reads time-invariant covariates (one row per customer: an id and numeric columns such as gender as 0/1, age, a channel dummy)
/// into <see cref="CustomerCovariates"/> aligned with a <see cref="CustomerSummaries"/>, for the covariate fits of
/// <c>ParetoNbdModel</c>, <c>BgNbdModel</c> and <c>MbgNbdModel</c>.
/// </summary>
/// <remarks>
/// The file has a header. Ids are trimmed of spaces and tabs, as <see cref="TransactionCsv"/> trims them, and compared ordinally. Numbers are invariant ("1.5"); an empty or non-numeric cell, a repeated id, an id not among the
/// customers (unless <see cref="CustomerCovariatesCsvOptions.IgnoreUnknownCustomers"/>) and a customer without a row are errors
/// naming the line, column and text, or the missing customers. Nothing is returned half-read.
/// </remarks>
public static class CustomerCovariatesCsv
{
    private const int MaxMissingListed = 10;

    /// <summary>Reads a covariates file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="customers">The customers the covariates must cover, in whose order they are returned.</param>
    /// <param name="options">The columns and delimiter; <see cref="CustomerCovariatesCsvOptions.Default"/> when null.</param>
    /// <returns>The covariates, one row per customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or the options are inconsistent (the message names the property).</exception>
    /// <exception cref="CsvFormatException">A bad cell, header or id (the message names the line, column and text), or customers without a row (listed).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CustomerCovariates Read(string path, CustomerSummaries customers, CustomerCovariatesCsvOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(customers);
        (options ?? CustomerCovariatesCsvOptions.Default).Validate();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(stream, customers, options);
    }

    /// <summary>Reads covariates from a stream (UTF-8, or UTF-16 with a byte order mark).</summary>
    /// <param name="stream">The text.</param>
    /// <param name="customers">The customers the covariates must cover, in whose order they are returned.</param>
    /// <param name="options">The columns and delimiter; <see cref="CustomerCovariatesCsvOptions.Default"/> when null.</param>
    /// <returns>The covariates, one row per customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent: a blank id column or covariate name, a covariate named twice or named as the id column, or a quote, line break or NUL as the delimiter (the message names the property).</exception>
    /// <exception cref="CsvFormatException">A bad cell, header or id (the message names the line, column and text), or customers without a row (listed).</exception>
    public static CustomerCovariates Read(Stream stream, CustomerSummaries customers, CustomerCovariatesCsvOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(customers);
        options ??= CustomerCovariatesCsvOptions.Default;
        options.Validate();
        using var text = TextDecoding.Open(stream, 1 << 16);
        using var records = new RecordReader(text, quotes: true, maxLength: 1 << 20, maxLines: 64, bufferSize: 1 << 16);
        var fields = new FieldSplitter(options.Delimiter, whitespaceDelimited: false);

        // Header: the id column and the covariate columns.
        if (Next(records, fields, out var header) is not { } headerLine)
        {
            throw new CsvFormatException(1, null, string.Empty, "the file is empty; a header with the id column and the covariate columns is needed");
        }

        var names = new List<string>();
        for (int i = 0; i < fields.Count; i++)
        {
            names.Add(fields.Field(header, i).Trim().ToString());
        }

        int idColumn = names.IndexOf(options.CustomerIdColumn);
        if (idColumn < 0)
        {
            throw new CsvFormatException(headerLine, options.CustomerIdColumn, header.ToString(), Invariant($"the header has no id column '{options.CustomerIdColumn}' (set options.CustomerIdColumn)"));
        }

        for (int i = 0; i < names.Count; i++)
        {
            if (names.IndexOf(names[i]) != i)
            {
                throw new CsvFormatException(headerLine, names[i], header.ToString(), "the column name appears twice in the header");
            }
        }

        var wanted = options.Columns ?? [.. names.Where((_, i) => i != idColumn)];
        var columns = new int[wanted.Count];
        for (int j = 0; j < wanted.Count; j++)
        {
            columns[j] = names.IndexOf(wanted[j]);
            if (columns[j] < 0 || columns[j] == idColumn)
            {
                throw new CsvFormatException(headerLine, wanted[j], header.ToString(), Invariant($"the header has no covariate column '{wanted[j]}'"));
            }
        }

        if (columns.Length == 0)
        {
            throw new CsvFormatException(headerLine, null, header.ToString(), "the header has no covariate column besides the id");
        }

        int k = columns.Length;
        var values = new double[customers.Count * k];
        var lineOf = new long[customers.Count];
        while (Next(records, fields, out var record) is { } line)
        {
            if (fields.Count < names.Count)
            {
                throw new CsvFormatException(line, null, record.ToString(), Invariant($"the row has {fields.Count} fields but the header has {names.Count}"));
            }

            // Spaces and tabs only, as TransactionCsv trims ids: an id it kept (a no-break or ideographic space at an end) must match.
            string id = fields.Field(record, idColumn).Trim(" \t").ToString();
            if (!customers.TryGetIndex(id, out int customer))
            {
                if (options.IgnoreUnknownCustomers)
                {
                    continue;
                }

                throw new CsvFormatException(line, options.CustomerIdColumn, id, "the id is not among the customers (set options.IgnoreUnknownCustomers to skip such rows)");
            }

            if (lineOf[customer] != 0)
            {
                throw new CsvFormatException(line, options.CustomerIdColumn, id, Invariant($"the id appears again (first on line {lineOf[customer]})"));
            }

            lineOf[customer] = line;
            for (int j = 0; j < k; j++)
            {
                var cell = fields.Field(record, columns[j]).Trim();
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    throw new CsvFormatException(line, wanted[j], cell.ToString(), cell.IsEmpty ? "the cell is empty; every covariate needs a number" : "the cell is not a finite number (invariant format, such as 1.5)");
                }

                values[(customer * k) + j] = value;
            }
        }

        var missing = Enumerable.Range(0, customers.Count).Where(i => lineOf[i] == 0).ToList();
        if (missing.Count > 0)
        {
            string listed = string.Join(", ", missing.Take(MaxMissingListed).Select(i => customers[i].CustomerId));
            throw new CsvFormatException(Invariant(
                $"{missing.Count} of {customers.Count} customers have no row in the covariates: {listed}{(missing.Count > MaxMissingListed ? ", ..." : string.Empty)}. Every customer fitted needs covariates."));
        }

        return CustomerCovariates.Create(wanted, ToMatrix(values, customers.Count, k));
    }

    private static double[,] ToMatrix(double[] values, int rows, int columns)
    {
        var matrix = new double[rows, columns];
        Buffer.BlockCopy(values, 0, matrix, 0, values.Length * sizeof(double));
        return matrix;
    }

    /// <summary>The next non-blank record, split; its line number, or null at the end.</summary>
    private static long? Next(RecordReader records, FieldSplitter fields, out ReadOnlySpan<char> record)
    {
        while (true)
        {
            var status = records.Read(out record);
            if (status == RecordStatus.End)
            {
                return null;
            }

            if (status != RecordStatus.Complete)
            {
                throw new CsvFormatException(records.LineNumber, null, record.ToString(), "a quote is not closed (or the record is too long)");
            }

            if (record.IsWhiteSpace())
            {
                continue;
            }

            if (fields.Split(record, records.HasQuote, int.MaxValue) != QuoteProblem.None)
            {
                throw new CsvFormatException(records.LineNumber, null, record.ToString(), "a field's quotes are malformed");
            }

            return records.LineNumber;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
