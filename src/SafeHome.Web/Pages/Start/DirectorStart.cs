using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SafeHome.Data;
using SafeHome.Data.Reporting;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Plans;
using SafeHome.Reports.Outcomes;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Jobs;
using SafeHome.Web.Pages.Notes;
using SafeHome.Web.Pages.Plans;
using SafeHome.Web.Pages.Residents;

namespace SafeHome.Web.Pages.Start;

public sealed record Census(int InCare, int AdmissionsThisQuarter, int ExitsThisQuarter, string QuarterLabel);

public sealed record ApprovalRow(Guid PlanId, Guid ResidentId, string PreferredName, int VersionNumber, DateOnly? SubmittedOn);

public sealed record CaseloadRow(string CounselorId, string Name, int Primary, int Total);

/// One quarter of a chart: the value the outcome-metric engine computed (null when there was nothing to divide by).
public sealed record ChartPoint(string Quarter, double? Value);

public sealed record StartChart(string MetricId, string Title, string Unit, IReadOnlyList<ChartPoint> Points, string Svg);

/// The program at a glance for a director: census, what waits for them (approvals, co-signatures), what is overdue
/// across the home, open follow-ups, caseload sizes, and two 8-quarter trends drawn with the outcome report's code.
public sealed record DirectorStart(
    Census Census,
    IReadOnlyList<ApprovalRow> Approvals,
    NotesToSignTable Cosign,
    int CosignTotal,
    int ApprovalsTotal,
    IReadOnlyList<AlertRow> Overdue,
    int OverdueTotal,
    IReadOnlyList<DueModel.FollowUpRow> FollowUps,
    int FollowUpsTotal,
    IReadOnlyList<CaseloadRow> Caseloads,
    IReadOnlyList<StartChart> Charts)
{
    public const int RowsShown = CounselorStart.RowsShown;

    /// Missing episodes per 1,000 resident-days and police reports on time.
    public static IReadOnlyList<string> ChartMetrics { get; } = ["M1", "M4"];

    public static readonly TimeSpan ChartsKeptFor = TimeSpan.FromMinutes(5);

    public static async Task<DirectorStart> LoadAsync(SafeHomeDbContext db, ClaimsPrincipal user, TimeProvider clock, NotesOptions notes, IMemoryCache cache)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(cache);
        var today = clock.Today();
        var now = clock.UtcNow();
        var quarter = ReportingPeriod.QuarterContaining(today);
        var census = new Census(
            await db.InCareIds().Distinct().CountAsync(),
            await db.Stays.CountAsync(s => s.AdmittedOn >= quarter.Start && s.AdmittedOn <= today),
            await db.Stays.CountAsync(s => s.DischargedOn >= quarter.Start && s.DischargedOn <= today),
            quarter.Label);

        // Residents in care only, through their plans' (ResidentId, …) index: a discharged resident's plan is no one's
        // to approve, and plans have no index by status.
        var pending = db.ServicePlans.Where(p => p.Status == PlanStatus.PendingApproval && db.InCareIds().Contains(p.ResidentId));
        var approvals = await pending
            .OrderBy(p => p.SubmittedOn).ThenBy(p => p.Id)
            .Take(RowsShown)
            .Select(p => new ApprovalRow(p.Id, p.ResidentId, db.Residents.Where(r => r.Id == p.ResidentId).Select(r => r.PreferredName).First(), p.VersionNumber, p.SubmittedOn))
            .ToListAsync();

        var approvalsTotal = approvals.Count == RowsShown ? await pending.CountAsync() : approvals.Count;

        var cosign = NotesToSign.For(db, user, cosignOnly: true);
        var cosignRows = await cosign.Take(RowsShown).ToListAsync();
        var cosignTotal = cosignRows.Count == RowsShown ? await cosign.CountAsync() : cosignRows.Count;

        // Every assignment of a resident in care, per counselor: primary and all, so an uneven load shows.
        var assignments = await db.CaseloadAssignments
            .Where(a => db.InCareIds().Contains(a.ResidentId))
            .GroupBy(a => a.CounselorId)
            .Select(g => new { CounselorId = g.Key, Total = g.Count(), Primary = g.Count(a => a.IsPrimary) })
            .ToListAsync();
        var counselors = await Counselors.OptionsAsync(db);
        var loads = counselors
            .Select(c => (c.Value, c.Text, Load: assignments.FirstOrDefault(a => a.CounselorId == c.Value)))
            .Select(c => new CaseloadRow(c.Value, c.Text, c.Load?.Primary ?? 0, c.Load?.Total ?? 0))
            .Concat(assignments.Where(a => counselors.All(c => c.Value != a.CounselorId)).Select(a => new CaseloadRow(a.CounselorId, "(no longer a counselor)", a.Primary, a.Total)))
            .OrderByDescending(c => c.Total).ThenBy(c => c.Name, StringComparer.CurrentCulture)
            .ToList();

        var charts = await ChartsCachedAsync(db, clock, notes, cache);

        var (overdue, overdueTotal) = await CounselorStart.AlertsAsync(db, user, clock, RowsShown);
        var (followUps, followUpsTotal) = await DueModel.OpenFollowUpsAsync(db, user, clock, RowsShown);
        return new DirectorStart(
            census,
            approvals,
            new NotesToSignTable(cosignRows, now, clock, notes.SigningDeadline, user.UserId()),
            cosignTotal,
            approvalsTotal,
            overdue,
            overdueTotal,
            followUps,
            followUpsTotal,
            loads,
            charts);
    }

    /// Today's charts, computed at most once per <see cref="ChartsKeptFor"/>.
    public static async Task<IReadOnlyList<StartChart>> ChartsCachedAsync(SafeHomeDbContext db, TimeProvider clock, NotesOptions notes, IMemoryCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var today = clock.Today();
        return await cache.GetOrCreateAsync(("director-charts", today), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ChartsKeptFor;
            return await ChartsAsync(db, today, OutcomeReportJob.MetricOptionsFor(notes, clock));
        }) ?? [];
    }

    /// The last eight quarters up to today, computed by the outcome-metric engine from the same kind of dataset the
    /// report reads (only the missing-from-care part of it), so a chart and a report of the same quarter agree.
    /// Inside the program, for a director: nothing is withheld here, unlike the report that leaves it.
    public static async Task<IReadOnlyList<StartChart>> ChartsAsync(SafeHomeDbContext db, DateOnly today, MetricOptions options)
    {
        var quarters = ReportingPeriod.QuarterContaining(today).LastQuarters(8);
        var data = await OutcomeDataLoader.LoadMissingFromCareAsync(db, today, CancellationToken.None, from: quarters[0].Start);
        var sets = quarters.Select(q => OutcomeMetrics.Compute(data, q, options)).ToList();
        return
        [
            .. ChartMetrics.Select(id =>
            {
                var definition = MetricCatalog.Get(id);
                var points = quarters.Select((q, i) => new ChartPoint(q.Contains(today) ? $"{q.Label} so far" : q.Label, sets[i][id].Value)).ToList();
                var unit = OutcomeReport.UnitLabel(definition.Unit);
                var series = new TrendSeries(id, definition.Name, unit, [.. points.Select(p => new TrendPoint(p.Quarter, p.Value is { } v ? new Figure(v, false, unit) : Figure.NotApplicable))]);
                return new StartChart(id, definition.Name, unit, points, OutcomeReportPdf.TrendSvg(series, 560, 240));
            }),
        ];
    }
}
