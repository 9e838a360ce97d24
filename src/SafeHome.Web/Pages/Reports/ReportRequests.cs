using System.ComponentModel.DataAnnotations;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Reporting;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Jobs;

namespace SafeHome.Web.Pages.Reports;

public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// Printed on the cover. A program name, never the home's address (SECURITY.md D2).
    public string ProgramName { get; set; } = "Safe home program";

    /// Counts from 1 to threshold − 1 are withheld in every report (DOMAIN.md §9); never below 5.
    [Range(5, 1000)]
    public int SuppressionThreshold { get; set; } = 11;

    /// Days after the day after quarter end before the quarterly report is built, so late entries are in it.
    [Range(0, 90)]
    public int QuarterlyDelayDays { get; set; } = 7;
}

/// Starting a report run, for a director's request and for the quarterly schedule alike. A period has at most one run
/// in progress: asking again while it runs returns that run, and only a finished run can be followed by a new version.
public sealed class ReportRequests(SafeHomeDbContext db, IBackgroundJobClient jobs, AuditLog audit, TimeProvider clock)
{
    public async Task<ReportRun> RequestAsync(ReportPeriodKind kind, ReportingPeriod period, ReportTrigger trigger, string? userId, bool newVersion, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var latest = await LatestAsync(kind, period, cancellationToken);
            if (latest is not null && (latest.IsInProgress || (latest.Status == ReportRunStatus.Succeeded && !newVersion)))
            {
                return latest;
            }

            var run = new ReportRun(kind, period.Start, period.End, (latest?.Version ?? 0) + 1, trigger, userId, clock.UtcNow());
            db.ReportRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Someone asked for the same version of the same period at the same moment and won the unique index;
                // their run is the one to show.
                db.ChangeTracker.Clear();
                continue;
            }

            await audit.RecordAsync(AuditActions.ReportRequested, nameof(ReportRun), run.Id.ToString(), userId, cancellationToken);

            // The job gets the run's id and nothing else (SECURITY.md Z8).
            jobs.Enqueue<OutcomeReportJob>(job => job.RunAsync(run.Id, CancellationToken.None));
            return run;
        }
    }

    public Task<ReportRun?> LatestAsync(ReportPeriodKind kind, ReportingPeriod period, CancellationToken cancellationToken) =>
        db.ReportRuns
            .Where(r => r.Kind == kind && r.PeriodStart == period.Start && r.PeriodEnd == period.End)
            .OrderByDescending(r => r.Version)
            .FirstOrDefaultAsync(cancellationToken);

    public static ReportingPeriod PeriodOf(ReportRun run) =>
        run.Kind == ReportPeriodKind.Quarter ? ReportingPeriod.QuarterContaining(run.PeriodStart) : ReportingPeriod.Year(run.PeriodStart.Year);
}
