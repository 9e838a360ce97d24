using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Auditing;

namespace SafeHome.Data.Auditing;

/// Recomputes the whole chain from the first entry, in pages so a long history never sits in memory, reports every
/// problem in it, compares the end with every signed checkpoint (the database's and the files'), records the run, and on
/// success writes a checkpoint at the new head to all of them.
public sealed class AuditChainVerifier(SafeHomeDbContext db, AuditChainKeeper chain, TimeProvider clock)
{
    private const int PageSize = 5_000;

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
    public static async Task<ChainReport> CheckAsync(SafeHomeDbContext database, byte[] key, IEnumerable<ChainCheckpoint> checkpoints, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        // The database's highest few copies (a forged higher one must not hide the genuine one below it) and the others.
        var stored = await database.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).ThenByDescending(c => c.Id).Take(3).ToListAsync(cancellationToken);
        var verification = new ChainVerification(key, [.. stored.Select(c => c.ToCheckpoint()), .. checkpoints]);

        // Pages by (sequence, insertion id): the id only breaks ties between duplicated sequences, it never decides order.
        var (afterSequence, afterId) = (long.MinValue, long.MinValue);
        while (true)
        {
            var (s, i) = (afterSequence, afterId);
            var page = await database.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence > s || (a.Sequence == s && a.Id > i))
                .OrderBy(a => a.Sequence)
                .ThenBy(a => a.Id)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            foreach (var entry in page)
            {
                verification.Add(entry);
            }

            if (page.Count < PageSize)
            {
                return verification.Finish();
            }

            (afterSequence, afterId) = (page[^1].Sequence, page[^1].Id);
        }
    }
}
