using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Jobs;

namespace SafeHome.Web.Pages.Plans;

/// "What is due", computed live for the residents the user may see: a counselor's caseload, or everyone for a
/// director. The daily job raises alerts from the same computation.
public sealed class DueModel(SafeHomeDbContext db, TimeProvider clock, PlanScheduleOptions schedule) : PageModel
{
    public DateOnly Today { get; private set; }

    public int FirstPlanWithinDays => schedule.FirstPlanWithinDays;

    public int DueSoonWithinDays => schedule.DueSoonWithinDays;

    /// Rows shown per section until the user asks for a whole section: the most overdue come first, so the
    /// first screen is the work, and a director's page stays small however many residents are in care.
    public const int RowsPerSection = 25;

    /// The section (its element id) shown in full, from "Show all"; any other value shows every section capped.
    [BindProperty(SupportsGet = true, Name = "all")]
    public string? ShowAll { get; set; }

    public IReadOnlyList<DueRow> Items { get; private set; } = [];

    /// What a completed return debrief or a disclosure asked for and nobody has done yet: a triggered review, a new
    /// placement-safety decision. Oldest first, because the oldest has waited longest.
    public IReadOnlyList<FollowUpRow> FollowUps { get; private set; } = [];

    public bool ShowsAll(string sectionId) => string.Equals(ShowAll, sectionId, StringComparison.Ordinal);

    /// The rows a section shows: all of them when asked for, otherwise the first <see cref="RowsPerSection"/>.
    public IReadOnlyList<T> Shown<T>(string sectionId, IReadOnlyList<T> rows) => ShowsAll(sectionId) ? rows : [.. rows.Take(RowsPerSection)];

    public IEnumerable<DueRow> Of(DueKind kind) => Items.Where(i => i.Kind == kind).OrderBy(i => i.DueOn).ThenBy(i => i.PreferredName, StringComparer.CurrentCulture);

    public async Task OnGetAsync()
    {
        Today = clock.Today();
        var visible = db.VisibleResidents(User);
        var items = await DueItems.ForAsync(db, visible, schedule.Schedule, Today);
        var (followUps, _) = await OpenFollowUpsAsync(db, User, clock);
        var residentIds = items.Select(i => i.ResidentId).Distinct().ToList();
        Dictionary<Guid, string> names = residentIds.Count == 0 ? [] : await visible.Where(r => residentIds.Contains(r.Id)).Select(r => new { r.Id, r.PreferredName }).ToDictionaryAsync(r => r.Id, r => r.PreferredName);
        Items = [.. items.Select(i => new DueRow(i.Kind, i.ResidentId, i.SubjectId, names.GetValueOrDefault(i.ResidentId, "—"), i.DueOn, Today.DayNumber - i.DueOn.DayNumber))];
        FollowUps = followUps;
    }

    /// What debriefs and disclosures asked for and nobody has done yet, for the residents in care the user may see,
    /// oldest first. Residents in care only: a discharged resident's placement decision or review is no longer
    /// anyone's to do, and reading them all would grow with every past resident.
    /// <param name="take">How many to read (the oldest); all when null. The total is counted either way.</param>
    public static async Task<(IReadOnlyList<FollowUpRow> Rows, int Total)> OpenFollowUpsAsync(SafeHomeDbContext db, ClaimsPrincipal user, TimeProvider clock, int? take = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = db.CareFollowUps
            .WhereVisible(db, user, f => f.ResidentId)
            .Where(f => f.ResolvedAtUtc == null && db.InCareIds().Contains(f.ResidentId))
            .OrderBy(f => f.RaisedAtUtc);
        var rows = await (take is { } first ? open.Take(first) : open)
            .Select(f => new { f.Kind, f.Trigger, f.ResidentId, f.RaisedAtUtc, Name = db.Residents.Where(r => r.Id == f.ResidentId).Select(r => r.PreferredName).First() })
            .ToListAsync();
        // Counted only when not all were read.
        var total = take is { } shown && rows.Count == shown ? await open.CountAsync() : rows.Count;
        return ([.. rows.Select(f => new FollowUpRow(f.Kind, f.Trigger, f.ResidentId, f.Name, DateOnly.FromDateTime(clock.ToLocal(f.RaisedAtUtc))))], total);
    }

    public sealed record FollowUpRow(FollowUpKind Kind, ReviewTrigger Trigger, Guid ResidentId, string PreferredName, DateOnly RaisedOn);

    /// <param name="DaysPast">Days since the due date; negative while it is still ahead.</param>
    public sealed record DueRow(DueKind Kind, Guid ResidentId, Guid SubjectId, string PreferredName, DateOnly DueOn, int DaysPast);
}
