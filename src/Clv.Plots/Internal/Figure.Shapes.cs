using ScottPlot;
using ScottPlot.Plottables;

namespace Clv.Plots.Internal;

/// <summary>Bars, heatmaps and date axes: the shapes several plots share.</summary>
internal sealed partial class Figure
{
    /// <summary>Bars side by side per category: <paramref name="values"/>[series][category], categories at 0, 1, 2...</summary>
    public void GroupedBars(IReadOnlyList<string> seriesNames, IReadOnlyList<double[]> values, IReadOnlyList<string> categories, int firstColour = 0)
    {
        int k = seriesNames.Count;
        double width = 0.8 / k;
        for (int s = 0; s < k; s++)
        {
            var xs = new double[categories.Count];
            var bars = new List<Bar>();
            for (int c = 0; c < categories.Count; c++)
            {
                xs[c] = c;
                bars.Add(new Bar
                {
                    Position = c - 0.4 + (width * (s + 0.5)),
                    Value = values[s][c],
                    Size = width * 0.95,
                    FillColor = Colour(firstColour + s),
                    LineWidth = 0,
                });
            }

            // One bar plot per series, so the legend draws its name with the plot's font (manual legend items keep their own).
            var plotted = Plot.Add.Bars(bars);
            plotted.LegendText = Track(seriesNames[s]);
            Series.Add(new PlotSeries(seriesNames[s], xs, values[s]));
        }
        Categories(categories);
        Plot.Axes.Margins(bottom: 0);
    }

    /// <summary>
    /// A heatmap of <paramref name="cells"/> (rows drawn top to bottom) over the rectangle given, Viridis colours
    /// (colour-blind safe), a colour bar, and the cell values written in when <paramref name="cellFormat"/> is set. The
    /// colours span the cells' range; when every cell holds one value, from 0 to it (0 to 1 when it is 0): ScottPlot's own
    /// scale has no width then, and the cell text was white on the white page. <paramref name="colourRange"/> fixes the scale
    /// instead (a probability's 0 to 1).
    /// </summary>
    public Heatmap Heatmap(double[,] cells, CoordinateRect extent, string colourBarLabel, string? cellFormat = null, float cellFontSize = 11,
        (double Min, double Max)? colourRange = null)
    {
        Matrix = cells;

        // ScottPlot draws nothing for a heatmap of one row or one column (one stage in a migration, one cohort): it gets
        // each cell as two by two of the same value, the same picture.
        var map = Plot.Add.Heatmap(cells.GetLength(0) == 1 || cells.GetLength(1) == 1 ? Doubled(cells) : cells);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        var (min, max) = colourRange ?? Range(cells);
        if (colourRange is not null)
        {
            map.ManualRange = new ScottPlot.Range(min, max);
        }
        else if (min == max)
        {
            (min, max) = (Math.Min(min, 0), Math.Max(max, 0));
            max = min == max ? min + 1 : max;
            map.ManualRange = new ScottPlot.Range(min, max);
        }

        ColourRange = (min, max);
        // ScottPlot places the cell centres on Position's rectangle: give it the centres of the edge cells.
        int drawnRows = map.Intensities.GetLength(0), drawnCols = map.Intensities.GetLength(1);
        double halfW = (extent.Right - extent.Left) / drawnCols / 2, halfH = (extent.Top - extent.Bottom) / drawnRows / 2;
        map.Position = new CoordinateRect(extent.Left + halfW, extent.Right - halfW, extent.Bottom + halfH, extent.Top - halfH);
        map.NaNCellColor = Colors.Transparent;
        var bar = Plot.Add.ColorBar(map);
        bar.Label = Track(colourBarLabel);
        _colourBar = bar;
        if (cellFormat is not null)
        {
            int rows = cells.GetLength(0), cols = cells.GetLength(1);
            double cw = (extent.Right - extent.Left) / cols, ch = (extent.Top - extent.Bottom) / rows;
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < cols; c++)
                {
                    double v = cells[r, c];
                    if (double.IsNaN(v))
                    {
                        continue;
                    }

                    // Light text on the dark (low) end of Viridis, dark text on the light end.
                    bool dark = max > min && (v - min) / (max - min) > 0.6;
                    Annotate(Text.Number(v, cellFormat), extent.Left + ((c + 0.5) * cw), extent.Top - ((r + 0.5) * ch), dark ? Colors.Black : Colors.White, cellFontSize);
                }
            }
        }

        Plot.Axes.SetLimits(extent.Left, extent.Right, extent.Bottom, extent.Top);
        Plot.Axes.Margins(0, 0);
        Plot.HideGrid();
        return map;
    }

    /// <summary>
    /// Date ticks on the bottom axis, whose coordinates are day numbers: yyyy-MM, or MM-dd over at most 62 days (where a
    /// month tick or two told nothing: a two-day chart had one tick, '2024-05').
    /// </summary>
    public void DateAxis(DateOnly from, DateOnly to)
    {
        int days = to.DayNumber - from.DayNumber;
        if (days <= 62)
        {
            // At most seven days labelled, whole days apart.
            var dayTicks = new ScottPlot.TickGenerators.NumericManual();
            int every = (days / 6) + 1;
            for (int d = 0; d <= days; d += every)
            {
                var day = from.AddDays(d);
                dayTicks.AddMajor(day.DayNumber, day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }

            Plot.Axes.Bottom.TickGenerator = dayTicks;
            return;
        }

        int months = ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;
        int step = months <= 10 ? 1 : months <= 20 ? 2 : months <= 40 ? 3 : months <= 80 ? 6 : 12;
        int start = (from.Year * 12) + from.Month - 1;
        if (months > 120)
        {
            // Over more than ten years: Januaries of years divisible by a round number of years, ten ticks at most.
            int years = Array.Find([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000], y => (to.Year - from.Year) / y <= 10);
            step = 12 * years;
            start = (from.Year + years - 1) / years * years * 12;
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();

        // Months counted from year 0, so that no tick steps past December 9999.
        int last = (to.Year * 12) + to.Month - 1;
        for (int m = start; m <= last; m += step)
        {
            var d = new DateOnly(m / 12, (m % 12) + 1, 1);
            if (d >= from)
            {
                ticks.AddMajor(d.DayNumber, d.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Plot.Axes.Bottom.TickGenerator = ticks;
    }

    private static double[,] Doubled(double[,] cells)
    {
        var doubled = new double[cells.GetLength(0) * 2, cells.GetLength(1) * 2];
        for (int r = 0; r < doubled.GetLength(0); r++)
        {
            for (int c = 0; c < doubled.GetLength(1); c++)
            {
                doubled[r, c] = cells[r / 2, c / 2];
            }
        }

        return doubled;
    }

    private static (double Min, double Max) Range(double[,] cells)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in cells)
        {
            if (!double.IsNaN(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        return (min, max);
    }
}
