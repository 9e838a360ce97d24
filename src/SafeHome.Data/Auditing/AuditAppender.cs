using Microsoft.Extensions.DependencyInjection;
using SafeHome.Domain.Auditing;

namespace SafeHome.Data.Auditing;

/// Group commit for access entries (views, denials, sign-ins): entries queued by many requests are appended to the
/// chain in one transaction and one durable commit, through a DbContext of the appender's own, so the usual sealing
/// (writer lock, BEGIN IMMEDIATE or the PostgreSQL advisory lock, head, seal, insert) runs once per batch. Whoever
/// queues while no batch is being written starts the writer; it writes batch after batch until the queue is empty,
/// and everything queued while one batch commits goes into the next.
///
/// A request is answered only after its entry's batch has committed (synchronous=FULL on SQLite), and a failed batch
/// faults every waiter in it, so a crash can lose only entries whose requests have not been answered yet: nothing that
/// was acknowledged. Such a lost batch leaves no gap either, because its sequence numbers were never committed.
public sealed class AuditAppender(IServiceScopeFactory scopes)
{
    public const int MaxBatch = 500;

    private readonly Lock _gate = new();
    private readonly Queue<Pending> _queue = new();
    private bool _writing;

    /// Completes when the entry is durable in the chain, or fails with the batch's error (the entry is then not stored).
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var pending = new Pending(entry);
        bool start;
        lock (_gate)
        {
            _queue.Enqueue(pending);
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            // The writer outlives the request that started it; it must not carry that request's user or trace along.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(WriteAllAsync, CancellationToken.None);
            }
        }

        // Giving up the wait (the client went away) does not take the entry out of its batch.
        return pending.Durable.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAllAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }

                batch = new List<Pending>(Math.Min(_queue.Count, MaxBatch));
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }

            try
            {
                await WriteAsync(batch);
            }
#pragma warning disable CA1031 // Every failure, whatever its type, belongs to the waiters; the writer must go on.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                foreach (var pending in batch)
                {
                    pending.Durable.TrySetException(failure);
                }

                continue;
            }

            foreach (var pending in batch)
            {
                pending.Durable.TrySetResult();
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>();
        db.AuditEntries.AddRange(batch.Select(p => p.Entry));

        // The auditing interceptor seals the batch after the chain's head under the writer lock and commits it in one
        // transaction; SaveChanges returns only after that commit.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private sealed record Pending(AuditEntry Entry)
    {
        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
