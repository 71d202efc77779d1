using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>Outputs written at once: staged in the order given, and the first failure in that order is the one reported.</summary>
public class StagingTests
{
    [Fact]
    public void WriteAll_SeveralOutputs_StagedInOrderAndCommittedTogether()
    {
        string folder = Path.Combine(Path.GetTempPath(), "clv-staging-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var staging = Staging.ForFolder(folder))
            {
                staging.WriteAll(
                [
                    ("a.txt", p => { Thread.Sleep(50); File.WriteAllText(p, "a"); }),
                    ("b.txt", p => File.WriteAllText(p, "b")),
                    ("c.txt", p => File.WriteAllText(p, "c")),
                ]);
                Assert.Equal(["a.txt", "b.txt", "c.txt"], staging.Files.Select(Path.GetFileName));
                Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any());
                staging.Commit();
            }

            Assert.Equal("abc", string.Concat(new[] { "a.txt", "b.txt", "c.txt" }.Select(f => File.ReadAllText(Path.Combine(folder, f)))));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, true);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ExistingDestinationFolder_StagesInsideIt_SoItsParentNeedNotBeWritable(bool file)
    {
        // A mounted volume or a shared export folder is writable while its parent is not: staging beside it failed (exit 5).
        using var dir = new TempFolder();
        string folder = dir["exports"];
        Directory.CreateDirectory(folder);
        using (var staging = file ? Staging.ForFile(Path.Combine(folder, "rfm.csv")) : Staging.ForFolder(folder))
        {
            string staged = staging.File("rfm.csv");
            Assert.Equal(folder, Path.GetDirectoryName(Path.GetDirectoryName(staged)));
            File.WriteAllText(staged, "x");
            Assert.Equal(["exports"], dir.Entries());
            staging.Commit();
        }

        Assert.Equal(["rfm.csv"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
        Assert.Equal(["exports"], dir.Entries());
    }

    [Fact]
    public void WriteAll_TwoFail_ReportsTheFirstInOrderAndWritesNothing()
    {
        string folder = Path.Combine(Path.GetTempPath(), "clv-staging-" + Guid.NewGuid().ToString("N"));
        try
        {
            var e = Assert.Throws<ToolException>(() =>
            {
                using var staging = Staging.ForFolder(folder);
                staging.WriteAll(
                [
                    ("a.txt", p => File.WriteAllText(p, "a")),
                    ("b.txt", p => { Thread.Sleep(50); throw new IOException("disk full (b)"); }),
                    ("c.txt", p => throw new IOException("disk full (c)")),
                ]);
                staging.Commit();
            });

            Assert.Contains("b.txt", e.Message, StringComparison.Ordinal);
            Assert.Contains("disk full (b)", e.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any());
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
