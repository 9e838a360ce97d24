using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Web.Infrastructure;

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
        var page = await Paged.CreateAsync(
            db.ReportRuns.AsNoTracking().OrderByDescending(r => r.PeriodStart).ThenBy(r => r.Kind).ThenByDescending(r => r.Version),
            p,
            PageSize);
        PageNumber = page.Page;
        PageCount = page.PageCount;
        Runs = await db.RowsAsync(page.Items, clock);
    }
}
