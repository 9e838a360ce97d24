using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Plans;

namespace SafeHome.Data.Reporting;

/// Fills a <see cref="MetricDataset"/> with narrow projections: ids, dates and codes only, never names or free text,
/// and no tracked entities. Provider-neutral LINQ, so it runs the same on SQLite and PostgreSQL.
///
/// `through` is the last day of the periods the dataset serves. An event counts by the date it happened,
/// whenever it was recorded (DOMAIN.md §10), so there are two cuts. What places a record in a period (admission,
/// discharge, education status, missing clock start, exploitation date, review due date, note service date) is cut at
/// `through`: nothing after it changes a period that ends on it. The follow-up of such a record
/// (notifications, return, debrief, screen, plan approval, review held, note signature) is loaded however late it came:
/// a follow-up still inside its window after the period counts as on time, a later one as late, never as missing.
public static class OutcomeDataLoader
{
    public static async Task<MetricDataset> LoadAsync(SafeHomeDbContext db, DateOnly through, CancellationToken ct)
    {
        var missing = await LoadMissingFromCareAsync(db, through, ct);
        var cutoff = Cutoff(through);
        var episodesInScope = EpisodesInScope(db, cutoff);

        // A status recorded as starting after `through` did not hold yet; an end after it had not happened yet.
        var education = await db.EducationRecords.AsNoTracking()
            .Where(e => e.StartedOn <= through)
            .Select(e => new EducationFact(e.ResidentId, e.Status, e.StartedOn, e.EndedOn <= through ? e.EndedOn : null))
            .ToListAsync(ct);

        var debriefs = (await db.Set<ReturnDebrief>().AsNoTracking()
            .Where(d => episodesInScope.Contains(d.EpisodeId))
            .Select(d => new { d.EpisodeId, d.HeldAtUtc, d.Outcome })
            .ToListAsync(ct))
            .Select(d => new DebriefFact(d.EpisodeId, Utc(d.HeldAtUtc), d.Outcome))
            .ToList();

        var screens = await db.Set<TraffickingScreen>().AsNoTracking()
            .Where(s => episodesInScope.Contains(s.EpisodeId))
            .Select(s => new ScreenFact(s.EpisodeId, s.ScreenedOn))
            .ToListAsync(ct);

        var exploitation = await db.ExploitationEvents.AsNoTracking()
            .Where(e => e.OccurredOn <= through)
            .Select(e => new ExploitationFact(e.ResidentId, e.Certainty, e.OccurredOn, e.EpisodeId))
            .ToListAsync(ct);

        var meetings = await db.Set<PlanningMeeting>().AsNoTracking()
            .Select(m => new { m.PlanId, m.YouthParticipation })
            .ToListAsync(ct);
        var youthPresent = meetings
            .GroupBy(m => m.PlanId)
            .ToDictionary(g => g.Key, g => g.Any(m => m.YouthParticipation != MeetingModality.NotPresent));

        // A youth's current signature, or a refusal with the reason recorded; voided signatures no longer count.
        var youthSigned = (await db.Set<PlanSignature>().AsNoTracking()
            .Where(s => s.Role == SignerRole.Youth && s.VoidedAtUtc == null && (!s.Declined || s.DeclineReason != null))
            .Select(s => s.PlanId)
            .ToListAsync(ct))
            .ToHashSet();

        // A plan approved after `through` is the late first plan of a stay in care on that day, unless the youth was
        // readmitted first: a readmission starts a new plan cycle (DOMAIN.md §10), and its stay is not in the data, so
        // its plan must not pass for the earlier stay's. The boundary is the readmission day at 00:00 UTC, hours from
        // the local midnight; a new stay's first plan takes days, not hours.
        var readmittedAt = (await db.Stays.AsNoTracking()
            .Where(s => s.AdmittedOn > through)
            .Select(s => new { s.ResidentId, s.AdmittedOn })
            .ToListAsync(ct))
            .GroupBy(s => s.ResidentId)
            .ToDictionary(g => g.Key, g => g.Min(s => s.AdmittedOn).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var plans = (await db.ServicePlans.AsNoTracking()
            .Select(p => new { p.Id, p.ResidentId, p.VersionNumber, p.Status, p.ApprovedAtUtc })
            .ToListAsync(ct))
            .Select(p => new PlanFact(
                p.Id,
                p.ResidentId,
                p.VersionNumber,
                p.Status,
                readmittedAt.TryGetValue(p.ResidentId, out var readmitted) && p.ApprovedAtUtc >= readmitted ? null : Utc(p.ApprovedAtUtc),
                youthPresent.TryGetValue(p.Id, out var present) ? present : null,
                youthSigned.Contains(p.Id)))
            .ToList();

        var goals = await db.PlanGoals.AsNoTracking()
            .Select(g => new GoalFact(g.Id, g.PlanId, g.GasWeight, g.Status))
            .ToListAsync(ct);

        // Objectives as the plan versions written by `through` set them: a later version may move a target date.
        var objectives = await db.PlanObjectives.AsNoTracking()
            .Join(db.PlanGoals, o => o.GoalId, g => g.Id, (o, g) => new { Objective = o, g.PlanId })
            .Join(db.ServicePlans.Where(p => p.CreatedAtUtc < cutoff), x => x.PlanId, p => p.Id, (x, p) => new ObjectiveFact(x.Objective.Id, x.Objective.LineageId, x.PlanId, x.Objective.TargetOn, x.Objective.Status))
            .ToListAsync(ct);

        // Reviews due by `through` however late they were held (M17 counts those held after the due date as late),
        // and those held by then.
        var reviewsInScope = db.PlanReviews.Where(r => r.DueOn <= through || r.HeldOn <= through);
        var reviews = await reviewsInScope.AsNoTracking()
            .Select(r => new ReviewFact(r.Id, r.ResidentId, r.PlanId, r.Type, r.DueOn, r.HeldOn, r.TScore, null))
            .ToListAsync(ct);

        var ratings = await db.Set<ReviewRating>().AsNoTracking()
            .Where(r => r.ObjectiveId != null && r.Status != null)
            .Join(reviewsInScope, r => r.ReviewId, r => r.Id, (rating, review) => new { rating.ObjectiveId, rating.ReviewId, rating.Status })
            .ToListAsync(ct);

        var notes = (await db.ProgressNotes.AsNoTracking()
            .Where(n => n.ServiceEndUtc < cutoff)
            .Select(n => new { n.Id, n.ResidentId, n.ServiceEndUtc, n.SignedAtUtc, n.Status, n.IsEnteredInError })
            .ToListAsync(ct))
            .Select(n => new NoteFact(n.Id, n.ResidentId, Utc(n.ServiceEndUtc), Utc(n.SignedAtUtc), n.Status, n.IsEnteredInError))
            .ToList();

        return missing with
        {
            Debriefs = debriefs,
            Screens = screens,
            ExploitationEvents = exploitation,
            Plans = plans,
            Goals = goals,
            Objectives = objectives,
            Reviews = reviews,
            ObjectiveRatings = [.. ratings.Select(r => new ObjectiveRatingFact(r.ObjectiveId!.Value, r.ReviewId, r.Status!.Value))],
            Notes = notes,
            Education = education,
        };
    }

    /// Only what the missing-from-care metrics (M1–M5) and resident-days need: residents, stays, episodes and their
    /// notifications. The director's start page charts M1 and M4 from it with the report's own code, without reading
    /// ten years of notes and plans on every visit.
    ///
    /// With <paramref name="from"/>, only what periods starting on or after it need: stays still open on that day or
    /// later, episodes last seen from 30 days before it (a clock starts after the youth was last seen), and their
    /// residents, each read through an index, so the charts of the last quarters read those quarters, not the whole
    /// history.
    public static async Task<MetricDataset> LoadMissingFromCareAsync(SafeHomeDbContext db, DateOnly through, CancellationToken ct, DateOnly? from = null)
    {
        ArgumentNullException.ThrowIfNull(db);

        // Instants are cut two days after `through` so no time zone can move a relevant row out; the metrics assign
        // each instant to its day themselves, and DataThrough stops days in care at `through`.
        var cutoff = Cutoff(through);
        var earliest = from is { } first ? first.AddDays(-30).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : DateTime.MinValue;
        var episodesInScope = from is null
            ? EpisodesInScope(db, cutoff)
            : db.MissingEpisodes.Where(e => e.LastSeenUtc >= earliest && e.LastSeenUtc < cutoff).Select(e => e.Id);

        var staysInScope = db.Stays.AsNoTracking().Where(s => s.AdmittedOn <= through);
        if (from is { } start)
        {
            staysInScope = staysInScope.Where(s => s.DischargedOn == null || s.DischargedOn >= start);
        }

        var stays = await staysInScope
            .Select(s => new StayFact(
                s.Id,
                s.ResidentId,
                s.AdmittedOn,
                s.DischargedOn <= through ? s.DischargedOn : null,
                s.DischargedOn <= through ? s.DischargeType : null,
                s.DischargedOn <= through ? s.DischargeReason : null,
                s.DischargedOn <= through ? s.DischargeDestination : null,
                s.DischargedOn <= through ? s.DocumentsAtExit : null))
            .ToListAsync(ct);

        List<ResidentFact> residents;
        if (from is null)
        {
            residents = await db.Residents.AsNoTracking().Select(r => new ResidentFact(r.Id, r.DateOfBirth)).ToListAsync(ct);
        }
        else
        {
            var residentIds = stays.Select(s => s.ResidentId).Distinct().ToList();
            residents = await db.Residents.AsNoTracking().Where(r => residentIds.Contains(r.Id)).Select(r => new ResidentFact(r.Id, r.DateOfBirth)).ToListAsync(ct);
        }

        var episodes = (await db.MissingEpisodes.AsNoTracking()
            .Where(e => e.LastSeenUtc < cutoff && e.LastSeenUtc >= earliest)
            .Select(e => new
            {
                e.Id,
                e.ResidentId,
                e.StayId,
                e.LastSeenUtc,
                e.ClockStartUtc,
                e.ReturnedUtc,
                e.ReturnType,
                e.RiskLevel,
                e.DebriefDueUtc,
                e.ScreenDueUtc,
            })
            .ToListAsync(ct))
            .Select(e => new EpisodeFact(
                e.Id,
                e.ResidentId,
                e.StayId,
                Utc(e.LastSeenUtc),
                Utc(e.ClockStartUtc),
                Utc(e.ReturnedUtc),
                e.ReturnType,
                e.RiskLevel,
                Utc(e.DebriefDueUtc),
                Utc(e.ScreenDueUtc)))
            .ToList();

        // The follow-ups of every episode loaded, whenever they happened: the metrics place each episode by its clock
        // start or return, and judge its follow-ups against their due times.
        var notifications = (await db.MissingNotifications.AsNoTracking()
            .Where(n => episodesInScope.Contains(n.EpisodeId))
            .Select(n => new { n.EpisodeId, n.Recipient, n.Phase, n.DueAtUtc, n.NotifiedAtUtc, NotApplicable = n.NotApplicableReason != null })
            .ToListAsync(ct))
            .Select(n => new NotificationFact(n.EpisodeId, n.Recipient, n.Phase, Utc(n.DueAtUtc), Utc(n.NotifiedAtUtc), n.NotApplicable))
            .ToList();

        return new MetricDataset
        {
            Residents = residents,
            Stays = stays,
            Episodes = episodes,
            Notifications = notifications,
            DataThrough = through,
        };
    }

    private static DateTime Cutoff(DateOnly through) => through.AddDays(2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static IQueryable<Guid> EpisodesInScope(SafeHomeDbContext db, DateTime cutoff) =>
        db.MissingEpisodes.Where(e => e.LastSeenUtc < cutoff).Select(e => e.Id);

    // SQLite hands DateTime back with Kind Unspecified; every stored instant is UTC.
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
