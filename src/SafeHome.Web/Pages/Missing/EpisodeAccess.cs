using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Missing;

public static class EpisodeAccess
{
    /// One episode with everything in it, or null when it does not exist or its resident is not visible to the user
    /// (the caseload rule: another counselor's episode answers 404 like a missing one).
    public static Task<MissingEpisode?> FindVisibleEpisodeAsync(this SafeHomeDbContext db, ClaimsPrincipal user, Guid episodeId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.MissingEpisodes
            .Where(e => e.Id == episodeId)
            .WhereVisible(db, user, e => e.ResidentId)
            .Include(e => e.Notifications)
            .Include(e => e.LocationEntries)
            .Include(e => e.Debrief)
            .Include(e => e.Screen)
            .AsSplitQuery()
            .FirstOrDefaultAsync();
    }

    /// The resident's stays and other episodes, against which an episode's times are checked.
    public static async Task<EpisodeContext> EpisodeContextAsync(this SafeHomeDbContext db, Guid residentId, Guid? excludeEpisodeId, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stays = await db.Stays.Where(s => s.ResidentId == residentId).Select(s => new { s.Id, s.AdmittedOn, s.DischargedOn }).ToListAsync();
        var others = await db.MissingEpisodes.Where(e => e.ResidentId == residentId && e.Id != excludeEpisodeId)
            .Select(e => new { e.Id, e.LastSeenUtc, e.ReturnedUtc }).ToListAsync();
        return new EpisodeContext(
            stays.Select(s => (s.Id, s.AdmittedOn, s.DischargedOn)).ToList(),
            others.Select(o => (o.Id, o.LastSeenUtc, o.ReturnedUtc)).ToList(),
            zone);
    }

    /// The jurisdiction policy; the migration seeds it, and a missing row falls back to the program's defaults.
    public static async Task<JurisdictionPolicy> PolicyAsync(this SafeHomeDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.JurisdictionPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == JurisdictionPolicy.DefaultId)
            ?? JurisdictionPolicy.CreateDefault();
    }

    /// Opens the follow-ups a completed debrief or a disclosure asks for, once per source.
    public static async Task RaiseFollowUpsAsync(this SafeHomeDbContext db, Guid residentId, Domain.Plans.ReviewTrigger trigger, Guid sourceId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var kind in new[] { FollowUpKind.TriggeredReview, FollowUpKind.PlacementDecision })
        {
            if (!await db.CareFollowUps.AnyAsync(f => f.Kind == kind && f.SourceId == sourceId))
            {
                db.CareFollowUps.Add(new CareFollowUp(residentId, kind, trigger, sourceId, nowUtc));
            }
        }
    }
}
