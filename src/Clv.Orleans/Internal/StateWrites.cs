using Orleans.Storage;

namespace Clv.Orleans.Internal;

/// <summary>Writing a grain's persisted state when the stored copy may have changed under it.</summary>
internal static class StateWrites
{
    /// <summary>
    /// Writes the state. On <see cref="InconsistentStateException"/> (in-memory storage re-activated empty after its silo
    /// died, or a duplicate activation wrote) this activation's copy is the latest: take the stored ETag and write again.
    /// </summary>
    public static async Task WriteAsync<T>(IPersistentState<T> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            var latest = state.State;
            await state.ReadStateAsync();
            state.State = latest;
            await state.WriteStateAsync();
        }
    }
}
