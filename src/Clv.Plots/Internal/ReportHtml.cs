using System.Text;
using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Rfm;

namespace Clv.Plots.Internal;

/// <summary>Builds the HTML of <see cref="ClvReport"/>: sections of tables and inline SVG plots.</summary>
internal static partial class ReportHtml
{
    private const string Style = """
        body{font-family:'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','DejaVu Sans',Arial,sans-serif;
          margin:0;background:#f4f6f8;color:#1d2733;line-height:1.45}
        header{background:#0b3d5c;color:#fff;padding:24px 40px}header h1{margin:0 0 6px;font-size:26px}header p{margin:0;opacity:.85}
        main{max-width:1180px;margin:0 auto;padding:8px 24px 40px}
        section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);margin:20px 0;padding:16px 24px}
        h2{font-size:20px;margin:4px 0 12px;color:#0b3d5c}
        .cards{display:flex;flex-wrap:wrap;gap:12px}.card{flex:1 1 150px;background:#eef3f7;border-radius:6px;padding:10px 14px}
        .card b{display:block;font-size:22px;color:#0072b2}.card span{font-size:13px;color:#4a5a6a}
        table{border-collapse:collapse;width:100%;font-size:14px;margin:6px 0 10px}
        th{background:#e3ebf2;text-align:left;padding:6px 8px}td{padding:5px 8px;border-top:1px solid #e3e8ee}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        .plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:12px}.plot{min-width:0}
        .plot svg{width:100%;height:auto;display:block}
        .note{font-size:13px;color:#4a5a6a}
        .warn{font-size:14px;color:#6b3d00;background:#fff3dc;border-left:4px solid #e69f00;padding:6px 10px;margin:10px 0 0}
        @media print{body{background:#fff}section{box-shadow:none;break-inside:avoid}}
        """;

    public static string Build(CustomerSummaries customers, ClvReportOptions options)
    {
        var comparison = options.Comparison ?? ModelComparison.Compare(customers);
        var best = comparison.BestByBic ?? throw new ArgumentException("No purchase model could be fitted to the summaries: " +
            string.Join("; ", comparison.Rows.Select(r => r.Name + ": " + r.Failure)), nameof(customers));
        var model = best.Model!;
        if (model.TimeUnit != customers.TimeUnit)
        {
            throw new ArgumentException(Text.Format($"options.Comparison holds a {model.Name} model in {model.TimeUnit}s but the summaries are in {customers.TimeUnit}s."), nameof(options));
        }

        var spendFit = options.Spend;
        string? spendFailure = null;
        if (spendFit is null)
        {
            try
            {
                spendFit = GammaGammaModel.Fit(customers);
            }
            catch (ModelFitException e)
            {
                // No spend model: the page says why and leaves the value sections out.
                spendFailure = e.Message;
            }
        }

        var spend = spendFit?.Model;

        double[] alive = model.ProbabilityAlive(customers);
        double[]? clv = spend is null ? null
            : PredictiveClv.Compute(model, spend, customers, Horizon(options, customers));

        // The sections' data (pure library calls) are computed side by side while the page is written; the plots are drawn
        // one after the other on this thread (their renders take turns under ClvPlot.Gate anyway).
        var data = new SectionData(customers, model, spend, alive, clv, options.TopCustomers);
        try
        {
            return Page(customers, options, comparison, model, (spendFit, spendFailure), clv, data);
        }
        finally
        {
            // Nothing is left running on the caller's data, whatever happened.
            data.WaitAll();
        }
    }

    /// <summary>The CLV horizon: <see cref="ClvReportOptions.Clv"/>, or <see cref="ClvReportOptions.ClvPeriods"/> periods of the summaries' unit.</summary>
    private static PredictiveClvOptions Horizon(ClvReportOptions options, CustomerSummaries customers) =>
        options.Clv ?? new PredictiveClvOptions { Periods = options.ClvPeriods, Period = customers.TimeUnit };

