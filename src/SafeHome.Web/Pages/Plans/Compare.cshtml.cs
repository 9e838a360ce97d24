using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

/// Any two versions of one resident's plan side by side, with what changed between them marked.
public sealed class CompareModel(SafeHomeDbContext db, AuditLog audit) : PageModel
{
    public Guid ResidentId { get; private set; }

    public string PreferredName { get; private set; } = string.Empty;

    public IReadOnlyList<VersionOption> Versions { get; private set; } = [];

    public ServicePlan? From { get; private set; }

    public ServicePlan? To { get; private set; }

    public IReadOnlyList<FieldDiff> Overview { get; private set; } = [];

    public IReadOnlyList<FieldDiff> Meeting { get; private set; } = [];

    public IReadOnlyList<ItemDiff> Strengths { get; private set; } = [];

    public IReadOnlyList<ItemDiff> Goals { get; private set; } = [];

    public Guid? SelectedFrom { get; private set; }

    public Guid? SelectedTo { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid residentId, Guid? from, Guid? to)
    {
        // A malformed id in the query is treated like an unknown one.
        if (!ModelState.IsValid)
        {
            return NotFound();
        }

        var resident = await db.VisibleResidents(User).Where(r => r.Id == residentId).Select(r => new { r.PreferredName }).FirstOrDefaultAsync();
        if (resident is null)
        {
            return NotFound();
        }

        ResidentId = residentId;
        PreferredName = resident.PreferredName;
        var versions = await db.VisiblePlansOf(User, residentId).Select(p => new { p.Id, p.VersionNumber, p.Status }).ToListAsync();
        Versions = [.. versions.Select(v => new VersionOption(v.Id, v.VersionNumber, v.Status.Display()))];
        if ((from is { } f && Versions.All(v => v.Id != f)) || (to is { } t && Versions.All(v => v.Id != t)))
        {
            return NotFound();
        }

        SelectedFrom = from ?? Versions.Skip(1).FirstOrDefault()?.Id;
        SelectedTo = to ?? (Versions.Count > 0 ? Versions[0].Id : null);
        if (from is null || to is null)
        {
            return Page();
        }

        From = await db.FindVisiblePlanAsync(User, from.Value);
        To = await db.FindVisiblePlanAsync(User, to.Value);
        if (From is null || To is null)
        {
            return NotFound();
        }

        Overview = PlanDiff.Overview(From, To);
        Meeting = PlanDiff.Meeting(From, To);
        Strengths = PlanDiff.Strengths(From, To);
        Goals = PlanDiff.Goals(From, To);
        foreach (var id in new[] { From.Id, To.Id }.Distinct())
        {
            await audit.RecordForResidentAsync(AuditActions.View, nameof(ServicePlan), id.ToString(), From.ResidentId);
        }

        return Page();
    }

    public sealed record VersionOption(Guid Id, int VersionNumber, string StatusName);
}
