using Clv.Plots.Internal;
using Clv.Probabilistic;
using MathNet.Numerics.Distributions;

namespace Clv.Plots;

/// <summary>Heterogeneity and spend fit.</summary>
public static partial class ProbabilisticPlots
{
    private const int CurvePoints = 300;

    /// <summary>
    /// Heterogeneity in purchase rates: the fitted gamma(r, α) density of the transaction rate λ across customers
    /// (BG/NBD, MBG/NBD, Pareto/NBD), with its mean r / α marked.
    /// </summary>
    /// <param name="model">A model with parameters r and alpha.</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    /// <exception cref="ArgumentException">The model has no parameters r and alpha.</exception>
    public static ClvPlot PurchaseRateHeterogeneity(PurchaseModel model, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        double r = Parameter(model, "r"), alpha = Parameter(model, "alpha");
        string en = Text.Unit(PlotLanguage.English, model.TimeUnit).TrimEnd('s'), zh = Text.Unit(PlotLanguage.Chinese, model.TimeUnit);
        var fig = new Figure(options,
            Text.Format($"Heterogeneity in purchase rates: gamma(r = {r:0.###}, α = {alpha:0.###}) ({model.Name})"),
            Text.Format($"购买率异质性：gamma(r = {r:0.###}, α = {alpha:0.###}) ({model.Name})"));
        Density(fig, new Gamma(r, alpha).Density, new Gamma(r, alpha).InverseCumulativeDistribution(0.99), fig.L("Density of λ", "λ 的密度"), r / alpha);
        fig.Labels(fig.L("Transaction rate λ (purchases per " + en + ")", "交易率 λ (每" + zh + "购买次数)"), fig.L("Density", "密度"));
        return fig.Finish();
    }

    /// <summary>
    /// Heterogeneity in dropout: the fitted beta(a, b) density of the dropout probability p after each purchase
    /// (BG/NBD, MBG/NBD), or the gamma(s, β) density of the dropout rate μ (Pareto/NBD), with its mean marked.
    /// </summary>
    /// <param name="model">A model with parameters a and b, or s and beta.</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    /// <exception cref="ArgumentException">The model has neither (a, b) nor (s, beta).</exception>
    public static ClvPlot DropoutHeterogeneity(PurchaseModel model, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (TryParameter(model, "a", out double a) && TryParameter(model, "b", out double b))
        {
            var fig = new Figure(options,
                Text.Format($"Heterogeneity in dropout: beta(a = {a:0.###}, b = {b:0.###}) ({model.Name})"),
                Text.Format($"流失概率异质性：beta(a = {a:0.###}, b = {b:0.###}) ({model.Name})"));
            Density(fig, new Beta(a, b).Density, 1, fig.L("Density of p", "p 的密度"), a / (a + b));
            fig.Labels(fig.L("Dropout probability p after a purchase", "每次购买后的流失概率 p"), fig.L("Density", "密度"));
            return fig.Finish();
        }

        double s = Parameter(model, "s"), beta = Parameter(model, "beta");
        string en = Text.Unit(PlotLanguage.English, model.TimeUnit).TrimEnd('s'), zh = Text.Unit(PlotLanguage.Chinese, model.TimeUnit);
        var g = new Figure(options,
            Text.Format($"Heterogeneity in dropout: gamma(s = {s:0.###}, β = {beta:0.###}) ({model.Name})"),
            Text.Format($"流失率异质性：gamma(s = {s:0.###}, β = {beta:0.###}) ({model.Name})"));
        Density(g, new Gamma(s, beta).Density, new Gamma(s, beta).InverseCumulativeDistribution(0.99), g.L("Density of μ", "μ 的密度"), s / beta);
        g.Labels(g.L("Dropout rate μ (per " + en + ")", "流失率 μ (每" + zh + ")"), g.L("Density", "密度"));
        return g.Finish();
    }

