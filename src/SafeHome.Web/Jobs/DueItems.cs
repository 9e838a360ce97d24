using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;

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
/// serves the daily job and the "what is due" page, so the two never disagree.
public static class DueItems
{
    public static async Task<IReadOnlyList<DueItem>> ForAsync(SafeHomeDbContext db, IQueryable<Resident> residents, ReviewSchedule schedule, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(schedule);
        var states = await residents
            .Where(r => r.Stays.Any(s => s.DischargedOn == null))
            .Select(r => new
            {
                r.Id,
                AdmittedOn = r.Stays.Where(s => s.DischargedOn == null).Select(s => s.AdmittedOn).First(),
                Active = db.ServicePlans.Where(p => p.ResidentId == r.Id && p.Status == PlanStatus.Active).Select(p => new { p.Id, p.ApprovedAtUtc, p.EffectiveOn }).FirstOrDefault(),
                LastNextDue = db.PlanReviews.Where(v => v.ResidentId == r.Id).OrderByDescending(v => v.HeldOn).ThenByDescending(v => v.RecordedAtUtc).Select(v => (DateOnly?)v.NextDueOn).FirstOrDefault(),
                Pending = db.ServicePlans.Where(p => p.ResidentId == r.Id && p.Status == PlanStatus.PendingApproval).Select(p => new { p.Id, p.SubmittedOn }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return states
            .SelectMany(s => schedule.DueFor(
                new ResidentPlanState(
                    s.Id,
                    s.AdmittedOn,
                    s.Active?.Id,
                    s.Active?.EffectiveOn,
                    s.LastNextDue,
                    [.. s.Pending.Select(p => (p.Id, p.SubmittedOn ?? today))]),
                today))
            .ToList();
    }
}
