using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.IntegrationTests.Pages.Plans;
using SafeHome.Web.Jobs;

namespace SafeHome.IntegrationTests.Jobs;

/// The daily "plan-alerts" job under the fake clock: each alert is raised once, however often the job runs.
public sealed class PlanAlertsJobTests
{
    [Theory, Providers]
    public async Task A_review_is_raised_once_when_due_soon_and_once_when_overdue_however_often_the_job_runs(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var residentId = await app.CreateResidentAsync(null);
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Active);
        var dueOn = app.Today.AddDays(90);

        app.Clock.Advance(TimeSpan.FromDays(75));
        Assert.Equal(0, await RunAsync(app));
        app.Clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(1, await RunAsync(app));
        Assert.Equal(0, await RunAsync(app));
        app.Clock.Advance(TimeSpan.FromDays(11));
        var overdueRaisedAt = app.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(1, await RunAsync(app));
        Assert.Equal(0, await RunAsync(app));
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await RunAsync(app));

        var alerts = await AlertsAsync(app);
        Assert.Equal(
            [(DueKind.ReviewOverdue, residentId, planId, dueOn), (DueKind.ReviewDueSoon, residentId, planId, dueOn)],
            alerts.Select(a => (a.Kind, a.ResidentId, a.SubjectId, a.DueOn)).OrderByDescending(a => a.Kind == DueKind.ReviewOverdue));
        Assert.Equal(overdueRaisedAt, alerts.Single(a => a.Kind == DueKind.ReviewOverdue).RaisedAtUtc);
    }

    [Theory, Providers]
    public async Task A_recorded_review_moves_the_due_date_and_the_next_overdue_review_is_a_new_alert(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselorId = (await app.CreateStaffAsync(SafeHome.Domain.Staff.Roles.Counselor)).Id;
        var residentId = await app.CreateResidentAsync(counselorId);
        var plan = await ReviewSeeding.CreateActivePlanAsync(app, residentId, counselorId);
        var firstDue = app.Today.AddDays(90);
        app.Clock.Advance(TimeSpan.FromDays(91));
        await RunAsync(app);
        var nextDue = app.Today.AddDays(30);
        await ReviewSeeding.RecordReviewAsync(app, plan.PlanId, app.Today, nextDue);
        Assert.Equal(0, await RunAsync(app));

        app.Clock.Advance(TimeSpan.FromDays(31));
        await RunAsync(app);
        await RunAsync(app);

        var overdue = (await AlertsAsync(app)).Where(a => a.Kind == DueKind.ReviewOverdue).Select(a => a.DueOn).OrderBy(d => d).ToList();
        Assert.Equal([firstDue, nextDue], overdue);
    }

    [Theory, Providers]
    public async Task A_missing_plan_is_raised_once_and_only_after_day_30(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var admittedOn = app.Today;
        var residentId = await AdmitTodayAsync(app, "Recent Example");
        var dischargedId = await AdmitTodayAsync(app, "Gone Example");
        await app.WithDbAsync(async db =>
        {
            var gone = await db.Residents.Include(r => r.Stays).SingleAsync(r => r.Id == dischargedId);
            gone.Stays[0].Discharge(app.Today, DischargeType.Unplanned, DischargeReason.Other, DischargeDestination.Other, app.Today);
            return await db.SaveChangesAsync();
        });

        app.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await RunAsync(app));
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await RunAsync(app));
        Assert.Equal(0, await RunAsync(app));
        app.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(0, await RunAsync(app));

        var alert = Assert.Single(await AlertsAsync(app));
        Assert.Equal((DueKind.PlanMissing, residentId, residentId, admittedOn.AddDays(30)), (alert.Kind, alert.ResidentId, alert.SubjectId, alert.DueOn));
    }

    [Theory, Providers]
    public async Task A_plan_waiting_for_approval_is_raised_once_with_its_submission_day(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var residentId = await AdmitTodayAsync(app, "Pending Example");
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.PendingApproval);
        var submittedOn = app.Today;

        app.Clock.Advance(TimeSpan.FromDays(3));
        await RunAsync(app);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await RunAsync(app);

        var alert = Assert.Single(await AlertsAsync(app));
        Assert.Equal((DueKind.AwaitingApproval, residentId, planId, submittedOn), (alert.Kind, alert.ResidentId, alert.SubjectId, alert.DueOn));
    }

    private static async Task<int> RunAsync(SafeHomeApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlanAlertsJob>().RunAsync(TestContext.Current.CancellationToken);
    }

    private static Task<List<PlanAlert>> AlertsAsync(SafeHomeApp app) => app.WithDbAsync(db => db.PlanAlerts.AsNoTracking().ToListAsync());

    private static Task<Guid> AdmitTodayAsync(SafeHomeApp app, string preferredName) => app.WithDbAsync(async db =>
    {
        var resident = Resident.Create(
            new ResidentDetails($"{preferredName} Legal", preferredName, null, app.Today.AddYears(-15), Sex.Female, null, "English", false, null, CustodyStatus.Dependency, null),
            app.Today,
            app.Clock.GetUtcNow().UtcDateTime);
        resident.Admit(app.Today, ReferralSource.ChildWelfare, "Invented County Agency", null, AdmissionAgeRange.Default, app.Today);
        db.Residents.Add(resident);
        await db.SaveChangesAsync();
        return resident.Id;
    });
}
