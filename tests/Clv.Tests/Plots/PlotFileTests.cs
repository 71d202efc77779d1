using Clv.Plots;
using Clv.Plots.Internal;
using Clv.Tests.Probabilistic;

namespace Clv.Tests.Plots;

/// <summary>Plots and the HTML report saved to a path: replaced as a whole, never left half-written.</summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class PlotFileTests
{
    [Fact]
    public void ReplacingFile_WriteFailsHalfWay_TheOldFileStaysAndNoTemporaryFileIsLeft()
    {
        string dir = Directory.CreateTempSubdirectory("clv-plot-file-").FullName;
        try
        {
            string path = Path.Combine(dir, "report.html");
            File.WriteAllText(path, "old");
            var error = Assert.Throws<IOException>(() => ReplacingFile.Write(path, stream =>
            {
                stream.Write(new byte[1 << 20]);   // more than the stream's buffer: bytes reach the temporary file
                throw new IOException("disk full");
            }));

            Assert.Equal("disk full", error.Message);
            Assert.Equal("old", File.ReadAllText(path));
            Assert.Equal(["report.html"], Directory.GetFiles(dir).Select(Path.GetFileName));

            // A new file: nothing at all is left after a failure.
            string fresh = Path.Combine(dir, "new.png");
            Assert.Throws<IOException>(() => ReplacingFile.Write(fresh, _ => throw new IOException("no")));
            Assert.False(File.Exists(fresh));
            Assert.Equal(["report.html"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void SavePngSvgAndReport_OverExistingFiles_ReplaceThemWholeAndLeaveNothingElse()
    {
        string dir = Directory.CreateTempSubdirectory("clv-plot-file-").FullName;
        try
        {
            var plot = PlotCases.All["Lorenz"](null);
            string png = Path.Combine(dir, "lorenz.png"), svg = Path.Combine(dir, "lorenz.svg"), html = Path.Combine(dir, "report.html");
            foreach (string path in new[] { png, svg, html })
            {
                File.WriteAllText(path, new string('x', 5_000_000));
            }

            plot.SavePng(png);
            plot.SaveSvg(svg);
            ClvReport.Write(html, CdnowFits.Summaries, null);

            var (width, height, _, _) = PlotImages.Png(File.ReadAllBytes(png));
            Assert.Equal((800, 500), (width, height));
            Assert.Equal(plot.ToSvg(), File.ReadAllText(svg));
            string page = File.ReadAllText(html);
            Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.OrdinalIgnoreCase);
            Assert.EndsWith("</html>\n", page.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.Equal(["lorenz.png", "lorenz.svg", "report.html"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void SavePng_OverAFolder_FailsAndLeavesNoTemporaryFile()
    {
        string dir = Directory.CreateTempSubdirectory("clv-plot-file-").FullName;
        try
        {
            string taken = Path.Combine(dir, "plot.png");
            Directory.CreateDirectory(taken);
            var plot = PlotCases.All["Lorenz"](null);
            var error = Record.Exception(() => plot.SavePng(taken));
            Assert.True(error is IOException or UnauthorizedAccessException, error?.ToString() ?? "no exception");
            Assert.Empty(Directory.GetFiles(dir));
            Assert.True(Directory.Exists(taken));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
