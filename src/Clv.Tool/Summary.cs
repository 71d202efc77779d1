using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clv.Crm;
using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Valuation;
using Spectre.Console;

namespace Clv.Tool;

/// <summary>
/// What a run did, as one JSON object (printed by <c>--json</c>, saved as <c>summary.json</c>) and as the final table. Field
/// names are snake_case and stable; the README lists them.
/// </summary>
internal sealed class Summary
{
    /// <summary>
    /// Indented, with text as written: a message's <c>'</c>, a file name or label in Chinese stay readable in
    /// <c>summary.json</c> and <c>--json</c> (the default encoder writes them as <c>\u0027</c> and <c>\u8BA2</c>, which is
    /// for JSON embedded in HTML; these documents are files and pipes).
    /// </summary>
    internal static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly JsonObject _json = [];
    private readonly List<(string Item, string Value)> _rows = [];

    public Summary(string command)
    {
        _json["command"] = command;
        _json["status"] = "ok";
    }

    public JsonObject Json => _json;

    /// <param name="input">The input.</param>
    /// <param name="loaded">What was read.</param>
    /// <param name="rejectedFile">The name of the file the rejected rows go to (the table commands name it after their output).</param>
    public void Input(Input input, Input.Loaded loaded, string rejectedFile = Job.RejectedRowsFile)
    {
        _json["input"] = input.Path;
        _json["format"] = input.IsParquet ? "parquet" : "csv";
        _json["observation_end"] = Date(input.ObservationEnd);
        _json["holdout_end"] = input.HoldoutEnd is { } h ? Date(h) : null;
        _json["unit"] = input.Unit.ToString().ToLowerInvariant();
        _json["rows_read"] = loaded.RowsRead;
        _json["rows_rejected"] = loaded.Rejected.Count;
        _json["customers"] = loaded.Customers.Count;
        _json["transactions"] = loaded.Customers.TransactionCount;
        _json["warnings"] = new JsonArray([.. loaded.Customers.Warnings.Select(w => (JsonNode?)JsonValue.Create(w))]);
        Row("input", input.Path);
        Row("observation end", Date(input.ObservationEnd) + (input.HoldoutEnd is { } e ? ", holdout to " + Date(e) : ""));
        Row("rows read", N(loaded.RowsRead) + (loaded.Rejected.Count > 0 ? F($" ({loaded.Rejected.Count:N0} rejected, see {rejectedFile})") : ""));
        Row("customers", N(loaded.Customers.Count));
        foreach (string warning in loaded.Customers.Warnings)
        {
            Row("warning", warning);
        }
    }

    public void PurchaseModel(ModelComparisonReport comparison)
    {
        var best = comparison.BestByBic!.Value;
        _json["purchase_model"] = Fit(best.Name, best.Status, best.StatusMessage, best.Parameters, best.LikelihoodLn, best.Aic, best.Bic);
        if (comparison.Rows.Count > 1)
        {
            var rows = new JsonArray();
            foreach (var r in comparison.Rows)
            {
                rows.Add(new JsonObject
                {
                    ["name"] = r.Name,
                    ["succeeded"] = r.Succeeded,
                    ["bic"] = Number(r.Bic),
                    ["failure"] = r.Failure,
                });
            }

            _json["models_compared"] = rows;
            Row("models compared (BIC)", string.Join(", ", comparison.Rows.Select(r => r.Succeeded ? F($"{r.Name} {r.Bic:N1}") : r.Name + " failed")));
        }

        Row("purchase model", best.Name + ": " + Parameters(best.Parameters) + (best.Status == FitStatus.Converged ? "" : " [" + best.Status + "]"));
        if (best.Status != FitStatus.Converged)
        {
            Row("purchase model fit", best.StatusMessage);
        }
        if (best.Holdout is { } h)
        {
            _json["holdout"] = new JsonObject { ["mae"] = Number(h.MeanAbsoluteError), ["rmse"] = Number(h.RootMeanSquaredError), ["actual_total"] = Number(h.ActualTotal), ["predicted_total"] = Number(h.PredictedTotal) };
            Row("holdout purchases", F($"actual {h.ActualTotal:N0}, predicted {h.PredictedTotal:N0} (MAE {h.MeanAbsoluteError:0.###})"));
        }
    }

