using System.Data.Common;
using System.Security.Cryptography;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeHome.Data;
using SafeHome.Data.Reporting;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Reporting;
using SafeHome.Reports.Disclosure;
using SafeHome.Reports.Outcomes;
using SafeHome.Reports.Pdf;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Pages.Reports;

namespace SafeHome.Web.Jobs;

/// Builds one outcome report run. It takes the run's id only, and is safe to run twice or to resume after a crash:
/// a finished run is left alone, and the PDF is stored together with the run's success in one SaveChanges, with the
/// run id as the file's key, so two executions can never store two reports.
public sealed partial class OutcomeReportJob(
    SafeHomeDbContext db,
    IPdfEngine engine,
    ReportStageGate gate,
    IOptions<ReportsOptions> options,
    NotesOptions notes,
    TimeProvider clock,
    ILogger<OutcomeReportJob> logger)
{
    [AutomaticRetry(Attempts = ReportRun.MaxAttempts - 1, DelaysInSeconds = [15, 60], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await db.ReportRuns.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null || run.IsFinished)
        {
            return;
        }

        run.Start(clock.UtcNow());
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await BuildAndStoreAsync(run, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only the run id and the exception type are logged: nothing in a report's data may reach the logs.
            LogFailed(logger, run.Id, run.Attempts, exception.GetType().Name);
            db.ChangeTracker.Clear();
            run = await db.ReportRuns.SingleAsync(r => r.Id == runId, CancellationToken.None);
            var final = run.RecordFailure(Readable(exception), clock.UtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
            if (!final)
            {
                throw;
            }
        }
    }

    /// The metric settings of this home: the report and the director's charts compute with the same ones.
    public static MetricOptions MetricOptionsFor(NotesOptions notes, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(clock);
        return new MetricOptions { NoteSigningHours = notes.SigningDeadlineHours, TimeZone = clock.LocalTimeZone };
    }

    private async Task BuildAndStoreAsync(ReportRun run, CancellationToken cancellationToken)
    {
        var settings = new OutcomeReportSettings(options.Value.ProgramName, options.Value.SuppressionThreshold, MetricOptionsFor(notes, clock));
        var period = ReportRequests.PeriodOf(run);

        await StepAsync(run, 5, "Reading the records", cancellationToken);
        var data = await OutcomeDataLoader.LoadAsync(db, run.PeriodEnd, cancellationToken);

        await StepAsync(run, 35, "Computing the outcome metrics and trends", cancellationToken);
        var model = OutcomeReport.Build(data, period, settings, run.StartedAtUtc ?? run.RequestedAtUtc, run.Version);

        await StepAsync(run, 65, "Laying out the PDF", cancellationToken);
        var pdf = OutcomeReportPdf.Render(model, engine, archival: true);

        await StepAsync(run, 90, "Storing the report", cancellationToken);
        if (await db.ReportFiles.AnyAsync(f => f.RunId == run.Id, cancellationToken))
        {
            return;
        }

        db.ReportFiles.Add(new ReportFile(run.Id, pdf.Bytes));
        run.Succeed(pdf.Bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(pdf.Bytes)), pdf.PageCount, model.SuppressedCells, clock.UtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await gate.ReachedAsync(run.Id, 100, cancellationToken);
    }

    private async Task StepAsync(ReportRun run, int progress, string stage, CancellationToken cancellationToken)
    {
        run.Advance(progress, stage);
        await db.SaveChangesAsync(cancellationToken);
        await gate.ReachedAsync(run.Id, progress, cancellationToken);
    }

    internal static string Readable(Exception exception) => exception switch
    {
        // The audit's reason names a figure and the threshold, never a count, so it is safe to show.
        DisclosureAuditException => exception.Message,
        DbException or DbUpdateException or InvalidOperationException { Source: "Microsoft.EntityFrameworkCore" } =>
            "The records could not be read from the database. Check that the database is reachable, then request the report again.",
        OutOfMemoryException or InsufficientMemoryException =>
            "The server ran out of memory while building the report. Try again when the server is less busy.",
        _ => $"The report could not be built ({exception.GetType().Name}). Request it again; if it fails again, tell your administrator.",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Outcome report run {RunId}: attempt {Attempt} failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, Guid runId, int attempt, string exceptionType);
}

/// Where a report run has got to. Does nothing in the app; tests put a gate here to hold a run at a stage, to watch
/// its progress or stop the server under it.
public class ReportStageGate
{
    public virtual Task ReachedAsync(Guid runId, int progress, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// Once a day: when the last quarter's report is due (the day after the quarter ends, plus the configured delay) and
/// the quarter has no report yet, requests it. Checking daily instead of firing once means a server that was down on
/// the day still produces the report.
public sealed class QuarterlyReportJob(ReportRequests requests, IOptions<ReportsOptions> options, TimeProvider clock)
{
    public async Task<Guid?> RunAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var quarter = ReportingPeriod.QuarterContaining(today).Previous;
        if (today < quarter.End.AddDays(1 + options.Value.QuarterlyDelayDays)
            || await requests.LatestAsync(ReportPeriodKind.Quarter, quarter, cancellationToken) is not null)
        {
            return null;
        }

        var run = await requests.RequestAsync(ReportPeriodKind.Quarter, quarter, ReportTrigger.Schedule, userId: null, newVersion: false, cancellationToken);
        return run.Id;
    }
}
