using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Reporting;

namespace SafeHome.Web.Pages.Reports;

/// One run: its progress while it builds (the page polls the Progress handler), then the download, or the reason it
/// failed. Directors may regenerate a finished period as a new version from here.
public sealed class RunModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    public ReportRow Run { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var row = await LoadAsync(id);
        if (row is null)
        {
            return NotFound();
        }

        Run = row;
        return Page();
    }

    /// What the progress bar polls: status and percentage, never anything from the report itself.
    public async Task<IActionResult> OnGetProgressAsync(Guid id)
    {
        var row = await LoadAsync(id);
        if (row is null)
        {
            return NotFound();
        }

        return new JsonResult(new
        {
            status = row.Status.ToString(),
            statusText = row.StatusText,
            progress = row.Progress,
            stage = row.Stage,
            failure = row.FailureReason,
            download = row.Status == ReportRunStatus.Succeeded ? Url.Page("/Reports/Download", new { id }) : null,
        });
    }

    private async Task<ReportRow?> LoadAsync(Guid id) =>
        (await db.RowsAsync(await db.ReportRuns.AsNoTracking().Where(r => r.Id == id).ToListAsync(), clock)).SingleOrDefault();
}
