using Clv.Plots.Internal;
using Clv.Probabilistic;
using ScottPlot;

namespace Clv.Plots;

/// <summary>Frequency x recency matrices.</summary>
public static partial class ProbabilisticPlots
{
    /// <summary>The most recency columns a matrix draws (recency is sampled evenly from 0 to the largest age).</summary>
    internal const int MaxRecencyColumns = 60;

    /// <summary>The most frequency rows a matrix draws (0 to this).</summary>
    internal const int MaxFrequencyRows = 100;

    /// <summary>
    /// Frequency x recency matrix of expected purchases: E[Y(t) | x, t_x, T] (<see cref="PurchaseModel.ConditionalExpectedPurchases(int, double, double, double)"/>)
    /// for a customer of age T (the largest age in <paramref name="customers"/>) by repeat frequency x (rows) and
    /// recency t_x (columns), as a heatmap (the "frequency/recency matrix" of Python lifetimes). The grid's size does
    /// not depend on the number of customers: only the largest frequency and age are read.
    /// </summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="customers">The summaries (their largest frequency and age set the grid).</param>
    /// <param name="time">The horizon t in the model's time unit (greater than 0).</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot ExpectedPurchasesMatrix(PurchaseModel model, CustomerSummaries customers, double time, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        if (!(time > 0) || double.IsInfinity(time))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, Text.Format($"time must be a finite number greater than 0, but was {time}."));
        }

        string en = Text.Unit(PlotLanguage.English, model.TimeUnit), zh = Text.Unit(PlotLanguage.Chinese, model.TimeUnit);
        var fig = new Figure(options,
            Text.Format($"Expected purchases in the next {time:0.#} {en} by frequency and recency ({model.Name})"),
            Text.Format($"未来 {time:0.#} {zh}预期购买次数：按频次与最近购买 ({model.Name})"));
        return Matrix(fig, model, customers, (x, tx, age) => model.ConditionalExpectedPurchases(x, tx, age, time), fig.L("Expected purchases", "预期购买次数"));
    }

    /// <summary>
    /// Frequency x recency matrix of P(alive | x, t_x, T) (<see cref="PurchaseModel.ProbabilityAlive(int, double, double)"/>)
    /// for a customer of age T (the largest age in <paramref name="customers"/>) by repeat frequency x (rows) and
    /// recency t_x (columns), as a heatmap (the "probability alive matrix" of Python lifetimes), coloured on a 0 to 1 scale.
    /// </summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="customers">The summaries (their largest frequency and age set the grid).</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot ProbabilityAliveMatrix(PurchaseModel model, CustomerSummaries customers, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        var fig = new Figure(options, "Probability alive by frequency and recency (" + model.Name + ")", "按频次与最近购买的存活概率 (" + model.Name + ")");
        // Coloured on 0 to 1 whatever the cells span: on the cells' own range, probabilities from 0.9999999992 to 1 (a
        // two-day log) ran from dark purple to yellow as if some customers were gone.
        return Matrix(fig, model, customers, model.ProbabilityAlive, fig.L("P(alive)", "存活概率"), (0, 1));
    }

    private static ClvPlot Matrix(Figure fig, PurchaseModel model, CustomerSummaries customers, Func<int, double, double, double> cell, string colourBar,
        (double Min, double Max)? colourRange = null)
    {
        int maxX = 0;
        double maxAge = 0;
        foreach (ref readonly var c in customers.AsSpan())
        {
            maxX = Math.Max(maxX, c.Frequency);
            maxAge = Math.Max(maxAge, c.Age);
        }

        if (!(maxAge > 0))
        {
            throw new ArgumentException("The summaries have no customer with a positive age: the matrix has no recency axis.", nameof(customers));
        }

        var unit = model.TimeUnit;
        double age = customers.TimeUnit == unit ? maxAge : customers.TimeUnit.ConvertTo(maxAge, unit);
        int rows = Math.Min(maxX, MaxFrequencyRows) + 1;
        int cols = Math.Clamp((int)Math.Floor(age) + 1, 2, MaxRecencyColumns);
        double step = age / (cols - 1);
        var cells = new double[rows, cols];
        for (int r = 0; r < rows; r++)
        {
            int x = rows - 1 - r;   // highest frequency on top
            for (int j = 0; j < cols; j++)
            {
                // The last column at the age itself: (age / (cols - 1)) * (cols - 1) can round above it (150 days in
                // weeks, 21.428571428571427, gave 21.42857142857143), and the model refused a recency above the age.
                double tx = Math.Min(j * step, age);
                cells[r, j] = x == 0 && j > 0 ? double.NaN : cell(x, tx, age);
            }
        }

        fig.Heatmap(cells, new CoordinateRect(-step / 2, age + (step / 2), -0.5, rows - 0.5), colourBar, colourRange: colourRange);

        // Frequency is a whole number: no ticks between the rows (rows x = 0 to 2 were labelled -0.5, 0, 0.5, ... 2.5).
        fig.Plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        fig.Labels(
            fig.L("Recency t_x (", "最近购买 t_x (") + fig.Unit(unit) + fig.L(" from first to last purchase); age T = ", "，首次到末次购买)；客户年龄 T = ") + Text.Number(age, "0.#") + " " + fig.Unit(unit),
            fig.L("Repeat frequency x", "重复购买频次 x"));
        return fig.Finish(legend: false);
    }
}
