using System.Text.RegularExpressions;

namespace Clv.Tests;

/// <summary>
/// Dependencies point down: Root &lt;- {Rfm, Lifecycle, Valuation, Probabilistic} &lt;- Crm. No source file of Lifecycle or
/// Valuation names a type (or the namespace) of another feature folder, in code or in its XML docs; and no feature folder
/// names Crm, which may use all four.
/// </summary>
public partial class DependencyDirectionTests
{
    private static readonly string[] Features = ["Rfm", "Lifecycle", "Valuation", "Probabilistic", "Crm"];

    [Theory]
    [InlineData("Lifecycle")]
    [InlineData("Valuation")]
    public void FeatureFolder_UsesNoOtherFeatureNamespace(string feature)
    {
        string folder = Path.Combine(Path.GetDirectoryName(ReadmeTests.FindRepoFile("src/Clv/Clv.csproj"))!, feature);
        var files = Directory.GetFiles(folder, "*.cs");
        Assert.NotEmpty(files);
        var others = Features.Where(f => f != feature).ToArray();
        var foreignTypes = typeof(CustomerSummaries).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && others.Any(o => ns == "Clv." + o) && !t.IsNested && !t.Name.Contains('<', StringComparison.Ordinal))
            .Select(t => t.Name.Split('`')[0])
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("BgNbdModel", foreignTypes);
        Assert.Contains("RfmScorer", foreignTypes);

        foreach (string file in files)
        {
            string text = File.ReadAllText(file);
            foreach (string other in others)
            {
                Assert.False(text.Contains("Clv." + other, StringComparison.Ordinal), $"{Path.GetFileName(file)} names the namespace Clv.{other}");
            }

            foreach (Match word in Identifier().Matches(text))
            {
                Assert.False(foreignTypes.Contains(word.Value), $"{Path.GetFileName(file)} uses {word.Value} from another feature folder");
            }
        }
    }

    [Theory]
    [InlineData("Rfm")]
    [InlineData("Lifecycle")]
    [InlineData("Valuation")]
    [InlineData("Probabilistic")]
    public void FeatureFolder_UsesNothingFromCrm(string feature)
    {
        string folder = Path.Combine(Path.GetDirectoryName(ReadmeTests.FindRepoFile("src/Clv/Clv.csproj"))!, feature);
        var files = Directory.GetFiles(folder, "*.cs");
        Assert.NotEmpty(files);
        var crmTypes = typeof(CustomerSummaries).Assembly.GetTypes()
            .Where(t => t.Namespace == "Clv.Crm" && !t.IsNested && !t.Name.Contains('<', StringComparison.Ordinal))
            .Select(t => t.Name.Split('`')[0])
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("HealthScore", crmTypes);

        foreach (string file in files)
        {
            string text = File.ReadAllText(file);
            Assert.False(text.Contains("Clv.Crm", StringComparison.Ordinal), $"{Path.GetFileName(file)} names the namespace Clv.Crm");
            foreach (Match word in Identifier().Matches(text))
            {
                Assert.False(crmTypes.Contains(word.Value), $"{Path.GetFileName(file)} uses {word.Value} from Crm");
            }
        }
    }

    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9]*\b")]
    private static partial Regex Identifier();
}