    private static string Page(CustomerSummaries customers, ClvReportOptions options, ModelComparisonReport comparison, PurchaseModel model,
        (FitResult<GammaGammaModel>? Fit, string? Failure) spendFit, double[]? clv, SectionData data)
    {
        var spend = spendFit.Fit?.Model;
        var lang = options.Language;
        string L(string en, string zh) => Text.L(lang, en, zh);
        var plot = new PlotOptions { Language = lang, Width = 760, Height = 460 };
        var html = new StringBuilder();
        string title = options.Title ?? L("Customer lifetime value report", "客户终身价值报告");
        bool holdout = customers.HoldoutLength > 0;

        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang == PlotLanguage.Chinese ? "zh-CN" : "en").Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<header><h1>").Append(E(title)).Append("</h1><p>")
            .Append(E(Text.Format($"{L("Calibration to", "校准期截至")} {Text.Date(customers.ObservationEnd)}")))
            .Append(holdout ? E(Text.Format($" · {L("holdout to", "预测期截至")} {Text.Date(customers.HoldoutEnd)}")) : "")
            .Append(E(" · " + L("time unit: ", "时间单位：") + Text.Unit(lang, customers.TimeUnit)))
            .Append(E(" · " + L("predictions from ", "预测模型：") + model.Name)).Append("</p></header>\n<main>\n");

        // Data summary.
        // The sums are exact (ExactSum): the same cards in any customer order (a log read without ORDER BY).
        int buyers = 0, repeaters = 0;
        double netSpend = 0, netSpendError = 0;
        foreach (var c in customers.AsSpan())
        {
            buyers += c.HasPurchase ? 1 : 0;
            repeaters += c.Frequency > 0 ? 1 : 0;
            netSpendError += ExactSum.Add(ref netSpend, c.NetSpend);
        }

        netSpend = ExactSum.Round(netSpend, netSpendError);

        Section(html, L("Data", "数据概况"));
        html.Append("<div class=\"cards\">");
        Card(html, Text.Number(customers.Count), L("customers", "客户"));
        Card(html, Text.Number(customers.CalibrationTransactionCount), L("transactions in calibration", "校准期交易"));
        Card(html, Text.Number(customers.HoldoutTransactionCount), L("transactions in holdout", "预测期交易"));
        Card(html, Text.Number(buyers > 0 ? 100.0 * repeaters / buyers : 0, "0.0") + "%", L("bought again in calibration", "校准期内复购"));
        Card(html, Text.Number(netSpend, "N0"), L("net spend to the calibration end", "校准期净消费"));
        if (clv is not null)
        {
            var horizon = Horizon(options, customers);
            string margin = horizon.MarginRate == 1 ? "" : Text.Format($"{L(", margin", "，利润率")} {100 * horizon.MarginRate:0.#}%");
            Card(html, Text.Number(Sum(clv), "N0"), Text.Format($"{L("predicted CLV, next", "预测终身价值，未来")} {horizon.Periods} {Text.Unit(lang, horizon.Period)}{margin}"));
        }

        html.Append("</div>");

        // What looks wrong with the data (an observation end long after it, a placeholder date): the summaries' own sentences,
        // in English, on every page, so that a reader of the report sees what a reader of the summaries would.
        foreach (string warning in customers.Warnings)
        {
            html.Append("<p class=\"warn\" role=\"alert\">").Append(E(L("Warning: ", "数据警告：") + warning)).Append("</p>");
        }

        html.Append("</section>\n");

        // Model fits.
        Section(html, L("Model fits", "模型拟合"));
        html.Append("<table><tr><th>").Append(E(L("model", "模型"))).Append("</th><th>").Append(E(L("parameters (standard error)", "参数 (标准误)")))
            .Append("</th><th class=\"n\">ln L</th><th class=\"n\">AIC</th><th class=\"n\">BIC</th>")
            .Append(holdout ? "<th class=\"n\">" + E(L("holdout MAE", "预测期 MAE")) + "</th>" : "").Append("<th>").Append(E(L("status", "状态"))).Append("</th></tr>");
        foreach (var row in comparison.Rows)
        {
            string parameters = row.Succeeded ? Parameters(row.Parameters, lang) : row.Failure ?? "";
            html.Append("<tr><td>").Append(E(row.Name + (ReferenceEquals(row.Model, model) ? " ★" : ""))).Append("</td><td>").Append(E(parameters)).Append("</td>")
                .Append(Num(row.LikelihoodLn, "N2")).Append(Num(row.Aic, "N2")).Append(Num(row.Bic, "N2"))
                .Append(holdout ? Num(row.Holdout?.MeanAbsoluteError ?? double.NaN, "0.000") : "")
                .Append("<td>").Append(E(row.Succeeded ? Text.Status(lang, row.Status) : L("failed", "失败"))).Append("</td></tr>");
        }

