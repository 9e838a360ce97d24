using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Jobs;

/// The daily job behind "what is due": raises an alert for each plan that is missing, review that is due soon or
/// overdue, and plan waiting for approval. Safe to run twice: an alert is keyed by (kind, subject, due date), so a
/// second run on the same day raises nothing new. It takes no arguments, so nothing about a resident is ever stored
/// in the job queue.
public sealed class PlanAlertsJob(SafeHomeDbContext db, TimeProvider clock, PlanScheduleOptions schedule)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var items = await DueItems.ForAsync(db, db.Residents, schedule.Schedule, today, cancellationToken);
        var existing = (await db.PlanAlerts.AsNoTracking()
                .Select(a => new { a.Kind, a.SubjectId, a.DueOn })
                .ToListAsync(cancellationToken))
            .Select(a => (a.Kind, a.SubjectId, a.DueOn))
            .ToHashSet();
        var raised = 0;
        foreach (var item in items.Where(i => !existing.Contains((i.Kind, i.SubjectId, i.DueOn))))
        {
            db.PlanAlerts.Add(new PlanAlert(item, clock.UtcNow()));
            raised++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A second server ran the same job at the same moment and won the unique index; its alerts stand.
            db.ChangeTracker.Clear();
            return 0;
        }

        return raised;
    }
}
