using System.Text.RegularExpressions;

namespace Clv.Tests;

/// <summary>
/// The README's examples are compiled and run here, so they never rot: every C# block of README.md is preceded by
/// <c>&lt;!-- readme:NAME --&gt;</c> and must equal the region <c>// &lt;readme:NAME&gt;</c> of the ReadmeExamples*.cs files;
/// the tests in ReadmeTests.Examples.cs run each example and assert the values the README states.
/// </summary>
public partial class ReadmeTests
{
    [Fact]
    public void Readme_EveryMarkedBlock_EqualsTheCompiledExample()
    {
        string readme = ReadmeText();
        string source = ExamplesSource();
        var blocks = ReadmeBlock().Matches(readme);
        Assert.NotEmpty(blocks);
        foreach (Match block in blocks)
        {
            string name = block.Groups[1].Value;
            var region = Regex.Match(source, $@"// <readme:{Regex.Escape(name)}>\r?\n(.*?)\r?\n\s*// </readme:{Regex.Escape(name)}>", RegexOptions.Singleline);
            Assert.True(region.Success, $"ReadmeExamples*.cs has no region readme:{name}");
            Assert.Equal(Normalize(block.Groups[2].Value), Normalize(ReadmeExamples.ToReadme(region.Groups[1].Value)));
        }
    }

    [Fact]
    public void Readme_EveryCSharpBlock_IsMarkedWithAUniqueName()
    {
        string readme = ReadmeText();
        var names = new List<string>();
        foreach (Match fence in CSharpFence().Matches(readme))
        {
            string before = readme[..fence.Index].TrimEnd();
            var marker = TrailingMarker().Match(before);
            int line = readme[..fence.Index].Count(ch => ch == '\n') + 1;
            Assert.True(marker.Success, $"README.md line {line}: a ```csharp block without a <!-- readme:NAME --> marker right before it");
            names.Add(marker.Groups[1].Value);
        }

        Assert.NotEmpty(names);
        Assert.Empty(names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(names.Count, ReadmeBlock().Count(readme));
    }

    [Fact]
    public void Readme_EveryExampleRegion_IsShownInTheReadme()
    {
        string readme = ReadmeText();
        var shown = ReadmeBlock().Matches(readme).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var regions = RegionStart().Matches(ExamplesSource()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(regions.Count, regions.Distinct(StringComparer.Ordinal).Count());
        Assert.All(regions, r => Assert.Contains(r, shown));
    }

    /// <summary>
    /// The README's line for when the packages are on nuget.org named Clv, Clv.Csv, Clv.Parquet, Clv.Data and Clv.Plots,
    /// but not Clv.Orleans or the clv command's Clv.Tool: every package of src/ is named there.
    /// </summary>
    [Fact]
    public void Readme_PublishedPackagesLine_NamesEveryPackageOfSrc()
    {
        string line = ReadmeText().Split('\n').Single(l => l.StartsWith("Once the packages are published:", StringComparison.Ordinal));
        string src = Path.GetDirectoryName(FindRepoFile("src/Clv/Clv.csproj"))! + "/..";
        var packages = Directory.GetFiles(src, "*.csproj", SearchOption.AllDirectories).Select(p => Path.GetFileNameWithoutExtension(p)!).ToList();
        Assert.Contains("Clv.Tool", packages);
        foreach (string package in packages)
        {
            Assert.True(line.Contains($"`{package}`", StringComparison.Ordinal) || line.Contains($"package {package} ", StringComparison.Ordinal) || line.Contains($" {package} --prerelease", StringComparison.Ordinal), $"README: the published-packages line does not name {package}");
        }
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

    internal static string ReadmeText() => File.ReadAllText(FindRepoFile("README.md"));

    /// <summary>All ReadmeExamples*.cs files (the examples are split by section into partial files).</summary>
    internal static string ExamplesSource()
    {
        string dir = Path.GetDirectoryName(FindRepoFile("tests/Clv.Tests/ReadmeExamples.cs"))!;
        var files = Directory.GetFiles(dir, "ReadmeExamples*.cs").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 1, "ReadmeExamples*.cs not found");
        return string.Join("\n", files.Select(File.ReadAllText));
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

    [GeneratedRegex(@"^```\s*(csharp|cs|c#)\b", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex CSharpFence();

    [GeneratedRegex(@"<!-- readme:([a-z-]+) -->$")]
    private static partial Regex TrailingMarker();

    [GeneratedRegex(@"// <readme:([a-z-]+)>")]
    private static partial Regex RegionStart();
}
