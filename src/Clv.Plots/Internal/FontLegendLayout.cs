using ScottPlot;

namespace Clv.Plots.Internal;

/// <summary>
/// A legend layout that gives every legend item the plot's font before an inner layout measures it. ScottPlot makes the
/// items of a plot's series at each render, with the process-wide default typeface (<c>Fonts.DefaultFontStyle</c>, which
/// wins over the item's font name): the legend of a Chinese plot would draw with the application's default font.
/// </summary>
internal sealed class FontLegendLayout(ILegendLayout inner, string fontName) : ILegendLayout
{
    public LegendLayout GetLayout(Legend legend, LegendItem[] items, PixelSize maxSize, Paint paint)
    {
        var typeface = Figure.Typeface(fontName);
        foreach (var item in items)
        {
            item.LabelStyle.FontName = fontName;
            item.LabelStyle.Font = typeface;
        }

        return inner.GetLayout(legend, items, maxSize, paint);
    }
}