        html.Append("</table><p class=\"note\">").Append(E(comparison.Rows.Count > 1
            ? L("★ lowest BIC: used for the predictions below.", "★ BIC 最低：用于以下预测。")
            : L("★ the model given to the report: used for the predictions below.", "★ 报告所用模型：用于以下预测。")));
        foreach (var row in comparison.Rows.Where(r => r.Succeeded && r.Status != FitStatus.Converged))
        {
            // Why a fit is a ridge or a boundary (the status column names it only): the fit's own sentence, in English.
            html.Append("</p><p class=\"note\">").Append(E(row.Name + ": " + row.StatusMessage));
        }

        html.Append("</p><p class=\"note\">").Append(E(SpendNote(spendFit.Fit, spendFit.Failure, lang))).Append("</p></section>\n");
        Plots(html, L("Model diagnostics", "模型诊断"), "diagnostics", DiagnosticPlots(customers, model, spend, data, plot));
        if (data.Holdout is { } holdoutReport)
        {
            HoldoutTable(html, holdoutReport.GetAwaiter().GetResult(), lang);
        }

        Segments(html, customers, data.Segments.GetAwaiter().GetResult(), plot, lang);
        Lifecycle(html, data.Lifecycle.GetAwaiter().GetResult(), plot, lang);
        if (clv is not null)
        {
            Value(html, customers, data, clv, plot, options);
        }

