using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Pages.Notes;

namespace SafeHome.Web.Pages.Residents;

public sealed class DetailsModel(SafeHomeDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public Resident Resident { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> StaffNames { get; private set; } = new Dictionary<string, string>();

    public DateOnly Today { get; private set; }

    /// Notes in the record: entered-in-error ones are kept but not counted, as the notes list hides them too.
    public int NoteCount { get; private set; }

    /// Missing from care and placement safety at a glance: the open episode, if any, counts, the latest decision and
    /// the follow-ups still owed. Only dates and kinds; the details stay on their own pages.
    public SafetySummary Safety { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var resident = await db.FindVisibleAsync(User, id);
        if (resident is null)
        {
            return NotFound();
        }

        Resident = resident;
        Today = clock.Today();
        StaffNames = await db.StaffNamesAsync(resident.Assignments.Select(a => a.CounselorId));
        NoteCount = await db.VisibleNotesOf(User, id).CountAsync(n => !n.IsEnteredInError);
        Safety = await SafetySummaryAsync(id);

        // Every view of a resident's record is part of its history (DESIGN.md: who viewed it).
        await audit.RecordForResidentAsync(AuditActions.View, nameof(Domain.Residents.Resident), id.ToString(), id);
        return Page();
    }

    private async Task<SafetySummary> SafetySummaryAsync(Guid residentId)
    {
        var episodes = await db.MissingEpisodes.Where(e => e.ResidentId == residentId)
            .Select(e => new { e.Id, e.Status, e.LastSeenUtc }).ToListAsync();
        var open = episodes.Where(e => e.Status == EpisodeStatus.Open).OrderByDescending(e => e.LastSeenUtc).FirstOrDefault();
        var latest = await db.PlacementSafetyDecisions.Where(d => d.ResidentId == residentId)
            .OrderByDescending(d => d.DecidedAtUtc).Select(d => new { d.Decision, d.DecidedAtUtc }).FirstOrDefaultAsync();
        var events = await db.ExploitationEvents.CountAsync(x => x.ResidentId == residentId);
        var followUps = await db.CareFollowUps.Where(f => f.ResidentId == residentId && f.ResolvedAtUtc == null)
            .OrderBy(f => f.RaisedAtUtc).Select(f => new { f.Id, f.Kind, f.Trigger, f.RaisedAtUtc }).ToListAsync();
        return new SafetySummary(
            open?.Id,
            open is null ? null : clock.ToLocal(open.LastSeenUtc),
            episodes.Count,
            latest?.Decision,
            latest is null ? null : clock.ToLocal(latest.DecidedAtUtc),
            events,
            [.. followUps.Select(f => new OpenFollowUp(f.Id, f.Kind, f.Trigger, clock.ToLocal(f.RaisedAtUtc)))]);
    }

    public string NameOf(string staffId) => StaffNames.TryGetValue(staffId, out var name) ? name : "(former staff)";

    public sealed record SafetySummary(
        Guid? OpenEpisodeId, DateTime? MissingSince, int EpisodeCount, PlacementDecisionKind? LatestDecision, DateTime? DecidedAt,
        int ExploitationEventCount, IReadOnlyList<OpenFollowUp> FollowUps);

    public sealed record OpenFollowUp(Guid Id, FollowUpKind Kind, Domain.Plans.ReviewTrigger Trigger, DateTime RaisedAt);
}
