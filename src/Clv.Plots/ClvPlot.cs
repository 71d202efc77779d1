using System.Text.RegularExpressions;
using Clv.Plots.Internal;
using ScottPlot;

namespace Clv.Plots;

/// <summary>
/// A finished plot, ready to write as PNG or SVG at the size its <see cref="PlotOptions"/> gave. Every plot function of
/// Clv.Plots (<see cref="ProbabilisticPlots"/>, <see cref="RfmPlots"/>, <see cref="LifecyclePlots"/>,
/// <see cref="ValuePlots"/>) returns one: <c>ProbabilisticPlots.Tracking(model, customers).SavePng("tracking.png")</c>.
/// </summary>
/// <remarks>The font was chosen and checked when the plot was made: a plot exists only if its font has every glyph of
/// its text (otherwise the function threw <see cref="MissingGlyphsException"/>). Plots can be made and written on many
/// threads at once (renders take turns, process-wide) and are then the same as made one at a time. ScottPlot's
/// process-wide settings are left alone: an application's own ScottPlot plots, made before, after or beside a Clv plot,
/// keep ScottPlot's default font.</remarks>
public sealed partial class ClvPlot
{
    /// <summary>One render at a time in the process: ScottPlot and Skia's SVG writer share state between plots (dash
    /// patterns, clip ids), and concurrent renders were seen to change each other's pixels.</summary>
    internal static readonly object Gate = new();

    private readonly Figure _figure;

    internal ClvPlot(Figure figure, string fontFamily)
    {
        _figure = figure;
        FontFamily = fontFamily;
    }

    /// <summary>The title drawn at the top.</summary>
    public string Title => _figure.Title;

    /// <summary>Width in pixels.</summary>
    public int Width => _figure.Options.Width;

    /// <summary>Height in pixels.</summary>
    public int Height => _figure.Options.Height;

    /// <summary>The font family the plot draws with (in SVG, followed by fallback families).</summary>
    public string FontFamily { get; }

    /// <summary>The drawn series and their numbers (tests read them back).</summary>
    internal IReadOnlyList<PlotSeries> Series => _figure.Series;

    /// <summary>The heatmap cells, rows as drawn from top to bottom (null unless the plot is a heatmap).</summary>
    internal double[,]? Matrix => _figure.Matrix;

    /// <summary>The values the heatmap's colours run from and to (null unless the plot is a heatmap).</summary>
    internal (double Min, double Max)? ColourRange => _figure.ColourRange;

    /// <summary>The vertical axis limits after the last render (for tests).</summary>
    internal (double Bottom, double Top) VerticalLimits
    {
        get
        {
            var limits = _figure.Plot.Axes.GetLimits();
            return (limits.Bottom, limits.Top);
        }
    }

    /// <summary>Every text of the plot (title, axis labels, legend entries, category names, annotations).</summary>
    internal IReadOnlyList<string> Texts => _figure.Texts;

    /// <summary>
    /// The legend alone as PNG bytes (null when the plot shows no legend), and the top of the area its items are clipped
    /// to, in pixels from the legend image's top (tests check no label reaches it).
    /// </summary>
    internal (byte[] Png, int ClipTop)? LegendToPng()
    {
        lock (Gate)
        {
            _figure.ApplyFontUnlocked();
            var legend = _figure.Plot.Legend;
            if (!legend.IsVisible || legend.GetItems().Length == 0)
            {
                return null;
            }

            using var image = legend.GetImage();
            return (image.GetImageBytes(ImageFormat.Png), (int)MathF.Floor(legend.Padding.Top - 1));
        }
    }

    /// <summary>The plot as PNG bytes.</summary>
    /// <returns>The PNG file's bytes.</returns>
    public byte[] ToPng()
    {
        lock (Gate)
        {
            _figure.ApplyFontUnlocked();
            using var image = _figure.Plot.GetImage(Width, Height);
            return image.GetImageBytes(ImageFormat.Png);
        }
    }

