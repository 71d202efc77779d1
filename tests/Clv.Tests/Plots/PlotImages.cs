using System.Xml.Linq;
using SkiaSharp;

namespace Clv.Tests.Plots;

/// <summary>Reads rendered plots back: PNG signature, size and colours; SVG size and text.</summary>
internal static class PlotImages
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height, int Colours, double InkShare) Png(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(PngSignature), "not a PNG signature");
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        var colours = new HashSet<uint>();
        long ink = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                colours.Add((uint)c);
                if (c.Red < 240 || c.Green < 240 || c.Blue < 240)
                {
                    ink++;
                }
            }
        }

        return (bitmap.Width, bitmap.Height, colours.Count, ink / (double)(bitmap.Width * bitmap.Height));
    }

    public static int DifferingPixels(byte[] first, byte[] second)
    {
        using var a = SKBitmap.Decode(first);
        using var b = SKBitmap.Decode(second);
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        int differing = 0;
        for (int y = 0; y < a.Height; y++)
        {
            for (int x = 0; x < a.Width; x++)
            {
                if (a.GetPixel(x, y) != b.GetPixel(x, y))
                {
                    differing++;
                }
            }
        }

        return differing;
    }

    public static XDocument Svg(string svg)
    {
        var doc = XDocument.Parse(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        return doc;
    }

    /// <summary>The SVG's text elements, whitespace trimmed.</summary>
    public static List<string> SvgTexts(XDocument doc) =>
        doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
}
