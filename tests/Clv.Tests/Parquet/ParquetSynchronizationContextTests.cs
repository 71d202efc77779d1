using System.Collections.Concurrent;
using Clv.Parquet;

namespace Clv.Tests.Parquet;

/// <summary>
/// The synchronous Parquet calls on a thread with a single-threaded synchronization context (a WinForms or WPF UI thread):
/// Parquet.Net's awaits resumed on that context while the thread waited for them, and the call never returned.
/// </summary>
public class ParquetSynchronizationContextTests
{
    [Fact]
    public void WriteAndRead_OnAUiLikeThread_Return()
    {
        using var files = new ParquetTestFiles();
        var rows = TestData.CdnowSample();
        var customers = TestData.CdnowSummaries();
        string transactions = files.PathOf("cdnow.parquet"), summaries = files.PathOf("summaries.parquet");

        var (read, summariesBack) = OnContextThread(() =>
        {
            TransactionParquet.Write(transactions, rows);
            CustomerSummaryParquet.Write(summaries, customers);
            return (TransactionParquet.Read(transactions), CustomerSummaryParquet.Read(summaries));
        });

        Assert.Equal(rows.Length, read.RowsRead);
        Assert.Equal(customers.Count, summariesBack.Length);
    }

    /// <summary>Runs <paramref name="work"/> on a new thread whose context queues continuations to that thread, as a UI thread does.</summary>
    private static T OnContextThread<T>(Func<T> work)
    {
        var queue = new BlockingCollection<(SendOrPostCallback Callback, object? State)>();
        var context = new QueueContext(queue);
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(context);
            context.Post(
                _ =>
                {
                    try
                    {
                        result = work();
                    }
                    catch (Exception e)
                    {
                        error = e;
                    }
                    finally
                    {
                        queue.CompleteAdding();
                    }
                },
                null);
            foreach (var (callback, state) in queue.GetConsumingEnumerable())
            {
                callback(state);
            }
        })
        { IsBackground = true };
        thread.Start();

        // A bound, not a timing: the calls take well under a second; before the fix they never returned.
        Assert.True(thread.Join(TimeSpan.FromMinutes(2)), "The Parquet calls did not return on a thread with a synchronization context.");
        Assert.Null(error);
        return result;
    }

    private sealed class QueueContext(BlockingCollection<(SendOrPostCallback Callback, object? State)> queue) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
            try
            {
                queue.Add((d, state));
            }
            catch (InvalidOperationException)
            {
                // The thread has finished its work and stopped taking callbacks: run late ones on the pool.
                ThreadPool.QueueUserWorkItem(_ => d(state));
            }
        }
    }
}
