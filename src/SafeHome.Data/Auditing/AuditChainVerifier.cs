using System.Data;
using System.Data.Common;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SafeHome.Domain.Auditing;

namespace SafeHome.Data.Auditing;

/// Recomputes the whole chain from the first entry, streaming it so a long history never sits in memory, reports every
/// problem in it, compares the end with every signed checkpoint (the database's and the files'), records the run, and on
/// success writes a checkpoint at the new head to all of them.
public sealed class AuditChainVerifier(SafeHomeDbContext db, AuditChainKeeper chain, TimeProvider clock)
{
    internal const int BatchSize = 4_096;

    public async Task<ChainReport> VerifyAsync(IntegrityCheckSource source, string? requestedById, CancellationToken cancellationToken = default)
    {
        var report = await CheckAsync(db, chain.Key, chain.ReadCheckpoints(), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (report.Intact)
        {
            db.AuditCheckpoints.Add(new AuditCheckpoint(chain.WriteCheckpoint(report.Head, report.Generation, now), Environment.MachineName));
        }

        db.IntegrityChecks.Add(new IntegrityCheck(report, source, requestedById, now));
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    /// Checks the chain in <paramref name="database"/> against its own checkpoints and <paramref name="checkpoints"/>
    /// without recording anything; the backup and restore verbs check copies of the database with it.
    public static Task<ChainReport> CheckAsync(SafeHomeDbContext database, byte[] key, IEnumerable<ChainCheckpoint> checkpoints, CancellationToken cancellationToken = default) =>
        CheckAsync(database, key, checkpoints, BatchSize, Environment.ProcessorCount, cancellationToken);

    // One reader streams the rows in batches; workers check each row's seal against the stored hash of the row read
    // before it, which is all a seal depends on; one walk then takes the batches in order, so every finding, and
    // which comes first, is exactly what a single pass would report. A few batches circulate, so memory stays flat.
    internal static async Task<ChainReport> CheckAsync(
        SafeHomeDbContext database, byte[] key, IEnumerable<ChainCheckpoint> checkpoints, int batchSize, int workers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        workers = Math.Max(1, workers);

        // The database's highest few copies (a forged higher one must not hide the genuine one below it) and the others.
        var stored = await database.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).ThenByDescending(c => c.Id).Take(3).ToListAsync(cancellationToken);
        var verification = new ChainVerification(key, [.. stored.Select(c => c.ToCheckpoint()), .. checkpoints]);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var free = Channel.CreateUnbounded<RowBatch>();
        for (var i = 0; i < workers * 2 + 2; i++)
        {
            free.Writer.TryWrite(new RowBatch(batchSize));
        }

        var toHash = Channel.CreateUnbounded<RowBatch>(new UnboundedChannelOptions { SingleWriter = true });
        var inOrder = Channel.CreateUnbounded<RowBatch>(new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });
        Task[] tasks =
        [
            Guard(ReadAsync(database, free.Reader, toHash.Writer, inOrder.Writer, stop.Token), stop),
            Guard(Task.Run(() => WalkAsync(verification, inOrder.Reader, free.Writer, stop.Token), CancellationToken.None), stop),
            .. Enumerable.Range(0, workers).Select(_ => Guard(Task.Run(() => HashAsync(key, toHash.Reader, stop.Token), CancellationToken.None), stop)),
        ];
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (Exception) when (tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).FirstOrDefault(e => e is not OperationCanceledException) is { } cause)
        {
            // A sibling stopped by the failure must not hide it.
            ExceptionDispatchInfo.Throw(cause);
        }

