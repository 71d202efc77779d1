using System.Text.Json;

namespace Clv.Tests.Tool;

/// <summary>The <c>--json</c> document and <c>summary.json</c>: every field a pipeline sees is named in the README.</summary>
public sealed class ClvToolJsonTests
{
    [Fact]
    public void Summary_EveryTopLevelField_IsNamedInTheReadme()
    {
        using var dir = new TempFolder();
        var r = ToolRunner.InProcess("analyze", ToolRunner.Cdnow("--holdout-end", "1998-06-30", "--model", "auto", "--out", dir["out"], "--json", "--no-report"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        string readme = ReadmeTests.ReadmeText();
        int start = readme.IndexOf("## The `clv` command", StringComparison.Ordinal);
        string section = readme[start..readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal)];
        var fields = r.Json().EnumerateObject().Select(p => p.Name)
            .Concat(r.Json().GetProperty("purchase_model").EnumerateObject().Select(p => p.Name))
            .Concat(r.Json().GetProperty("purchase_model").GetProperty("parameters").GetProperty("r").EnumerateObject().Select(p => p.Name));
        string[] missing = [.. fields.Distinct().Where(f => !section.Contains($"`{f}`", StringComparison.Ordinal))];
        Assert.True(missing.Length == 0, "Not in the README: " + string.Join(", ", missing));
        Assert.Equal(JsonValueKind.Object, r.Json().GetProperty("holdout").ValueKind);
    }
}
