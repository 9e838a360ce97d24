using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Plans;

namespace SafeHome.Data.Reporting;

/// Fills a <see cref="MetricDataset"/> with narrow projections: ids, dates and codes only, never names or free text,
/// and no tracked entities. Provider-neutral LINQ, so it runs the same on SQLite and PostgreSQL.
public static class OutcomeDataLoader
{
    public static async Task<MetricDataset> LoadAsync(SafeHomeDbContext db, DateOnly through, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);

        // Instants are cut two days after `through` so no time zone can move a relevant row out; the metrics assign
        // each instant to its day themselves, and DataThrough stops days in care at `through`.
        var cutoff = through.AddDays(2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        var residents = await db.Residents.AsNoTracking()
            .Select(r => new ResidentFact(r.Id, r.DateOfBirth))
            .ToListAsync(ct);

        var stays = await db.Stays.AsNoTracking()
            .Where(s => s.AdmittedOn <= through)
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

        // A status recorded as starting after `through` did not hold yet; an end after it had not happened yet.
        var education = await db.EducationRecords.AsNoTracking()
            .Where(e => e.StartedOn <= through)
            .Select(e => new EducationFact(e.ResidentId, e.Status, e.StartedOn, e.EndedOn <= through ? e.EndedOn : null))
            .ToListAsync(ct);

        var episodes = (await db.MissingEpisodes.AsNoTracking()
            .Where(e => e.LastSeenUtc < cutoff)
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
                e.ReturnedUtc < cutoff ? Utc(e.ReturnedUtc) : null,
                e.ReturnedUtc < cutoff ? e.ReturnType : null,
                e.RiskLevel,
                e.ReturnedUtc < cutoff ? Utc(e.DebriefDueUtc) : null,
                e.ReturnedUtc < cutoff ? Utc(e.ScreenDueUtc) : null))
            .ToList();

        var notifications = (await db.MissingNotifications.AsNoTracking()
            .Where(n => n.DueAtUtc < cutoff || n.NotifiedAtUtc < cutoff)
            .Select(n => new { n.EpisodeId, n.Recipient, n.Phase, n.DueAtUtc, n.NotifiedAtUtc, NotApplicable = n.NotApplicableReason != null })
            .ToListAsync(ct))
            .Select(n => new NotificationFact(
                n.EpisodeId,
                n.Recipient,
                n.Phase,
                Utc(n.DueAtUtc),
                n.NotifiedAtUtc < cutoff ? Utc(n.NotifiedAtUtc) : null,
                n.NotApplicable))
            .ToList();

        var debriefs = (await db.Set<ReturnDebrief>().AsNoTracking()
            .Where(d => d.HeldAtUtc < cutoff)
            .Select(d => new { d.EpisodeId, d.HeldAtUtc, d.Outcome })
            .ToListAsync(ct))
            .Select(d => new DebriefFact(d.EpisodeId, Utc(d.HeldAtUtc), d.Outcome))
            .ToList();

        var screens = await db.Set<TraffickingScreen>().AsNoTracking()
            .Where(s => s.ScreenedOn <= through)
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

        var plans = (await db.ServicePlans.AsNoTracking()
            .Where(p => p.CreatedAtUtc < cutoff)
            .Select(p => new { p.Id, p.ResidentId, p.VersionNumber, p.Status, p.ApprovedAtUtc })
            .ToListAsync(ct))
            .Select(p => new PlanFact(
                p.Id,
                p.ResidentId,
                p.VersionNumber,
                p.Status,
                p.ApprovedAtUtc < cutoff ? Utc(p.ApprovedAtUtc) : null,
                youthPresent.TryGetValue(p.Id, out var present) ? present : null,
                youthSigned.Contains(p.Id)))
            .ToList();

        var goals = await db.PlanGoals.AsNoTracking()
            .Select(g => new GoalFact(g.Id, g.PlanId, g.GasWeight, g.Status))
            .ToListAsync(ct);

        var objectives = await db.PlanObjectives.AsNoTracking()
            .Join(db.PlanGoals, o => o.GoalId, g => g.Id, (o, g) => new ObjectiveFact(o.Id, o.LineageId, g.PlanId, o.TargetOn, o.Status))
            .ToListAsync(ct);

        var reviews = await db.PlanReviews.AsNoTracking()
            .Where(r => r.HeldOn <= through)
            .Select(r => new ReviewFact(r.Id, r.ResidentId, r.PlanId, r.Type, r.DueOn, r.HeldOn, r.TScore, null))
            .ToListAsync(ct);

        var ratings = await db.Set<ReviewRating>().AsNoTracking()
            .Where(r => r.ObjectiveId != null && r.Status != null)
            .Join(db.PlanReviews.Where(r => r.HeldOn <= through), r => r.ReviewId, r => r.Id, (rating, review) => new { rating.ObjectiveId, rating.ReviewId, rating.Status })
            .ToListAsync(ct);

        var notes = (await db.ProgressNotes.AsNoTracking()
            .Where(n => n.ServiceEndUtc < cutoff)
            .Select(n => new { n.Id, n.ResidentId, n.ServiceEndUtc, n.SignedAtUtc, n.Status, n.IsEnteredInError })
            .ToListAsync(ct))
            .Select(n => new NoteFact(n.Id, n.ResidentId, Utc(n.ServiceEndUtc), n.SignedAtUtc < cutoff ? Utc(n.SignedAtUtc) : null, n.Status, n.IsEnteredInError))
            .ToList();

        return new MetricDataset
        {
            Residents = residents,
            Stays = stays,
            Episodes = episodes,
            Notifications = notifications,
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
            DataThrough = through,
        };
    }

    // SQLite hands DateTime back with Kind Unspecified; every stored instant is UTC.
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
