using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Auditing;

namespace SafeHome.Data.Auditing;

/// Recomputes the whole chain from the first entry, in pages so a long history never sits in memory, compares the end
/// with the checkpoint outside the database, records the run, and on success moves the checkpoint to the new head.
public sealed class AuditChainVerifier(SafeHomeDbContext db, AuditChainKeeper chain, TimeProvider clock)
{
    private const int PageSize = 5_000;

    public async Task<ChainReport> VerifyAsync(IntegrityCheckSource source, string? requestedById, CancellationToken cancellationToken = default)
    {
        var verification = new ChainVerification(chain.Key, chain.ReadCheckpoint());
        var after = long.MinValue;
        while (!verification.Failed)
        {
            var page = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence > after)
                .OrderBy(a => a.Sequence)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            foreach (var entry in page)
            {
                if (!verification.Add(entry.Id, entry))
                {
                    break;
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        var report = verification.Finish();
        var now = clock.GetUtcNow().UtcDateTime;
        if (report.Intact)
        {
            chain.WriteCheckpoint(report.Head, now);
        }

        db.IntegrityChecks.Add(new IntegrityCheck(report, source, requestedById, now));
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }
}
