using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
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
        CheckAsync(database, key, checkpoints, ParallelChainCheck.DefaultBatchSize, workers: 0, cancellationToken);

    internal static async Task<ChainReport> CheckAsync(
        SafeHomeDbContext database, byte[] key, IEnumerable<ChainCheckpoint> checkpoints, int batchSize, int workers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);

        // The database's highest few copies (a forged higher one must not hide the genuine one below it) and the others.
        var stored = await database.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).ThenByDescending(c => c.Id).Take(3).ToListAsync(cancellationToken);
        return await ParallelChainCheck.RunAsync(key, [.. stored.Select(c => c.ToCheckpoint()), .. checkpoints], ReadAsync(database, cancellationToken), batchSize, workers, cancellationToken);
    }

    // One raw command over the whole table, read forward: no entity is tracked or built, and no page re-enters the index.
    private static async IAsyncEnumerable<AuditRow> ReadAsync(SafeHomeDbContext database, [EnumeratorCancellation] CancellationToken cancellationToken)
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
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return Row(reader);
            }
        }
        finally
        {
            if (opened)
            {
                await database.Database.CloseConnectionAsync();
            }
        }
    }

    // Ordered by sequence, the insertion id only breaking ties between duplicated sequences (it never decides order);
    // columns in select order, each read once, as sequential access wants.
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
}
