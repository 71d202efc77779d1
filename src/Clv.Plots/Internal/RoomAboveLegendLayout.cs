using ScottPlot;

namespace Clv.Plots.Internal;

/// <summary>
/// A legend layout that adds <c>room</c> pixels above the items of an inner layout: the legend grows by that much at the
/// top and every item moves down. ScottPlot draws CJK labels higher than the box it measures (ScottPlot#5213), so without
/// the room the first item's characters lose their tops to the legend's inner clip.
/// </summary>
internal sealed class RoomAboveLegendLayout(ILegendLayout inner, float room) : ILegendLayout
{
    public LegendLayout GetLayout(Legend legend, LegendItem[] items, PixelSize maxSize, Paint paint)
    {
        var layout = inner.GetLayout(legend, items, new PixelSize(maxSize.Width, maxSize.Height - room), paint);
        var down = new PixelOffset(0, room);
        var box = layout.LegendRect;
        return new LegendLayout
        {
            LegendItems = layout.LegendItems,
            LegendRect = new PixelRect(box.Left, box.Right, box.Bottom + room, box.Top),
            LabelRects = [.. layout.LabelRects.Select(r => r.WithOffset(down))],
            SymbolRects = [.. layout.SymbolRects.Select(r => r.WithOffset(down))],
        };
    }
}
