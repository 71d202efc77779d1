using System.Text.RegularExpressions;

namespace Clv.Tests;

/// <summary>
/// The README's examples are compiled and run here, so they never rot: every README code block preceded by
/// <c>&lt;!-- readme:NAME --&gt;</c> must equal the region <c>// &lt;readme:NAME&gt;</c> of ReadmeExamples.cs.
/// </summary>
public partial class ReadmeTests
{
    [Fact]
    public void Readme_EveryMarkedBlock_EqualsTheCompiledExample()
    {
        string readme = File.ReadAllText(FindRepoFile("README.md"));
        string source = File.ReadAllText(FindRepoFile("tests/Clv.Tests/ReadmeExamples.cs"));
        var blocks = ReadmeBlock().Matches(readme);
        Assert.NotEmpty(blocks);
        foreach (Match block in blocks)
        {
            string name = block.Groups[1].Value;
            var region = Regex.Match(source, $@"// <readme:{Regex.Escape(name)}>\r?\n(.*?)\r?\n\s*// </readme:{Regex.Escape(name)}>", RegexOptions.Singleline);
            Assert.True(region.Success, $"ReadmeExamples.cs has no region readme:{name}");
            Assert.Equal(Normalize(block.Groups[2].Value), Normalize(ReadmeExamples.ToReadme(region.Groups[1].Value)));
        }
    }

    [Fact]
    public void FrontDoor_Example_RunsOnCdnowAndReproducesThePublishedFit()
    {
        var r = ReadmeExamples.FrontDoor(TestData.PathOf("orders.csv"));
        Assert.Equal(2357, r.Customers.Count);
        Assert.Equal(0.242593, r.Model.R, 0.242593 * 1e-3);
        Assert.Equal(4.413532, r.Model.Alpha, 4.413532 * 1e-3);
        Assert.Equal(0.792886, r.Model.A, 0.792886 * 1e-3);
        Assert.Equal(2.425752, r.Model.B, 2.425752 * 1e-3);
        Assert.Equal(6.248805, r.Spend.P, 6.248805 * 1e-3);
        Assert.InRange(r.PAlive, 0.0, 1.0);
        Assert.True(r.Next52 > 0);
        Assert.InRange(r.Score.R, 1, 5);
        Assert.True(Enum.IsDefined(r.Stage));
        Assert.Equal(r.Customers.Count, r.Clv.Length);
        Assert.All(r.Clv, v => Assert.True(double.IsFinite(v) && v >= 0));
    }

    [Fact]
    public void Summaries_Example_RunsAndGivesTheValuesItStates()
    {
        var alice = ReadmeExamples.Summaries();
        Assert.Equal(1, alice.Frequency);
        Assert.Equal(6.0, alice.Recency, 1e-12);
        Assert.Equal(88 / 7.0, alice.Age, 1e-12);
        Assert.Equal(25.0, alice.MonetaryValue, 1e-12);
        Assert.Equal(1, alice.HoldoutPurchaseDays);
    }

    private static string Normalize(string code)
    {
        var lines = code.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        int indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l));
    }

    internal static string FindRepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            // The repository root (where Clv.sln is): tests/README.md must not be taken for the root README.md.
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(Path.Combine(dir.FullName, "Clv.sln")) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"<!-- readme:([a-z-]+) -->\s*```csharp\r?\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeBlock();
}
