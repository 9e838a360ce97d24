using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Pages.Notes;

namespace SafeHome.Web.Pages.Placement;

/// Every placement-safety decision for a resident, newest first, with the requests for a new one that a missing
/// episode or a disclosure left open.
public sealed class IndexModel(SafeHomeDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm";

    public Guid ResidentId { get; private set; }

    public string ResidentName { get; private set; } = string.Empty;

    public bool HasCurrentStay { get; private set; }

    public List<DecisionRow> Decisions { get; private set; } = [];

    public List<FollowUpRow> FollowUps { get; private set; } = [];

    public bool CanWrite => User.IsInRole(Roles.ProgramDirector) || User.IsInRole(Roles.Counselor);

    public async Task<IActionResult> OnGetAsync(Guid residentId)
    {
        var resident = await db.VisibleResidents(User)
            .Where(r => r.Id == residentId)
            .Select(r => new { r.PreferredName, HasCurrentStay = r.Stays.Any(s => s.DischargedOn == null) })
            .FirstOrDefaultAsync();
        if (resident is null)
        {
            return NotFound();
        }

        ResidentId = residentId;
        ResidentName = resident.PreferredName;
        HasCurrentStay = resident.HasCurrentStay;

        var decisions = await db.PlacementSafetyDecisions.AsNoTracking().Where(d => d.ResidentId == residentId).ToListAsync();
        var names = await db.StaffNamesAsync(decisions.Select(d => d.DecidedById));
        Decisions = decisions
            .OrderByDescending(d => d.DecidedAtUtc)
            .Select(d => new DecisionRow(
                d.Id,
                Local(d.DecidedAtUtc),
                d.Occasion.Display(),
                d.Decision.Display(),
                names.GetValueOrDefault(d.DecidedById) ?? "(former staff)",
                d.SignedName,
                Factors(d),
                d.FactorNotes,
                d.Rationale,
                d.ContentHashMatches()))
            .ToList();

        var followUps = await db.CareFollowUps.AsNoTracking()
            .Where(f => f.ResidentId == residentId && f.Kind == FollowUpKind.PlacementDecision && f.ResolvedAtUtc == null)
            .ToListAsync();
        var sourceIds = followUps.Select(f => f.SourceId).ToList();
        var episodes = await db.MissingEpisodes.Where(e => sourceIds.Contains(e.Id)).Select(e => new { e.Id, e.LastSeenUtc }).ToDictionaryAsync(e => e.Id, e => e.LastSeenUtc);
        var disclosures = await db.ExploitationEvents.Where(e => sourceIds.Contains(e.Id)).Select(e => new { e.Id, e.DisclosedOn }).ToDictionaryAsync(e => e.Id, e => e.DisclosedOn);
        FollowUps = followUps
            .OrderBy(f => f.RaisedAtUtc)
            .Select(f => new FollowUpRow(
                f.Id,
                episodes.TryGetValue(f.SourceId, out var lastSeen) ? $"the missing episode of {Local(lastSeen)} (last seen)"
                : disclosures.TryGetValue(f.SourceId, out var disclosedOn) ? $"the disclosure of {disclosedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
                : $"a {f.Trigger.Display().ToLowerInvariant()}",
                Local(f.RaisedAtUtc)))
            .ToList();

        await audit.RecordForResidentAsync(AuditActions.View, nameof(PlacementSafetyDecision), residentId.ToString(), residentId);
        return Page();
    }

    private string Local(DateTime utc) => clock.ToLocal(utc).ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        null => "unknown",
    };

    private static List<(string Label, string Value)> Factors(PlacementSafetyDecision d) =>
    [
        ("Distance from where the youth was exploited", d.DistanceFromExploitationMiles is { } miles ? $"{miles.ToString(CultureInfo.InvariantCulture)} miles" : "unknown"),
        ("Known exploiter nearby", YesNo(d.KnownExploiterNearby)),
        ("Other trafficked youth in the placement", d.OtherTraffickedYouthInPlacement.ToString(CultureInfo.InvariantCulture)),
        ("School continuity", YesNo(d.SchoolContinuity)),
        ("Family and community ties", YesNo(d.FamilyCommunityTies)),
        ("Interstate placement", d.Interstate ? "yes" : "no"),
    ];

    public sealed record DecisionRow(
        Guid Id, string DecidedAt, string Occasion, string Decision, string DecidedBy, string SignedName,
        List<(string Label, string Value)> Factors, string? Notes, string Rationale, bool Intact);

    public sealed record FollowUpRow(Guid Id, string After, string RaisedAt);
}
