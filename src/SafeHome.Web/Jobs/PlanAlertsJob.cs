using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Jobs;

/// The daily job behind "what is due": raises an alert for each plan that is missing, review that is due soon or
/// overdue, and plan waiting for approval. Safe to run twice: an alert is keyed by (kind, subject, due date), so a
/// second run raises nothing new until something else falls due. Its only parameter is the cancellation token
/// Hangfire supplies, so nothing about a resident is ever stored in the job queue.
public sealed class PlanAlertsJob(SafeHomeDbContext db, TimeProvider clock, PlanScheduleOptions schedule)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RaiseNewAlertsAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another server ran the job at the same moment and won the unique index; look again and add only
                // what it did not.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<int> RaiseNewAlertsAsync(CancellationToken cancellationToken)
    {
        var items = await DueItems.ForAsync(db, db.Residents, schedule.Schedule, clock.Today(), cancellationToken);
        var subjects = items.Select(i => i.SubjectId).Distinct().ToList();
        var existing = (await db.PlanAlerts.AsNoTracking()
                .Where(a => subjects.Contains(a.SubjectId))
                .Select(a => new { a.Kind, a.SubjectId, a.DueOn })
                .ToListAsync(cancellationToken))
            .Select(a => (a.Kind, a.SubjectId, a.DueOn))
            .ToHashSet();
        var now = clock.UtcNow();
        var raised = 0;
        foreach (var item in items.Where(i => existing.Add((i.Kind, i.SubjectId, i.DueOn))))
        {
            db.PlanAlerts.Add(new PlanAlert(item, now));
            raised++;
        }

        if (raised > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return raised;
    }
}
