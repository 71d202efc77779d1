using System.Security.Cryptography;
using System.Text;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Clv.Tests.Orleans;

/// <summary>
/// A durable grain storage for the tests: one file per grain state in a folder that outlives the cluster (what a real
/// deployment gets from ADO.NET, Redis or Azure storage). Writes go to a temporary file and are moved in; the ETag is a
/// hash of the stored bytes, so a write over a copy that changed meanwhile fails as Orleans' providers do.
/// </summary>
internal sealed class FileGrainStorage(string folder, Serializer serializer) : IGrainStorage
{
    private static readonly Lock Gate = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (Gate)
        {
            string path = PathOf(stateName, grainId);
            if (!File.Exists(path))
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
                return Task.CompletedTask;
            }

            byte[] bytes = File.ReadAllBytes(path);
            grainState.State = serializer.Deserialize<T>(bytes);
            grainState.ETag = ETagOf(bytes);
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (Gate)
        {
            string path = PathOf(stateName, grainId);
            string? stored = File.Exists(path) ? ETagOf(File.ReadAllBytes(path)) : null;
            if (!string.Equals(stored, grainState.ETag, StringComparison.Ordinal))
            {
                throw new InconsistentStateException("The stored state of " + grainId + " changed.", stored, grainState.ETag);
            }

            byte[] bytes = serializer.SerializeToArray(grainState.State);
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(path + ".tmp", bytes);
            File.Move(path + ".tmp", path, overwrite: true);
            grainState.ETag = ETagOf(bytes);
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (Gate)
        {
            File.Delete(PathOf(stateName, grainId));
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }
    }

    /// <summary>The size in bytes of one grain's stored state in <paramref name="folder"/> (0 when none is stored).</summary>
    public static long SizeOf(string folder, string stateName, GrainId grainId)
    {
        var file = new FileInfo(PathOf(folder, stateName, grainId));
        return file.Exists ? file.Length : 0;
    }

    private string PathOf(string stateName, GrainId grainId) => PathOf(folder, stateName, grainId);

    private static string PathOf(string folder, string stateName, GrainId grainId) =>
        Path.Combine(folder, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(stateName + "|" + grainId))) + ".state");

    private static string ETagOf(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
