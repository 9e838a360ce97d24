using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;

namespace SafeHome.Web.Pages.Residents;

public enum ResidentState
{
    MissingNow,
    InCare,
    Discharged,
}

/// A resident's situation at a glance, as the residents list and a counselor's start page show it: whether they are
/// missing now (and when the next notification falls due), their plan, the next review, unsigned notes and their
/// signing deadline, open follow-ups and the last note. Dates, kinds and counts only: no note or plan text.
public sealed record ResidentStatusRow(
    Guid Id,
    string PreferredName,
    string? Pronouns,
    DateOnly DateOfBirth,
    DateOnly? InCareSince,
    string? PrimaryCounselor,
    Guid? MissingEpisodeId,
    DateTime? NextNotificationDueUtc,
    Guid? ActivePlanId,
    Guid? LatestPlanId,
    PlanStatus? LatestPlanStatus,
    DateOnly? NextReviewDue,
    DateOnly? FirstPlanDue,
    int UnsignedNotes,
    DateTime? SigningDueUtc,
    int OpenFollowUps,
    DateTime? LastNoteUtc)
{
    public bool HasActivePlan => ActivePlanId is not null;

    public ResidentState State => MissingEpisodeId is not null ? ResidentState.MissingNow
        : InCareSince is not null ? ResidentState.InCare
        : ResidentState.Discharged;

    /// In care with no active plan: the first plan is still to be approved.
    public bool PlanMissing => InCareSince is not null && !HasActivePlan;

    /// The review of the active plan falls due within <paramref name="days"/> of <paramref name="today"/>, or is past.
    public bool ReviewDueWithin(DateOnly today, int days) => NextReviewDue is { } due && due <= today.AddDays(days);

    /// The next plan step's date: the review of the active plan, or the first plan while there is none.
    public DateOnly? NextPlanStepDue => NextReviewDue ?? FirstPlanDue;
}

public static class ResidentStatus
{
    /// The status rows of <paramref name="residents"/>, in no particular order. Per-resident values are correlated
    /// lookups on the (ResidentId, …) indexes; the few open episodes and unsigned notes of the whole program are read
    /// once through their status indexes and matched here, rather than counted resident by resident over every note.
    public static async Task<IReadOnlyList<ResidentStatusRow>> ForAsync(SafeHomeDbContext db, IQueryable<Resident> residents, ReviewSchedule schedule, TimeSpan signingDeadline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(schedule);
        var facts = await residents
            .Select(r => new
            {
                r.Id,
                r.PreferredName,
                r.Pronouns,
                r.DateOfBirth,
                AdmittedOn = r.Stays.Where(s => s.DischargedOn == null).Select(s => (DateOnly?)s.AdmittedOn).FirstOrDefault(),
                PrimaryId = r.Assignments.Where(a => a.IsPrimary).Select(a => a.CounselorId).FirstOrDefault(),
                // Scalars, each its own lookup on (ResidentId, VersionNumber): asked for as an object, EF numbers every
                // plan version of the program with a window function on every view (issue 16).
                LatestId = db.ServicePlans.Where(p => p.ResidentId == r.Id).OrderByDescending(p => p.VersionNumber).Select(p => (Guid?)p.Id).FirstOrDefault(),
                LatestStatus = db.ServicePlans.Where(p => p.ResidentId == r.Id).OrderByDescending(p => p.VersionNumber).Select(p => (PlanStatus?)p.Status).FirstOrDefault(),
                ActiveId = db.ServicePlans.Where(p => p.ResidentId == r.Id && p.Status == PlanStatus.Active).Select(p => (Guid?)p.Id).FirstOrDefault(),
                ActiveEffectiveOn = db.ServicePlans.Where(p => p.ResidentId == r.Id && p.Status == PlanStatus.Active).Select(p => p.EffectiveOn).FirstOrDefault(),
                ActiveApprovedAtUtc = db.ServicePlans.Where(p => p.ResidentId == r.Id && p.Status == PlanStatus.Active).Select(p => p.ApprovedAtUtc).FirstOrDefault(),
                LastNextDue = db.PlanReviews.Where(v => v.ResidentId == r.Id).OrderByDescending(v => v.HeldOn).ThenByDescending(v => v.RecordedAtUtc)
                    .Select(v => (DateOnly?)v.NextDueOn).FirstOrDefault(),
                OpenFollowUps = db.CareFollowUps.Count(f => f.ResidentId == r.Id && f.ResolvedAtUtc == null),
                LastNoteUtc = db.ProgressNotes.Where(n => n.ResidentId == r.Id && !n.IsEnteredInError)
                    .OrderByDescending(n => n.ServiceStartUtc).Select(n => (DateTime?)n.ServiceStartUtc).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        if (facts.Count == 0)
        {
            return [];
        }

        var ids = facts.Select(f => f.Id).ToList();
        var counselorIds = facts.Select(f => f.PrimaryId).OfType<string>().Distinct().ToList();
        var counselors = await db.Users.Where(u => counselorIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var missing = (await db.MissingEpisodes
                .Where(e => e.Status == EpisodeStatus.Open && ids.Contains(e.ResidentId))
                .Select(e => new
                {
                    e.ResidentId,
                    e.Id,
                    e.LastSeenUtc,
                    NextDue = db.MissingNotifications.Where(n => n.EpisodeId == e.Id && n.NotifiedAtUtc == null && n.NotApplicableReason == null)
                        .OrderBy(n => n.DueAtUtc).Select(n => (DateTime?)n.DueAtUtc).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.ResidentId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.LastSeenUtc).First());
        var unsigned = (await db.ProgressNotes
                .Where(n => (n.Status == NoteStatus.Draft || n.Status == NoteStatus.CosignPending) && ids.Contains(n.ResidentId))
                .Select(n => new { n.ResidentId, n.ServiceEndUtc })
                .ToListAsync(cancellationToken))
            .ToLookup(n => n.ResidentId);

        return
        [
            .. facts.Select(f =>
            {
                var episode = missing.GetValueOrDefault(f.Id);
                var notes = unsigned[f.Id].ToList();
                var inCare = f.AdmittedOn is not null;
                DateOnly? reviewDue = inCare && f.ActiveId is not null
                    ? schedule.NextReviewDueOn(f.ActiveEffectiveOn ?? DateOnly.FromDateTime(f.ActiveApprovedAtUtc ?? DateTime.UnixEpoch), f.LastNextDue)
                    : null;
                return new ResidentStatusRow(
                    f.Id,
                    f.PreferredName,
                    f.Pronouns,
                    f.DateOfBirth,
                    f.AdmittedOn,
                    f.PrimaryId is { } primary ? counselors.GetValueOrDefault(primary) : null,
                    episode?.Id,
                    episode?.NextDue,
                    f.ActiveId,
                    f.LatestId,
                    f.LatestStatus,
                    reviewDue,
                    inCare && f.ActiveId is null ? schedule.FirstPlanDueOn(f.AdmittedOn!.Value) : null,
                    notes.Count,
                    notes.Count == 0 ? null : notes.Min(n => n.ServiceEndUtc) + signingDeadline,
                    f.OpenFollowUps,
                    f.LastNoteUtc);
            }),
        ];
    }
}

/// What the status table partial needs besides the rows: the day and the home's clock, so "overdue" and local times
/// are the same on every page that shows the table.
public sealed record ResidentStatusTable(IReadOnlyList<ResidentStatusRow> Rows, DateOnly Today, DateTime NowUtc, TimeProvider Clock, bool ShowCounselor = true);
