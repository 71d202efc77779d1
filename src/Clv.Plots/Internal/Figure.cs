using ScottPlot;
using ScottPlot.Plottables;

namespace Clv.Plots.Internal;

/// <summary>
/// A ScottPlot plot under construction with every text it shows (to pick and check the font) and the numbers of its
/// series (for tests). Plot functions build one, then call <see cref="Finish"/>.
/// </summary>
internal sealed partial class Figure
{
    /// <summary>Okabe-Ito colours (colour-blind safe): blue, vermillion, bluish green, orange, reddish purple, sky blue, yellow, black.</summary>
    internal static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#D55E00"), Color.FromHex("#009E73"), Color.FromHex("#E69F00"),
        Color.FromHex("#CC79A7"), Color.FromHex("#56B4E9"), Color.FromHex("#F0E442"), Color.FromHex("#000000"),
    ];

    private readonly List<string> _texts = [];
    private readonly List<Action<bool>> _dashes = [];
    private ScottPlot.Panels.ColorBar? _colourBar;
    private string? _renderName;

    public Figure(PlotOptions? options, string englishTitle, string chineseTitle)
    {
        Options = options ?? PlotOptions.Default;
        Options.Validate();
        Title = Options.Title ?? L(englishTitle, chineseTitle);
        Plot.Add.Palette = new ScottPlot.Palettes.Custom(Palette.Select(c => c.ToHex()).ToArray());
        Plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        Plot.Legend.Alignment = Alignment.UpperLeft;
        Plot.Legend.OutlineColor = Colors.Black.WithAlpha(0.3);
    }

    public Plot Plot { get; } = NewPlot();

    public PlotOptions Options { get; }

    private static Plot NewPlot()
    {
        lock (ClvPlot.Gate)
        {
            return new Plot();
        }
    }

    public string Title { get; }

    public List<PlotSeries> Series { get; } = [];

    /// <summary>The heatmap's cells (rows top to bottom as drawn), when the plot is a heatmap.</summary>
    public double[,]? Matrix { get; set; }

    /// <summary>The values the heatmap's colour scale runs from and to, when the plot is a heatmap.</summary>
    public (double Min, double Max)? ColourRange { get; set; }

    public IReadOnlyList<string> Texts => _texts;

    /// <summary>Draw the legend to the right of the data area (for plots whose data fill the whole area).</summary>
    public bool LegendOutside { get; set; }

    /// <summary>The title's font size: 16 points, smaller (down to 10) when a long title would not fit the width.</summary>
    internal static float TitleSize(string title, int width)
    {
        // Approximate advance widths: 0.58 em for Latin text, 1 em for CJK.
        double ems = title.Sum(c => c >= '\u2E80' ? 1.0 : 0.58);
        double fit = (width - 40) / Math.Max(ems, 1);
        return (float)Math.Clamp(fit, 10, 16);
    }

    /// <summary>Turns the dash patterns of dashed and dotted lines off (for SVG) or back on.</summary>
    public void SetDashes(bool on)
    {
        foreach (var set in _dashes)
        {
            set(on);
        }
    }

    public string L(string english, string chinese) => Text.L(Options.Language, english, chinese);

    public string Unit(TimeUnit unit) => Text.Unit(Options.Language, unit);

    public static Color Colour(int i) => Palette[i % Palette.Length];

    /// <summary>
    /// Leaves room above the data for a legend drawn inside the data area (2 to 4 items): a top margin of a quarter of the
    /// data's span (a fifth of the height over bars from 0), so the tallest bar or point stays below the legend, not behind it.
    /// </summary>
    public void LegendHeadroom(double bottom = 0.1) => Plot.Axes.Margins(0.1, 0.1, bottom, 0.25);

    public void Labels(string x, string y)
    {
        Plot.XLabel(Track(x));
        Plot.YLabel(Track(y));
    }

    public string Track(string text)
    {
        _texts.Add(text);
        return text;
    }

    public Scatter Line(string name, double[] xs, double[] ys, int colour, bool markers = false, bool dashed = false)
    {
        var line = Plot.Add.ScatterLine(xs, ys);
        line.LegendText = Track(name);
        line.Color = Colour(colour);
        line.LineWidth = 2;
        if (markers)
        {
            line.MarkerShape = MarkerShape.FilledCircle;
            line.MarkerSize = 6;
        }

        if (dashed)
        {
            line.LinePattern = LinePattern.Dashed;
            var pattern = line.LinePattern;
            _dashes.Add(on => line.LinePattern = on ? pattern : LinePattern.Solid);
        }

        Series.Add(new PlotSeries(name, xs, ys));
        return line;
    }

    public VerticalLine Marker(double x, string label)
    {
        var line = Plot.Add.VerticalLine(x);
        line.Color = Colors.Gray;
        line.LinePattern = LinePattern.Dotted;
        line.LineWidth = 1.5f;
        var pattern = line.LinePattern;
        _dashes.Add(on => line.LinePattern = on ? pattern : LinePattern.Solid);
        line.LegendText = Track(label);
        return line;
    }

    public ScottPlot.Plottables.Text Annotate(string text, double x, double y, Color? colour = null, float size = 12)
    {
        var label = Plot.Add.Text(Track(text), x, y);
        label.LabelFontSize = size;
        label.LabelFontColor = colour ?? Colors.Black;
        label.LabelAlignment = Alignment.MiddleCenter;
        return label;
    }

    /// <summary>Category names at integer positions on the bottom (or left) axis.</summary>
    public void Categories(IReadOnlyList<string> names, bool left = false, double start = 0)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < names.Count; i++)
        {
            ticks.AddMajor(start + i, Track(names[i]));
        }

        if (left)
        {
            Plot.Axes.Left.TickGenerator = ticks;
        }
        else
        {
            Plot.Axes.Bottom.TickGenerator = ticks;
        }
    }

    /// <summary>Whether the text has a CJK character (U+2E80 and above, as <see cref="TitleSize"/> counts them).</summary>
    internal static bool HasCjk(string text) => text.Any(c => c >= '\u2E80' && !char.IsSurrogate(c));

    /// <summary>Picks and checks the font, applies it to every text, and returns the finished plot.</summary>
    public ClvPlot Finish(bool legend = true)
    {
        // ScottPlot's font tables and typeface caches are process-wide: no font work while another plot renders.
        lock (ClvPlot.Gate)
        {
            return FinishUnlocked(legend);
        }
    }

    /// <summary>The typeface ScottPlot draws a font name with (its own cache, as <c>Plot.Font.Set</c> looks it up).</summary>
    internal static SkiaSharp.SKTypeface Typeface(string name) => Fonts.GetTypeface(name, FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);

    /// <summary>
    /// Sets the plot's font on every text it draws, under <see cref="ClvPlot.Gate"/>, before each render too. ScottPlot's
    /// <c>Plot.Font.Set</c> is not used: it covers the axes only and makes the font process-wide (<c>Fonts.Default</c> and
    /// <c>Fonts.DefaultFontStyle</c>, the typeface every label made later takes), so an application's own ScottPlot plots,
    /// made after or while a Chinese Clv plot was finished or written, drew in its CJK font. Every text of the plot gets the
    /// font here instead: title, axes and ticks, legend (its items, made at each render, through <see cref="FontLegendLayout"/>),
    /// bar values, text labels and the colour bar; ScottPlot's process-wide settings stay as the application had them.
    /// </summary>
    internal void ApplyFontUnlocked()
    {
        if (_renderName is not { } name)
        {
            return;
        }

        var typeface = Typeface(name);
        SetFont(Plot.Axes.Title.Label, name, typeface);
        foreach (var axis in Plot.Axes.GetAxes())
        {
            SetFont(axis.Label, name, typeface);
            SetFont(axis.TickLabelStyle, name, typeface);
        }

        Plot.Legend.FontName = name;
        foreach (var item in Plot.Legend.ManualItems)
        {
            item.LabelFontName = name;
            SetFont(item.LabelStyle, name, typeface);
        }

        foreach (var plottable in Plot.GetPlottables())
        {
            switch (plottable)
            {
                case BarPlot bars:
                    SetFont(bars.ValueLabelStyle, name, typeface);
                    break;
                case LabelStyleProperties labelled:
                    SetFont(labelled.LabelStyle, name, typeface);
                    break;
            }
        }

        if (_colourBar is not null)
        {
            SetFont(_colourBar.Axis.Label, name, typeface);
            SetFont(_colourBar.Axis.TickLabelStyle, name, typeface);
        }
    }

    private static void SetFont(LabelStyle style, string name, SkiaSharp.SKTypeface? typeface)
    {
        style.FontName = name;
        style.Font = typeface;
    }

    /// <summary>Labels every automatic numeric tick (the axes' and the colour bar's) in the invariant culture.</summary>
    private void InvariantTicks()
    {
        var generators = Plot.Axes.GetAxes().Select(a => a.TickGenerator);
        if (_colourBar is not null)
        {
            generators = generators.Append(_colourBar.Axis.TickGenerator);
        }

        foreach (var automatic in generators.OfType<ScottPlot.TickGenerators.NumericAutomatic>())
        {
            automatic.LabelFormatter = Text.Tick;
        }
    }

    private ClvPlot FinishUnlocked(bool legend)
    {
        Plot.Title(Track(Title));
        InvariantTicks();
        Plot.Axes.Title.Label.FontSize = TitleSize(Title, Options.Width);
        var (family, renderName) = PlotFonts.Resolve(Options, _texts);
        _renderName = renderName;
        Plot.Legend.Layout = new FontLegendLayout(Plot.Legend.Layout, renderName);
        ApplyFontUnlocked();

        // ScottPlot draws CJK text beyond the box it measures for it (ScottPlot#5213): the first legend item's top was
        // clipped by the legend's inner clip, the rotated left-axis title's left edge by the image's edge, and the colour
        // bar's title its right edge. Our own legend layout leaves room above the first item; the titles move inwards.
        if (_texts.Any(HasCjk))
        {
            Plot.Axes.Left.Label.OffsetX = 6;
            if (_colourBar is not null)
            {
                _colourBar.LabelStyle.OffsetX = -6;
            }

            Plot.Legend.Layout = new RoomAboveLegendLayout(Plot.Legend.Layout, 8);
        }

        if (LegendOutside)
        {
            Plot.ShowLegend(Edge.Right);
            Plot.Legend.Padding = new PixelPadding(8, 8, 14, 8);
        }
        else if (legend && Series.Count > 0)
        {
            Plot.ShowLegend();
        }
        else
        {
            Plot.HideLegend();
        }

        return new ClvPlot(this, family);
    }
}
