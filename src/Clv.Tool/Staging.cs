namespace Clv.Tool;

/// <summary>
/// Outputs written whole or not at all: every file goes to a hidden staging folder, and is moved into place only when all
/// of them are complete. A failure or a cancellation deletes the staging folder and leaves the destination as it was.
/// The staging folder is inside the destination folder when that exists (so a writable destination is enough, even when
/// its parent is not, as with a mounted volume, and the moves stay on one file system), else beside it. Before making its
/// own, it deletes the staging folders there of runs that were killed outright (<see cref="StagingOwner"/>).
/// </summary>
internal sealed class Staging : IDisposable
{
    private readonly string _staging;
    private readonly List<(string Staged, string Final)> _files = [];

    private Staging(string destinationFolder)
    {
        string id = StagingOwner.Marker + Guid.NewGuid().ToString("N")[..12];
        string parent = Directory.Exists(destinationFolder) ? destinationFolder : Path.GetDirectoryName(destinationFolder) ?? destinationFolder;
        _staging = parent == destinationFolder ? Path.Combine(parent, id) : Path.Combine(parent, "." + Path.GetFileName(destinationFolder) + id);
        try
        {
            Directory.CreateDirectory(parent);
            Abandoned = StagingOwner.DeleteAbandoned(parent);
            Directory.CreateDirectory(_staging);
            StagingOwner.Write(_staging);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ToolException(ExitCode.OutputFailed, "output_failed", $"Cannot create a staging folder for '{destinationFolder}': {ex.Message}", ex) { File = destinationFolder };
        }
    }

    /// <summary>Stages files for the folder <paramref name="folder"/>.</summary>
    public static Staging ForFolder(string folder) => new(Path.GetFullPath(folder)) { Folder = Path.GetFullPath(folder) };

    /// <summary>Stages one file, <paramref name="file"/>.</summary>
    public static Staging ForFile(string file)
    {
        string full = Path.GetFullPath(file);
        if (Directory.Exists(full))
        {
            throw ToolException.Usage($"--out '{file}' is a folder; give a file name such as scores.csv or scores.parquet.");
        }

        return new Staging(Path.GetDirectoryName(full)!) { Folder = Path.GetDirectoryName(full)! };
    }

    /// <summary>The final paths of the files staged so far.</summary>
    public IReadOnlyList<string> Files
    {
        get
        {
            lock (_files)
            {
                return [.. _files.Select(f => f.Final)];
            }
        }
    }

    /// <summary>Staging folders of earlier runs that were killed outright (see <see cref="StagingOwner"/>), deleted before this one was made.</summary>
    public IReadOnlyList<string> Abandoned { get; } = [];

    /// <summary>The destination folder.</summary>
    public string Folder { get; private init; } = "";

    /// <summary>Where to write the output named <paramref name="name"/>; it moves to the destination on <see cref="Commit"/>.</summary>
    public string File(string name)
    {
        string staged = Path.Combine(_staging, name);
        lock (_files)
        {
            _files.Add((staged, Path.Combine(Folder, name)));
        }

        return staged;
    }

    /// <summary>Writes one output, turning an I/O failure into the tool's output error.</summary>
    public void Write(string name, Action<string> write) => WriteStaged(name, File(name), write);

    /// <summary>
    /// Writes independent outputs at once, one thread each (the first on the calling thread): staged in the order given, so the
    /// list of outputs is the same every run. When several fail, the first in that order is the one reported.
    /// </summary>
    public void WriteAll(params IReadOnlyList<(string Name, Action<string> Write)> outputs)
    {
        var paths = outputs.Select(o => File(o.Name)).ToArray();
        var others = new Task[outputs.Count];
        for (int i = 1; i < outputs.Count; i++)
        {
            int k = i;
            others[k] = Task.Run(() => WriteStaged(outputs[k].Name, paths[k], outputs[k].Write));
        }

        Exception? first = null;
        try
        {
            WriteStaged(outputs[0].Name, paths[0], outputs[0].Write);
        }
        catch (Exception ex)
        {
            first = ex;
        }

        for (int i = 1; i < outputs.Count; i++)
        {
            try
            {
                others[i].GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                first ??= ex;
            }
        }

        if (first is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
    }

    private void WriteStaged(string name, string path, Action<string> write)
    {
        try
        {
            write(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ToolException(ExitCode.OutputFailed, "output_failed", $"Cannot write {name}: {ex.Message}", ex) { File = Path.Combine(Folder, name) };
        }
    }

    /// <summary>
    /// Moves every staged file into the destination folder (replacing older files of the same names), then deletes the files
    /// named in <paramref name="optional"/> (outputs a command writes only on some runs, such as the report or the rejected
    /// rows) that this run did not write: left from an earlier run, they would not match this run's outputs. The older files
    /// are first moved aside into the staging folder, so a move that fails part way puts them back: the destination then
    /// holds the earlier run's files, never a mix.
    /// </summary>
    /// <returns>The final paths, in the order the files were staged.</returns>
    public IReadOnlyList<string> Commit(params IReadOnlyList<string> optional)
    {
        var aside = new List<(string Final, string Old)>();
        var moved = new List<string>();
        try
        {
            Directory.CreateDirectory(Folder);
            var stale = optional.Select(name => Path.Combine(Folder, name)).Where(path => !_files.Exists(f => f.Final == path));
            foreach (string final in _files.Select(f => f.Final).Concat(stale))
            {
                if (System.IO.File.Exists(final))
                {
                    string old = Path.Combine(_staging, Guid.NewGuid().ToString("N") + ".old");
                    System.IO.File.Move(final, old);
                    aside.Add((final, old));
                }
            }

            foreach (var (staged, final) in _files)
            {
                System.IO.File.Move(staged, final);
                moved.Add(final);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Restore(moved, aside);
            throw new ToolException(ExitCode.OutputFailed, "output_failed", $"Cannot move the outputs into '{Folder}': {ex.Message}", ex) { File = Folder };
        }

        Dispose();
        return [.. _files.Select(f => f.Final)];
    }

    /// <summary>Takes this run's files out of the destination and puts the earlier run's back (best effort).</summary>
    private static void Restore(List<string> moved, List<(string Final, string Old)> aside)
    {
        foreach (string final in moved)
        {
            try
            {
                System.IO.File.Delete(final);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Keep going: put back as much of the earlier run as can be.
            }
        }

        foreach (var (final, old) in aside)
        {
            try
            {
                System.IO.File.Move(old, final, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // As above.
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_staging))
            {
                Directory.Delete(_staging, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover hidden staging folder is harmless; the destination is untouched.
        }
    }
}
