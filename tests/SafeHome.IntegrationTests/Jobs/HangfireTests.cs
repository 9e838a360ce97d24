using System.Net;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Jobs;

namespace SafeHome.IntegrationTests.Jobs;

/// SECURITY.md Z8: the recurring job is scheduled with nothing about a resident in its arguments, and the dashboard
/// is for admins only.
public sealed class HangfireTests
{
    [Theory, Providers]
    public async Task The_plan_alerts_job_is_scheduled_daily_and_its_stored_arguments_carry_no_data(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var residentId = await app.CreateResidentAsync(null, "Canary Preferred", "Canary Legal");

        // What a job server writes when it starts; the test host runs no job server.
        app.Services.GetRequiredService<RecurringSchedules>().Apply();
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == JobsServiceCollectionExtensions.PlanAlertsJobId);

        Assert.Null(job.LoadException);
        Assert.Equal(typeof(PlanAlertsJob), job.Job.Type);
        Assert.Equal(nameof(PlanAlertsJob.RunAsync), job.Job.Method.Name);
        Assert.Equal("15 5 * * *", job.Cron);

        // The job's one parameter is the cancellation token Hangfire supplies when it runs; what is stored for it is
        // null. Nothing else is stored, so the queue can never hold a resident's id or name.
        Assert.All(job.Job.Args, a => Assert.IsType<CancellationToken>(a));
        var stored = connection.GetAllEntriesFromHash($"recurring-job:{JobsServiceCollectionExtensions.PlanAlertsJobId}")["Job"];
        using var invocation = JsonDocument.Parse(stored);
        Assert.All(invocation.RootElement.GetProperty("a").EnumerateArray(), a => Assert.Equal(JsonValueKind.Null, a.ValueKind));
        Assert.DoesNotContain(residentId.ToString(), stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Canary", stored, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task The_dashboard_is_for_admins_only(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);

        var anonymous = await app.CreateBrowser().GetAsync("/hangfire");
        anonymous.AssertRedirectTo("/Account/Login");
        foreach (var role in new[] { Roles.Counselor, Roles.ProgramDirector, Roles.Auditor })
        {
            var (_, browser) = await app.SignInNewAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/hangfire")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/hangfire/recurring")).StatusCode);
        }

        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        app.Services.GetRequiredService<RecurringSchedules>().Apply();
        var response = await admin.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(JobsServiceCollectionExtensions.PlanAlertsJobId, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hangfire")).StatusCode);
    }
}
