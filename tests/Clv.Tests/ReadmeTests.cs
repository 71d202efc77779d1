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
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"<!-- readme:([a-z-]+) -->\s*```csharp\r?\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeBlock();
}
