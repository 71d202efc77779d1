using Clv.Plots;

namespace Clv.Tests.Plots;

/// <summary>Every plot, drawn for CDNOW: a valid PNG and SVG of the options' size, not blank.</summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class PlotOutputTests
{
    private static readonly PlotOptions Size = new() { Width = 720, Height = 450 };

    [Theory]
    [MemberData(nameof(PlotCases.Names), MemberType = typeof(PlotCases))]
    public void Png_Cdnow_IsAPngOfTheOptionsSizeAndNotBlank(string name)
    {
        var plot = PlotCases.All[name](Size);
        var (width, height, colours, ink) = PlotImages.Png(plot.ToPng());
        Assert.Equal((720, 450), (width, height));
        Assert.Equal((720, 450), (plot.Width, plot.Height));
        Assert.True(colours >= 20, $"{name}: only {colours} distinct colours");
        Assert.True(ink is > 0.03 and < 0.97, $"{name}: {ink:P1} of the pixels are not background");
    }

    [Theory]
    [MemberData(nameof(PlotCases.Names), MemberType = typeof(PlotCases))]
    public void Svg_Cdnow_ParsesWithTheOptionsSizeTitleAndFallbackFonts(string name)
    {
        var plot = PlotCases.All[name](Size);
        string svg = plot.ToSvg();
        var doc = PlotImages.Svg(svg);
        Assert.Equal("720", doc.Root!.Attribute("width")!.Value);
        Assert.Equal("450", doc.Root!.Attribute("height")!.Value);
        var texts = PlotImages.SvgTexts(doc);
        Assert.Contains(plot.Title, texts);
        Assert.Contains("'Noto Sans CJK SC'", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("font-family=\"" + plot.FontFamily + "\"", svg, StringComparison.Ordinal);
        Assert.True(doc.Descendants().Count(e => e.Name.LocalName is "path" or "rect" or "ellipse" or "image") > 5, name);

        // Images are heatmap cells scaled up: drawn sharp, as in the PNG, not smoothed by the browser.
        Assert.All(doc.Descendants().Where(e => e.Name.LocalName == "image"), e => Assert.Equal("image-rendering:pixelated", e.Attribute("style")?.Value));
    }

    [Theory]
    [InlineData("Migration")]
    [InlineData("ProbabilityAliveMatrix")]
    public void Svg_Heatmap_HasAnImageDrawnSharp(string name)
    {
        var doc = PlotImages.Svg(PlotCases.All[name](Size).ToSvg());
        var images = doc.Descendants().Where(e => e.Name.LocalName == "image").ToList();
        Assert.NotEmpty(images);
        Assert.All(images, e => Assert.Equal("image-rendering:pixelated", e.Attribute("style")?.Value));
    }

    [Theory]
    [MemberData(nameof(PlotCases.Names), MemberType = typeof(PlotCases))]
    public void SaveToPathAndStream_Cdnow_WriteTheSameBytes(string name)
    {
        var plot = PlotCases.All[name](null);
        string dir = Directory.CreateTempSubdirectory("clv-plots-").FullName;
        try
        {
            string png = Path.Combine(dir, name + ".png"), svg = Path.Combine(dir, name + ".svg");
            plot.SavePng(png);
            plot.SaveSvg(svg);
            using var stream = new MemoryStream();
            plot.SavePng(stream);
            Assert.Equal(plot.ToSvg(), File.ReadAllText(svg));

            // The same picture both times (a few anti-aliased pixels may differ when other plots render in parallel).
            int differing = PlotImages.DifferingPixels(File.ReadAllBytes(png), stream.ToArray());
            Assert.True(differing < 800 * 500 / 200, $"{name}: {differing} pixels differ between two renders");
            var (width, height, _, _) = PlotImages.Png(File.ReadAllBytes(png));
            Assert.Equal((800, 500), (width, height));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Title_FromOptions_ReplacesThePlotsOwn()
    {
        var plot = PlotCases.All["Lorenz"](new PlotOptions { Title = "Holdout 1997-10 to 1998-06" });
        Assert.Equal("Holdout 1997-10 to 1998-06", plot.Title);
        Assert.Contains("Holdout 1997-10 to 1998-06", PlotImages.SvgTexts(PlotImages.Svg(plot.ToSvg())));
    }
}