    public void SpendModel(FitResult<GammaGammaModel> fit)
    {
        _json["spend_model"] = Fit("Gamma-Gamma", fit.Status, fit.StatusMessage, fit.Parameters, fit.LikelihoodLn, fit.Aic, fit.Bic);
        Row("spend model", "Gamma-Gamma: " + Parameters(fit.Parameters) + (fit.Status == FitStatus.Converged ? "" : " [" + fit.Status + "]"));
        if (fit.Status != FitStatus.Converged)
        {
            Row("spend model fit", fit.StatusMessage);
        }
    }

    public void Horizon(PredictiveClvOptions horizon, double annualRate)
    {
        _json["horizon"] = new JsonObject
        {
            ["periods"] = horizon.Periods,
            ["unit"] = horizon.Period.ToString().ToLowerInvariant(),
            ["annual_discount_rate"] = Number(annualRate),
            ["margin"] = Number(horizon.MarginRate),
        };
    }

    /// <summary>Totals and counts over the scorecard, for the parts it has, read column by column (no row is assembled).</summary>
    public void Scorecard(Scorecard scorecard)
    {
        // Read column by column (a row object per customer was most of this step at 1M rows): totals of the number columns,
        // and the text columns tallied by string instance first (the labels are a few shared strings), then by value.
        var columns = scorecard.Columns;
        int count = scorecard.Rows.Count;
        ScorecardColumn? Column(string name) => columns.FirstOrDefault(c => c.Name == name);
        var totals = new JsonObject();
        foreach (var (name, label) in (ReadOnlySpan<(string, string)>)[("historical_value", "historical value (total)"), ("expected_purchases", "expected purchases in horizon"),
            ("clv", "CLV (total)"), ("value_at_risk", "value at risk (total)")])
        {
            if (Column(name) is not { } column)
            {
                continue;
            }

            // Summed exactly (ExactSum): the customers' order is the order of their first rows, which a log read without ORDER BY
            // changes every night; a running sum then changed the totals' last digits.
            double sum = 0, error = 0;
            bool any = false;
            for (int i = 0; i < count; i++)
            {
                if (column.GetNumber(i) is { } v)
                {
                    error += ExactSum.Add(ref sum, v);
                    any = true;
                }
            }

            if (any)
            {
                sum = ExactSum.Round(sum, error);
                totals[name] = Number(sum);
                Row(label, sum.ToString("N0", CultureInfo.InvariantCulture));
            }
        }

        _json["scorecard"] = new JsonObject { ["rows"] = count, ["columns"] = columns.Count, ["clv_years"] = scorecard.ClvYears };
        if (totals.Count > 0)
        {
            _json["totals"] = totals;
        }

        // Stages by their enum names (the column holds the English labels: "Not yet acquired" is NotYetAcquired).
        var stageNames = Enum.GetValues<LifecycleStage>().ToDictionary(s => s.EnglishLabel(), s => s.ToString(), StringComparer.Ordinal);
        Counts("stages", "lifecycle stages", Tally(Column("lifecycle_stage"), count, label => stageNames[label]));
        Counts("segments", "RFM segments", Tally(Column("rfm_segment"), count, label => label));
        Counts("abc", "ABC classes", Tally(Column("abc_class"), count, label => label));
        Counts("health_bands", "health bands", Tally(Column("health_band"), count, label => label));
        if (Column("churn_warning") is { } warnings)
        {
            int warned = 0;
            for (int i = 0; i < count; i++)
            {
                warned += string.IsNullOrEmpty(warnings.GetText(i)) ? 0 : 1;
            }

            _json["churn_warnings"] = warned;
            Row("churn warnings", N(warned) + " customers");
        }
    }

