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
        // The database's highest few copies (a forged higher one must not hide the genuine one below it) and the files'.
        var stored = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).ThenByDescending(c => c.Id).Take(3).ToListAsync(cancellationToken);
        var verification = new ChainVerification(chain.Key, [.. stored.Select(c => c.ToCheckpoint()), .. chain.ReadCheckpoints()]);

        // Pages by (sequence, insertion id): the id only breaks ties between duplicated sequences, it never decides order.
        var (afterSequence, afterId) = (long.MinValue, long.MinValue);
        while (true)
        {
            var (s, i) = (afterSequence, afterId);
            var page = await db.AuditEntries.AsNoTracking()
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
                break;
            }

            (afterSequence, afterId) = (page[^1].Sequence, page[^1].Id);
        }

        var report = verification.Finish();
        var now = clock.GetUtcNow().UtcDateTime;
        if (report.Intact)
        {
            db.AuditCheckpoints.Add(new AuditCheckpoint(chain.WriteCheckpoint(report.Head, now), Environment.MachineName));
        }

        db.IntegrityChecks.Add(new IntegrityCheck(report, source, requestedById, now));
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }
}
