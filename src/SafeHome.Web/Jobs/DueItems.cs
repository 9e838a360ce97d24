using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Jobs;

public sealed class PlanScheduleOptions
{
    public const string Section = "Plans";

    public int FirstPlanWithinDays { get; set; } = 30;
    public int ReviewEveryDays { get; set; } = 90;
    public int DueSoonWithinDays { get; set; } = 14;

    public ReviewSchedule Schedule => new(FirstPlanWithinDays, ReviewEveryDays, DueSoonWithinDays);
}

/// Reads, for residents in care, what the review schedule needs, and asks the schedule what is due. The same code
/// serves the daily job, the "what is due" page and the review form, so the three never disagree.
public static class DueItems
{
    public static async Task<IReadOnlyList<DueItem>> ForAsync(SafeHomeDbContext db, IQueryable<Resident> residents, ReviewSchedule schedule, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(schedule);
        // One row per resident in care, each value a correlated lookup on its own (ResidentId, …) index; pending plans
        // in a second query. Asking EF for the active plan as an object made it number every active plan of the
        // program with a window function on every page view (issue 16).
        var inCare = residents.Where(r => db.InCareIds().Contains(r.Id));
        var states = await inCare
            .Select(r => new
            {
                r.Id,
                AdmittedOn = r.Stays.Where(s => s.DischargedOn == null).Select(s => s.AdmittedOn).First(),
                ActiveId = db.ServicePlans.Where(p => p.ResidentId == r.Id && p.Status == PlanStatus.Active).Select(p => (Guid?)p.Id).FirstOrDefault(),
                ActiveApprovedAtUtc = db.ServicePlans.Where(p => p.ResidentId == r.Id && p.Status == PlanStatus.Active).Select(p => p.ApprovedAtUtc).FirstOrDefault(),
                ActiveEffectiveOn = db.ServicePlans.Where(p => p.ResidentId == r.Id && p.Status == PlanStatus.Active).Select(p => p.EffectiveOn).FirstOrDefault(),
                LastNextDue = db.PlanReviews.Where(v => v.ResidentId == r.Id).OrderByDescending(v => v.HeldOn).ThenByDescending(v => v.RecordedAtUtc).Select(v => (DateOnly?)v.NextDueOn).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var pending = (await db.ServicePlans
                .Where(p => p.Status == PlanStatus.PendingApproval && inCare.Select(r => r.Id).Contains(p.ResidentId))
                .Select(p => new { p.ResidentId, p.Id, p.SubmittedOn })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.ResidentId);

        return states
            .SelectMany(s => schedule.DueFor(
                new ResidentPlanState(
                    s.Id,
                    s.AdmittedOn,
                    s.ActiveId,
                    s.ActiveId is null ? null : EffectiveOn(s.ActiveEffectiveOn, s.ActiveApprovedAtUtc),
                    s.LastNextDue,
                    [.. pending[s.Id].Select(p => (p.Id, p.SubmittedOn ?? today))]),
                today))
            .ToList();
    }

    /// When the review of an active plan is due now: the last review's next due date, or the schedule's interval
    /// after the plan took effect. Stored on the review, so late reviews can be told from timely ones.
    public static async Task<DateOnly> ReviewDueOnAsync(SafeHomeDbContext db, ServicePlan activePlan, ReviewSchedule schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(activePlan);
        ArgumentNullException.ThrowIfNull(schedule);
        var lastNextDue = await db.PlanReviews
            .Where(v => v.ResidentId == activePlan.ResidentId)
            .OrderByDescending(v => v.HeldOn).ThenByDescending(v => v.RecordedAtUtc)
            .Select(v => (DateOnly?)v.NextDueOn)
            .FirstOrDefaultAsync(cancellationToken);
        return schedule.NextReviewDueOn(EffectiveOn(activePlan.EffectiveOn, activePlan.ApprovedAtUtc), lastNextDue);
    }

    // Approval always sets EffectiveOn; a row without it falls back to its approval day (or shows as long overdue).
    private static DateOnly EffectiveOn(DateOnly? effectiveOn, DateTime? approvedAtUtc) =>
        effectiveOn ?? DateOnly.FromDateTime(approvedAtUtc ?? DateTime.UnixEpoch);
}