    /// <summary>How many customers have each value of a text column (none when the column is absent), keyed by <paramref name="key"/>.</summary>
    private static Dictionary<string, int> Tally(ScorecardColumn? column, int count, Func<string, string> key)
    {
        var byInstance = new Dictionary<string, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; column is not null && i < count; i++)
        {
            if (column.GetText(i) is { } text)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(byInstance, text, out _)++;
            }
        }

        var tally = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (text, n) in byInstance)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(tally, key(text), out _) += n;
        }

        return tally;
    }

    private void Counts(string name, string label, Dictionary<string, int> tally)
    {
        if (tally.Count == 0)
        {
            return;
        }

        var counts = tally.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var o = new JsonObject();
        foreach (var (key, count) in counts)
        {
            o[key] = count;
        }

        _json[name] = o;
        Row(label, string.Join(", ", counts.Take(8).Select(p => F($"{p.Key} {p.Value:N0}"))) + (counts.Count > 8 ? ", ..." : ""));
    }

    public void Note(string name, string label, string value)
    {
        _json[name] = value;
        Row(label, value);
    }

    public void Outputs(IReadOnlyList<string> paths)
    {
        _json["outputs"] = new JsonArray([.. paths.Select(p => (JsonNode?)JsonValue.Create(p))]);
        foreach (var p in paths)
        {
            Row("wrote", p);
        }
    }

    public void Timings(Run run)
    {
        var o = new JsonObject();
        foreach (var (name, ms) in run.Timings)
        {
            o[name] = Math.Round(ms, 1);
        }

        _json["step_ms"] = o;
        _json["total_ms"] = Math.Round(run.TotalMilliseconds, 1);
    }

    public string ToJsonText() => _json.ToJsonString(Indented);

    /// <summary>The final table: one row per item.</summary>
    public void Render(IAnsiConsole console, Run run)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("clv " + Markup.Escape(run.Command)).AddColumn("item").AddColumn("value");
        foreach (var (item, value) in _rows)
        {
            table.AddRow(Markup.Escape(item), Markup.Escape(value));
        }

        foreach (var (name, ms) in run.Timings)
        {
            table.AddRow(Markup.Escape("time: " + name), F($"{ms:N0} ms"));
        }

        table.AddRow("time: total", F($"{run.TotalMilliseconds:N0} ms"));
        console.Write(table);
    }

    private static JsonObject Fit(string name, FitStatus status, string message, IReadOnlyList<FittedParameter> parameters, double ll, double aic, double bic)
    {
        var p = new JsonObject();
        foreach (var q in parameters)
        {
            p[q.Name] = new JsonObject { ["estimate"] = Number(q.Estimate), ["standard_error"] = Number(q.StandardError) };
        }

        return new JsonObject
        {
            ["name"] = name,
            ["status"] = status.ToString().ToLowerInvariant(),
            ["status_message"] = message,
            ["log_likelihood"] = Number(ll),
            ["aic"] = Number(aic),
            ["bic"] = Number(bic),
            ["parameters"] = p,
        };
    }

    /// <summary>Each parameter with its standard error; "no SE" where there is none (a ridge or a boundary has no finite one).</summary>
    private static string Parameters(IReadOnlyList<FittedParameter> parameters) =>
        string.Join(", ", parameters.Select(p => double.IsFinite(p.StandardError) ? F($"{p.Name} {p.Estimate:0.####} (SE {p.StandardError:0.####})") : F($"{p.Name} {p.Estimate:0.####} (no SE)")));

    /// <summary>
    /// A finite number as JSON that reads back as itself (null otherwise): .NET's shortest text for ±2^-25 and ±2^-958 reads as
    /// the double below (the core library's internal <c>RoundTripText</c> rule), so those four are written with 17 digits.
    /// </summary>
    internal static JsonNode? Number(double value)
    {
        if (!double.IsFinite(value))
        {
            return null;
        }

        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        bool misread = (bits & ((1UL << 52) - 1)) == 0 && ((bits >> 52) & 0x7FF) is 1023 - 25 or 1023 - 958;
        return misread ? JsonNode.Parse(value.ToString("G17", CultureInfo.InvariantCulture)) : JsonValue.Create(value);
    }

    private void Row(string item, string value) => _rows.Add((item, value));

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
