using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;

namespace SafeHome.Web.Pages.Plans;

/// One plan version as a readable page, and the hub for everything done with it. Discontinued items stay on it,
/// marked with their reason, because a plan never loses what was once agreed.
public sealed class DetailsModel(SafeHomeDbContext db, AuditLog audit) : PageModel
{
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

        // A plan is part of the case file: every view of it is in the record's history, like the resident overview.
        await audit.RecordAsync(AuditActions.View, nameof(ServicePlan), id.ToString());
        return Page();
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
}