        html.Append("<p class=\"note\">").Append(E(L("Made with Clv and Clv.Plots.", "由 Clv 与 Clv.Plots 生成。"))).Append("</p>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Each parameter with its standard error, "no SE" where there is none (a ridge or a boundary has no finite one).</summary>
    private static string Parameters(IEnumerable<FittedParameter> parameters, PlotLanguage lang) =>
        string.Join(", ", parameters.Select(p => double.IsFinite(p.StandardError)
            ? Text.Format($"{p.Name} {p.Estimate:0.####} ({p.StandardError:0.####})")
            : Text.Format($"{p.Name} {p.Estimate:0.####} ({Text.L(lang, "no SE", "无标准误")})")));

    /// <summary>
    /// The spend model under the fits table: its parameters, and its status and reason when it did not converge; or why
    /// there is none, and that the value sections are left out.
    /// </summary>
    private static string SpendNote(FitResult<GammaGammaModel>? fit, string? spendFailure, PlotLanguage lang)
    {
        if (fit is null)
        {
            return Text.L(lang, "Gamma-Gamma spend model not fitted: ", "Gamma-Gamma 消费模型未能拟合：") + spendFailure
                + Text.L(lang, " The value sections (CLV, top customers, value at risk) are left out.", " 因此略去价值部分（终身价值、高价值客户、流失风险价值）。");
        }

        string note = Text.L(lang, "Gamma-Gamma spend model: ", "Gamma-Gamma 消费模型：") + Parameters(fit.Parameters, lang);
        // The status message is English and starts with the status ("Boundary: p → ∞ ..."); the Chinese page names it first.
        return fit.IsConverged ? note + Text.L(lang, ".", "。")
            : note + Text.L(lang, ". ", "（" + Text.Status(lang, fit.Status) + "）。") + fit.StatusMessage;
    }

    private static IEnumerable<ClvPlot> DiagnosticPlots(CustomerSummaries customers, PurchaseModel model, GammaGammaModel? spend, SectionData data, PlotOptions plot)
    {
        yield return ProbabilisticPlots.TrackingCumulative(model, customers, data.Tracking.GetAwaiter().GetResult(), plot);
        yield return ProbabilisticPlots.FrequencyInCalibration(model, customers, 7, plot);
        if (data.Holdout is { } holdout)
        {
            yield return ProbabilisticPlots.CalibrationVsHoldout(holdout.GetAwaiter().GetResult(), plot);
        }

        yield return ProbabilisticPlots.ProbabilityAliveMatrix(model, customers, plot);
        if (spend is not null)
        {
            yield return ProbabilisticPlots.SpendFit(spend, customers, plot);
        }
    }

    private static void HoldoutTable(StringBuilder html, HoldoutReport report, PlotLanguage lang)
    {
        Section(html, Text.L(lang, "Holdout: actual vs predicted purchases", "预测期：实际与预测购买"));
        html.Append("<table><tr><th>").Append(E(Text.L(lang, "calibration repeat purchases", "校准期重复购买"))).Append("</th><th class=\"n\">")
            .Append(E(Text.L(lang, "customers", "客户数"))).Append("</th><th class=\"n\">").Append(E(Text.L(lang, "actual mean", "实际均值")))
            .Append("</th><th class=\"n\">").Append(E(Text.L(lang, "predicted mean", "预测均值"))).Append("</th></tr>");
        foreach (var row in report.Rows)
        {
            html.Append("<tr><td>").Append(E(row.Label)).Append("</td>").Append(Num(row.Customers, "N0")).Append(Num(row.ActualMean, "0.000")).Append(Num(row.PredictedMean, "0.000")).Append("</tr>");
        }

        html.Append("</table><p class=\"note\">").Append(E(Text.Format($"{Text.L(lang, "Total", "合计")}: {report.ActualTotal:N0} {Text.L(lang, "actual", "实际")}, {report.PredictedTotal:N1} {Text.L(lang, "predicted", "预测")}; MAE {report.MeanAbsoluteError:0.000}, RMSE {report.RootMeanSquaredError:0.000}."))).Append("</p></section>\n");
    }

    private static void Segments(StringBuilder html, CustomerSummaries customers, (RfmScores Scores, SegmentReport Report) segments, PlotOptions plot, PlotLanguage lang)
    {
        var (scores, report) = segments;
        Section(html, Text.L(lang, "RFM segments", "RFM 客户分群"));
        html.Append("<table><tr><th>").Append(E(Text.L(lang, "segment", "分群"))).Append("</th><th class=\"n\">").Append(E(Text.L(lang, "customers", "客户数")))
            .Append("</th><th class=\"n\">").Append(E(Text.L(lang, "share", "占比"))).Append("</th><th class=\"n\">").Append(E(Text.L(lang, "net spend", "净消费")))
            .Append("</th><th class=\"n\">").Append(E(Text.L(lang, "mean days since last purchase", "平均距末次购买天数"))).Append("</th></tr>");
        foreach (var row in report.Rows)
        {
            html.Append("<tr><td>").Append(E(Text.L(lang, row.Segment.Name, row.Segment.ChineseName))).Append("</td>").Append(Num(row.Count, "N0"))
                .Append(Num(row.Share * 100, "0.0")).Append(Num(row.NetSpend, "N0")).Append(Num(row.MeanDaysSinceLastPurchase ?? double.NaN, "N0")).Append("</tr>");
        }

        html.Append("</table>");
        PlotRow(html, "segments", [RfmPlots.SegmentSizes(report, plot), RfmPlots.RecencyFrequencyCounts(customers, scores, plot)]);
        html.Append("</section>\n");
    }

    private static void Lifecycle(StringBuilder html, (LifecycleHistoryReport History, LifecycleTransitionReport? Transitions) lifecycle, PlotOptions plot, PlotLanguage lang)
    {
        Section(html, Text.L(lang, "Lifecycle stages", "生命周期阶段"));
        var plots = new List<ClvPlot> { LifecyclePlots.StageCounts(lifecycle.History, plot) };
        if (lifecycle.Transitions is { } transitions)
        {
            plots.Add(LifecyclePlots.Migration(transitions, plot));
        }

        PlotRow(html, "lifecycle", plots);
        html.Append("</section>\n");
    }
}
