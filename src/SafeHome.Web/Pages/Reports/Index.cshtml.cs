using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;

namespace SafeHome.Web.Pages.Reports;

/// The archive of outcome reports: every version of every period, newest first, with size and SHA-256 so a copy
/// handed to a funder can be checked against the original.
public sealed class IndexModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<ReportRow> Runs { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public async Task OnGetAsync(int p = 1)
    {
        var total = db.ReportRuns.Count();
        PageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(p, 1, PageCount);
        Runs = await db.RowsAsync(
            db.ReportRuns.OrderByDescending(r => r.PeriodStart).ThenBy(r => r.Kind).ThenByDescending(r => r.Version).Skip((PageNumber - 1) * PageSize).Take(PageSize),
            clock);
    }
}