    /// <summary>The plot as SVG text; text stays text, with font families that fall back to a CJK font in a browser.</summary>
    /// <returns>The SVG document.</returns>
    public string ToSvg()
    {
        string svg;
        lock (Gate)
        {
            // Skia's SVG canvas drops dash effects (and says so on stderr for each): draw those lines solid in SVG.
            _figure.ApplyFontUnlocked();
            _figure.SetDashes(false);
            try
            {
                svg = _figure.Plot.GetSvgXml(Width, Height);
            }
            finally
            {
                _figure.SetDashes(true);
            }
        }

        string family = PlotFonts.SvgFamily(FontFamily);
        svg = FontFamilyAttribute().Replace(svg, _ => "font-family=\"" + family + "\"");

        // Skia writes text back from glyphs: a CJK font that shares a glyph between an ideograph and its Kangxi radical
        // (户 and ⼾) gives the radical. Put the plot's own text back.
        svg = TextContent().Replace(svg, m => m.Groups[1].Value + Original(m.Groups[2].Value) + m.Groups[3].Value);

        // A heatmap is an image of one pixel per cell, scaled up: browsers smooth scaled images (the cells of a 5 x 5
        // migration matrix ran into each other), the PNG draws them sharp. Ask for the same in SVG.
        svg = svg.Replace("<image ", "<image style=\"image-rendering:pixelated\" ", StringComparison.Ordinal);

        // Clip-path ids come from a process-wide counter: number them from 1 so equal plots give equal files.
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Value, out string? id))
            {
                id = "cl_" + (ids.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                ids[m.Value] = id;
            }

            return id;
        });
    }

    /// <summary>The plot's text that SVG text content stands for, where Skia put a CJK radical in place of an ideograph.</summary>
    private string Original(string content)
    {
        string trimmed = content.Trim();
        if (!trimmed.Any(IsRadical))
        {
            return content;
        }

        foreach (string text in _figure.Texts)
        {
            string escaped = System.Security.SecurityElement.Escape(text);
            if (escaped.Length == trimmed.Length && Enumerable.Range(0, escaped.Length).All(i => escaped[i] == trimmed[i] || IsRadical(trimmed[i])))
            {
                return content.Replace(trimmed, escaped, StringComparison.Ordinal);
            }
        }

        return content;
    }

    private static bool IsRadical(char c) => c is >= '\u2E80' and <= '\u2FDF';

    /// <summary>
    /// Writes the plot as a PNG file, replacing any file at <paramref name="path"/> as a whole: the image goes to a temporary
    /// file in the same folder that is then moved over <paramref name="path"/>, so a failed write leaves no half-written file
    /// (an existing one stays as it was).
    /// </summary>
    /// <param name="path">The file to write.</param>
    public void SavePng(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] png = ToPng();
        ReplacingFile.Write(path, stream => stream.Write(png));
    }

    /// <summary>Writes the plot as PNG to a stream (left open).</summary>
    /// <param name="destination">The stream to write to.</param>
    public void SavePng(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(ToPng());
    }

    /// <summary>
    /// Writes the plot as an SVG file (UTF-8), replacing any file at <paramref name="path"/> as a whole (through a temporary
    /// file in the same folder, like <see cref="SavePng(string)"/>).
    /// </summary>
    /// <param name="path">The file to write.</param>
    public void SaveSvg(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] svg = new System.Text.UTF8Encoding(false).GetBytes(ToSvg());
        ReplacingFile.Write(path, stream => stream.Write(svg));
    }

    /// <summary>Writes the plot as SVG (UTF-8) to a stream (left open).</summary>
    /// <param name="destination">The stream to write to.</param>
    public void SaveSvg(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(new System.Text.UTF8Encoding(false).GetBytes(ToSvg()));
    }

    /// <summary>The plot's title.</summary>
    /// <returns><see cref="Title"/>.</returns>
    public override string ToString() => Title;

    [GeneratedRegex("font-family=\"[^\"]*\"")]
    private static partial Regex FontFamilyAttribute();

    [GeneratedRegex("(<text[^>]*>)([^<]*)(</text>)")]
    private static partial Regex TextContent();

    [GeneratedRegex("\\bcl_[0-9a-f]+\\b")]
    private static partial Regex ClipId();
}
