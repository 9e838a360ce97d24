using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Jobs;
using SafeHome.Web.Pages.Notes;
using SafeHome.Web.Pages.Plans;
using SafeHome.Web.Pages.Residents;

namespace SafeHome.Web.Pages.Start;

/// An open missing-episode alert with whose it is, for start pages (the banner on every page names no one).
public sealed record AlertRow(MissingAlertKind Kind, NotificationRecipient? Recipient, Guid ResidentId, string PreferredName, Guid EpisodeId, DateTime DueLocal);

/// A review or plan falling due: overdue, or within the schedule's look-ahead window.
public sealed record PlanDueRow(DueKind Kind, Guid ResidentId, Guid SubjectId, string PreferredName, DateOnly DueOn, bool FirstPlan);

/// "Today" for a counselor: their residents in care with their status, then what needs them, overdue first. Every
/// list is of their caseload only (the one visibility rule), and every row links to where the work is done.
public sealed record CounselorStart(
    ResidentStatusTable Residents,
    NotesToSignTable Notes,
    int NotesTotal,
    IReadOnlyList<PlanDueRow> PlansDue,
    IReadOnlyList<DueModel.FollowUpRow> FollowUps,
    IReadOnlyList<AlertRow> Alerts,
    int AlertsTotal,
    int FollowUpsTotal,
    int DueSoonWithinDays)
{
    public const int NotesShown = 10;

    /// Rows a start page lists per section, the most urgent first; the rest are counted and a link leads to them.
    public const int RowsShown = 10;

    public static async Task<CounselorStart> LoadAsync(SafeHomeDbContext db, ClaimsPrincipal user, TimeProvider clock, PlanScheduleOptions plans, NotesOptions notes)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(notes);
        var today = clock.Today();
        var now = clock.UtcNow();
        var inCare = db.VisibleResidents(user).Where(r => db.InCareIds().Contains(r.Id));
        var residents = (await ResidentStatus.ForAsync(db, inCare, plans.Schedule, notes.SigningDeadline))
            .OrderBy(r => r.State).ThenBy(r => r.PreferredName, StringComparer.CurrentCulture).ToList();

        var toSign = NotesToSign.For(db, user);
        var noteRows = await toSign.Take(NotesShown).ToListAsync();
        var notesTotal = noteRows.Count == NotesShown ? await toSign.CountAsync() : noteRows.Count;

        var window = today.AddDays(plans.DueSoonWithinDays);
        var plansDue = residents
            .Where(r => r.NextPlanStepDue <= window)
            .Select(r => r.HasActivePlan
                ? new PlanDueRow(r.NextReviewDue < today ? DueKind.ReviewOverdue : DueKind.ReviewDueSoon, r.Id, r.ActivePlanId!.Value, r.PreferredName, r.NextReviewDue!.Value, FirstPlan: false)
                : new PlanDueRow(DueKind.PlanMissing, r.Id, r.Id, r.PreferredName, r.FirstPlanDue!.Value, FirstPlan: true))
            .OrderBy(r => r.DueOn).ThenBy(r => r.PreferredName, StringComparer.CurrentCulture)
            .ToList();

        var (followUps, followUpsTotal) = await DueModel.OpenFollowUpsAsync(db, user, clock, RowsShown);
        var (alerts, alertsTotal) = await AlertsAsync(db, user, clock);
        return new CounselorStart(
            new ResidentStatusTable(residents, today, now, clock, ShowCounselor: false),
            new NotesToSignTable(noteRows, now, clock, notes.SigningDeadline, user.UserId()),
            notesTotal,
            plansDue,
            followUps,
            alerts,
            alertsTotal,
            followUpsTotal,
            plans.DueSoonWithinDays);
    }

    /// The first <paramref name="take"/> open alerts, oldest due first, and how many there are: a start page lists the
    /// most urgent and counts the rest, so it stays small however many are open.
    public static async Task<(IReadOnlyList<AlertRow> Rows, int Total)> AlertsAsync(SafeHomeDbContext db, ClaimsPrincipal user, TimeProvider clock, int take = RowsShown)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var open = MissingAlertsViewComponent.Open(db, user);
        var rows = await open
            .Take(take)
            .Select(a => new
            {
                a.Kind,
                a.ResidentId,
                a.EpisodeId,
                a.DueAtUtc,
                Recipient = db.MissingNotifications.Where(n => n.Id == a.SubjectId).Select(n => (NotificationRecipient?)n.Recipient).FirstOrDefault(),
                Name = db.Residents.Where(r => r.Id == a.ResidentId).Select(r => r.PreferredName).First(),
            })
            .ToListAsync();
        // Counted only when there may be more than were read.
        var total = rows.Count == take ? await open.CountAsync() : rows.Count;
        return ([.. rows.Select(r => new AlertRow(r.Kind, r.Recipient, r.ResidentId, r.Name, r.EpisodeId, clock.ToLocal(r.DueAtUtc)))], total);
    }
}
