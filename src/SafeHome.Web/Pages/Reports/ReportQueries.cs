using SafeHome.Data;
using SafeHome.Domain.Reporting;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Pages.Notes;

namespace SafeHome.Web.Pages.Reports;

internal static class ReportQueries
{
    public static async Task<IReadOnlyList<ReportRow>> RowsAsync(this SafeHomeDbContext db, IReadOnlyList<ReportRun> list, TimeProvider clock)
    {
        var names = await db.StaffNamesAsync(list.Select(r => r.RequestedById));
        return [.. list.Select(r => new ReportRow(
            r.Id,
            ReportRow.PeriodLabel(r),
            r.Version,
            r.Status,
            r.Progress,
            r.Stage,
            r.RequestedById is { } id ? names.GetValueOrDefault(id, "(former staff)") : "Quarterly schedule",
            clock.ToLocal(r.RequestedAtUtc),
            r.CompletedAtUtc is { } done ? clock.ToLocal(done) : null,
            r.SizeBytes,
            r.Sha256,
            r.PageCount,
            r.SuppressedCells,
            r.FailureReason))];
    }
}
