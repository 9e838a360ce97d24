using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Reporting;

namespace SafeHome.Web.Pages.Reports;

/// The stored PDF of a finished run, for directors and auditors. Every download is in the audit history.
public sealed class DownloadModel(SafeHomeDbContext db, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var run = await db.ReportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Status == ReportRunStatus.Succeeded, cancellationToken);
        var file = run is null ? null : await db.ReportFiles.AsNoTracking().SingleOrDefaultAsync(f => f.RunId == id, cancellationToken);
        if (run is null || file is null)
        {
            return NotFound();
        }

        await audit.RecordAsync(AuditActions.Download, nameof(ReportRun), id.ToString(), cancellationToken);
        return File(file.Content, "application/pdf", $"outcome-report-{ReportRow.PeriodLabel(run).Replace(' ', '-')}-v{run.Version}.pdf");
    }
}