    /// <summary>
    /// Spend fit: the empirical density of repeat customers' mean spend per transaction m_x (a histogram up to its 99th
    /// percentile) against the density the Gamma-Gamma model implies for it, f(m_x) = Σ_x w_x f(m_x | x) over the observed
    /// frequencies (<see cref="GammaGammaModel.LikelihoodLn(int, double)"/>).
    /// </summary>
    /// <param name="spend">The fitted Gamma-Gamma model.</param>
    /// <param name="customers">The summaries (customers with x ≥ 1 and m_x &gt; 0 are used).</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot SpendFit(GammaGammaModel spend, CustomerSummaries customers, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(customers);
        var values = new List<double>();
        var byFrequency = new Dictionary<int, int>();
        double lowest = double.PositiveInfinity;
        foreach (ref readonly var c in customers.AsSpan())
        {
            if (c.Frequency >= 1 && c.MonetaryValue > 0)
            {
                values.Add(c.MonetaryValue);
                lowest = Math.Min(lowest, c.MonetaryValue);
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byFrequency, c.Frequency, out _)++;
            }
        }

        if (values.Count == 0)
        {
            throw new ArgumentException("No customer has a repeat purchase with positive spend: there is no spend to fit.", nameof(customers));
        }

        // The 99th percentile by selection (no sort of up to a million values); the density below does not depend on the order.
        Span<double> percentile = stackalloc double[1];
        QuantileSelection.Select(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values), [(int)Math.Floor(0.99 * (values.Count - 1))], percentile);
        double top = percentile[0];
        const int Bins = 40;
        if (top - lowest <= 1e-9 * top)
        {
            // Everyone's mean spend is one value (a one-price subscription; means of equal amounts can differ in the last
            // bits): the axis runs to about twice it, with the value at the middle of the 20th of the 40 bins, so the bar and
            // the model's spike stand together in the middle instead of against the right edge.
            top *= Bins / 19.5;
        }

        double width = top / Bins;
        var density = new double[Bins];
        foreach (double v in values)
        {
            if (v <= top)
            {
                density[Math.Min((int)(v / width), Bins - 1)] += 1.0 / (values.Count * width);
            }
        }

        var fig = new Figure(options,
            "Spend fit: mean spend per repeat transaction, actual vs Gamma-Gamma", "消费拟合：每次重复交易平均消费，实际与 Gamma-Gamma");
        var centres = Enumerable.Range(0, Bins).Select(i => (i + 0.5) * width).ToArray();
        var bars = fig.Plot.Add.Bars(centres, density);
        foreach (var bar in bars.Bars)
        {
            bar.Size = width * 0.92;
            bar.FillColor = Figure.Colour(5);
            bar.LineWidth = 0;
        }

        bars.LegendText = fig.Track(fig.L("Actual (repeat customers)", "实际 (重复购买客户)"));
        fig.Series.Add(new PlotSeries(bars.LegendText, centres, density));
        var xs = Enumerable.Range(1, CurvePoints).Select(i => top * i / CurvePoints).ToArray();
        var ys = xs.Select(m => byFrequency.Sum(kv => kv.Value * Math.Exp(spend.LikelihoodLn(kv.Key, m))) / values.Count).ToArray();
        fig.Line(Text.Format($"Gamma-Gamma (p = {spend.P:0.##}, q = {spend.Q:0.##}, v = {spend.V:0.##})"), xs, ys, 1);
        fig.Labels(fig.L("Mean spend per repeat transaction m_x", "每次重复交易平均消费 m_x"), fig.L("Density", "密度"));
        fig.Plot.Legend.Alignment = ScottPlot.Alignment.UpperRight;
        fig.Plot.Axes.Margins(bottom: 0);
        return fig.Finish();
    }

    private static void Density(Figure fig, Func<double, double> density, double top, string name, double mean)
    {
        var xs = Enumerable.Range(1, CurvePoints).Select(i => top * (i - 0.5) / CurvePoints).ToArray();
        var ys = xs.Select(density).ToArray();
        fig.Line(name, xs, ys, 0);
        fig.Marker(mean, fig.L("Mean ", "均值 ") + Text.Number(mean, "0.###"));

        // A shape below 1 has an infinite density at 0: show the body, not the spike.
        double cap = ys.Skip(CurvePoints / 20).Max() * 1.6;
        fig.Plot.Axes.SetLimits(0, top, 0, Math.Min(ys.Max() * 1.05, cap));
        fig.Plot.Legend.Alignment = ScottPlot.Alignment.UpperRight;
    }

    private static double Parameter(PurchaseModel model, string name) =>
        TryParameter(model, name, out double value) ? value : throw new ArgumentException(
            Text.Format($"The model {model.Name} has no parameter '{name}' (it has {string.Join(", ", model.Parameters.Select(p => p.Key))})."), nameof(model));

    private static bool TryParameter(PurchaseModel model, string name, out double value)
    {
        foreach (var p in model.Parameters)
        {
            if (string.Equals(p.Key, name, StringComparison.Ordinal))
            {
                value = p.Value;
                return true;
            }
        }

        value = double.NaN;
        return false;
    }
}