        return verification.Finish();
    }

    private static async Task Guard(Task work, CancellationTokenSource stop)
    {
        try
        {
            await work;
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    private static async Task ReadAsync(SafeHomeDbContext database, ChannelReader<RowBatch> free, ChannelWriter<RowBatch> toHash, ChannelWriter<RowBatch> inOrder, CancellationToken cancellationToken)
    {
        try
        {
            var connection = database.Database.GetDbConnection();
            var opened = connection.State != ConnectionState.Open;
            if (opened)
            {
                await database.Database.OpenConnectionAsync(cancellationToken);
            }

            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = SelectAll(database.Model);
                command.Transaction = database.Database.CurrentTransaction?.GetDbTransaction();
                await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
                var batch = await free.ReadAsync(cancellationToken);
                batch.Start(before: null);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (batch.Count == batch.Rows.Length)
                    {
                        var last = batch.Rows[^1].Hash;
                        Publish(batch, toHash, inOrder);
                        batch = await free.ReadAsync(cancellationToken);
                        batch.Start(before: last);
                    }

                    batch.Rows[batch.Count++] = Row(reader);
                }

                Publish(batch, toHash, inOrder);
            }
            finally
            {
                if (opened)
                {
                    await database.Database.CloseConnectionAsync();
                }
            }
        }
        finally
        {
            toHash.TryComplete();
            inOrder.TryComplete();
        }
    }

    // Ordered by sequence, the insertion id only breaking ties between duplicated sequences; columns in select order,
    // each read once, as sequential access wants.
    private static string SelectAll(IModel model)
    {
        var entity = model.FindEntityType(typeof(AuditEntry))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => Quote(entity.FindProperty(property)!.GetColumnName(table)!);
        var columns = string.Join(", ", new[]
        {
            nameof(AuditEntry.Sequence), nameof(AuditEntry.OccurredAtUtc), nameof(AuditEntry.UserId), nameof(AuditEntry.Action), nameof(AuditEntry.EntityType),
            nameof(AuditEntry.EntityKey), nameof(AuditEntry.Changes), nameof(AuditEntry.ResidentId), nameof(AuditEntry.Hash),
        }.Select(Column));
        var name = table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";
        return $"SELECT {columns} FROM {name} ORDER BY {Column(nameof(AuditEntry.Sequence))}, {Column(nameof(AuditEntry.Id))}";
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static AuditRow Row(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetDateTime(1),
        Text(reader, 2),
        Text(reader, 3),
        Text(reader, 4),
        Text(reader, 5),
        Text(reader, 6),
        reader.IsDBNull(7) ? null : reader.GetGuid(7),
        Text(reader, 8));

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static void Publish(RowBatch batch, ChannelWriter<RowBatch> toHash, ChannelWriter<RowBatch> inOrder)
    {
        // Unbounded writers of an open channel always accept; the number of batches in flight is bounded by the pool.
        inOrder.TryWrite(batch);
        toHash.TryWrite(batch);
    }

    private static async Task HashAsync(byte[] key, ChannelReader<RowBatch> toHash, CancellationToken cancellationToken)
    {
        using var hasher = new ChainHasher(key);
        await foreach (var batch in toHash.ReadAllAsync(cancellationToken))
        {
            try
            {
                batch.Check(hasher);
                batch.Checked.TrySetResult();
            }
            catch (Exception e)
            {
                batch.Checked.TrySetException(e);
                throw;
            }
        }
    }

    private static async Task WalkAsync(ChainVerification verification, ChannelReader<RowBatch> inOrder, ChannelWriter<RowBatch> free, CancellationToken cancellationToken)
    {
        await foreach (var batch in inOrder.ReadAllAsync(cancellationToken))
        {
            await batch.Checked.Task.WaitAsync(cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                verification.Add(batch.Rows[i], batch.HashBefore(i), batch.Verified[i]);
            }

            free.TryWrite(batch);
        }
    }

    private sealed class RowBatch(int size)
    {
        // The stored hash of the row read just before this batch's first.
        private string? _before;

        public AuditRow[] Rows { get; } = new AuditRow[size];

        public bool[] Verified { get; } = new bool[size];

        public int Count { get; set; }

        public TaskCompletionSource Checked { get; private set; } = new();

        public void Start(string? before)
        {
            Array.Clear(Rows, 0, Count);
            Count = 0;
            _before = before;
            Checked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public string? HashBefore(int index) => index == 0 ? _before : Rows[index - 1].Hash;

        public void Check(ChainHasher hasher)
        {
            for (var i = 0; i < Count; i++)
            {
                Verified[i] = hasher.Verifies(HashBefore(i), Rows[i]);
            }
        }
    }
}
