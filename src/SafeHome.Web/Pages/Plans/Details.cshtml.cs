using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Pages.Notes;

namespace SafeHome.Web.Pages.Plans;

/// One plan version as a readable page, and the hub for everything done with it. Discontinued items stay on it,
/// marked with their reason, because a plan never loses what was once agreed.
public sealed class DetailsModel(SafeHomeDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    /// How many of a goal's notes are listed under it; the rest are a link away.
    public const int NotesShownPerGoal = 5;

    public ServicePlan Plan { get; private set; } = null!;

    public string PreferredName { get; private set; } = string.Empty;

    public string? ApprovedByName { get; private set; }

    /// Content edits are for counselors, and only while the version is still a draft (or returned, or with the youth).
    public bool CanEdit { get; private set; }

    public bool IsCounselor => User.IsInRole(Roles.Counselor);

    public bool IsDirector => User.IsInRole(Roles.ProgramDirector);

    /// Goals by domain in the order of DOMAIN.md §4, each domain's goals in the counselor's order.
    public IEnumerable<IGrouping<PlanDomain, PlanGoal>> GoalsByDomain =>
        Plan.Goals.OrderBy(g => g.Domain).ThenBy(g => g.SortOrder).GroupBy(g => g.Domain);

    /// Signed notes linked to each goal, by goal lineage, newest service first: a goal keeps its notes when the plan
    /// is revised into a new version.
    public IReadOnlyDictionary<Guid, IReadOnlyList<GoalNote>> NotesByGoal { get; private set; } = new Dictionary<Guid, IReadOnlyList<GoalNote>>();

    public IEnumerable<IGrouping<StrengthSource, PlanStrength>> StrengthsBySource =>
        Plan.Strengths.OrderBy(s => s.Source).ThenBy(s => s.SortOrder).GroupBy(s => s.Source);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var plan = await db.FindVisiblePlanAsync(User, id);
        if (plan is null)
        {
            return NotFound();
        }

        Plan = plan;
        CanEdit = plan.IsEditable && IsCounselor;
        PreferredName = await db.Residents.Where(r => r.Id == plan.ResidentId).Select(r => r.PreferredName).SingleAsync();
        if (plan.ApprovedById is { } approver)
        {
            ApprovedByName = await db.Users.Where(u => u.Id == approver).Select(u => u.DisplayName).FirstOrDefaultAsync() ?? "(former staff)";
        }

        NotesByGoal = await GoalNotesAsync(plan);

        // A plan is part of the case file: every view of it is in the record's history, like the resident overview.
        await audit.RecordForResidentAsync(AuditActions.View, nameof(ServicePlan), id.ToString(), plan.ResidentId);
        return Page();
    }

    public IReadOnlyList<GoalNote> NotesOf(PlanGoal goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        return NotesByGoal.GetValueOrDefault(goal.LineageId) ?? [];
    }

    public DateTime Local(DateTime utc) => clock.ToLocal(utc);

    /// Drafts can still change and notes entered in error are not part of the record, so neither counts as progress.
    /// Only type, date and author leave the database: never the text, so a sensitive note shows nothing more.
    private async Task<IReadOnlyDictionary<Guid, IReadOnlyList<GoalNote>>> GoalNotesAsync(ServicePlan plan)
    {
        var lineages = plan.Goals.Select(g => g.LineageId).ToList();
        var linked = await (
            from note in db.VisibleNotesOf(User, plan.ResidentId)
            where !note.IsEnteredInError && note.Status != NoteStatus.Draft
            from link in note.Links
            where lineages.Contains(link.GoalLineageId)
            select new { link.GoalLineageId, note.Id, note.ServiceStartUtc, note.Type, note.AuthorId, note.IsSensitive }).ToListAsync();
        var names = await db.StaffNamesAsync(linked.Select(l => l.AuthorId));
        return linked
            .DistinctBy(l => (l.GoalLineageId, l.Id))
            .GroupBy(l => l.GoalLineageId)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<GoalNote>)[.. g
                    .OrderByDescending(l => l.ServiceStartUtc).ThenByDescending(l => l.Id)
                    .Select(l => new GoalNote(l.Id, l.ServiceStartUtc, l.Type, names.GetValueOrDefault(l.AuthorId, "(former staff)"), l.IsSensitive))]);
    }

    public static IReadOnlyList<PlanObjective> ObjectivesOf(PlanGoal goal) => [.. goal.Objectives.OrderBy(o => o.SortOrder)];

    public static IReadOnlyList<PlanIntervention> InterventionsOf(PlanObjective objective) => [.. objective.Interventions.OrderBy(i => i.SortOrder)];

    /// Text typed over several lines, shown as those lines: every line is encoded, only the line breaks are markup.
    public static IHtmlContent Lines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var content = new HtmlContentBuilder();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                content.AppendHtml(new TagBuilder("br") { TagRenderMode = TagRenderMode.SelfClosing });
            }

            content.Append(lines[i]);
        }

        return content;
    }

    public sealed record GoalNote(Guid Id, DateTime ServiceStartUtc, NoteType Type, string Author, bool IsSensitive);
}
