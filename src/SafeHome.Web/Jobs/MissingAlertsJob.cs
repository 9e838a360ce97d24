using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Jobs;

/// Every few minutes: raises one alert for each missing-episode deadline that has passed unmet (a notification, the
/// return debrief, the post-return screen), and resolves alerts whose deadline has since been met. An alert is unique
/// by (kind, subject), so repeated runs raise nothing twice. Like the plan alerts it takes no arguments beyond the
/// cancellation token, so the job queue never holds anything about a youth.
public sealed class MissingAlertsJob(SafeHomeDbContext db, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SweepAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another server swept at the same moment and won the unique index; look again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();

        // Only episodes that can still owe something: open ones, and returned ones whose debrief or screen is missing
        // or whose notifications are not all settled. Read without tracking, like the open alerts below: over ten
        // years these are tens of thousands of rows, and tracking them made every sweep's SaveChanges compare them
        // all (issue 16: the sweep every five minutes was a sixth of the app's CPU under load and held 300 MB).
        var episodes = await db.MissingEpisodes
            .AsNoTracking()
            .Include(e => e.Notifications)
            .Include(e => e.Debrief)
            .Include(e => e.Screen)
            .Where(e => e.Status == EpisodeStatus.Open || e.Debrief == null || e.Screen == null
                || e.Notifications.Any(n => n.NotifiedAtUtc == null && n.NotApplicableReason == null))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var overdue = episodes.SelectMany(e => e.OverdueItems(now)).ToList();
        var overdueKeys = overdue.Select(o => (o.Kind, o.SubjectId)).ToHashSet();

        var open = await db.MissingAlerts.AsNoTracking()
            .Where(a => a.ResolvedAtUtc == null)
            .Select(a => new { a.Id, a.Kind, a.SubjectId })
            .ToListAsync(cancellationToken);
        var settled = open.Where(a => !overdueKeys.Contains((a.Kind, a.SubjectId))).Select(a => a.Id).ToList();
        foreach (var chunk in settled.Chunk(500))
        {
            foreach (var alert in await db.MissingAlerts.Where(a => chunk.Contains(a.Id)).ToListAsync(cancellationToken))
            {
                alert.Resolve(now);
            }
        }

        var subjects = overdue.Select(o => o.SubjectId).Distinct().ToList();
        var existing = (await db.MissingAlerts.AsNoTracking()
                .Where(a => subjects.Contains(a.SubjectId))
                .Select(a => new { a.Kind, a.SubjectId })
                .ToListAsync(cancellationToken))
            .Select(a => (a.Kind, a.SubjectId))
            .ToHashSet();
        var raised = 0;
        foreach (var item in overdue.Where(o => existing.Add((o.Kind, o.SubjectId))))
        {
            db.MissingAlerts.Add(new MissingAlert(item, now));
            raised++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return raised;
    }
}
