using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Jobs;

namespace SafeHome.IntegrationTests.Jobs;

/// The "missing-alerts" sweep under the fake clock: each overdue deadline is raised once, and resolved once it is met.
public sealed class MissingAlertsJobTests
{
    [Theory, Providers]
    public async Task Overdue_notifications_are_raised_once_however_often_the_job_runs(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var residentId = await app.CreateResidentAsync(null);
        var episodeId = await app.CreateEpisodeAsync(residentId);
        var now = app.Clock.GetUtcNow().UtcDateTime;

        Assert.Equal(2, await RunAsync(app));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, await RunAsync(app));
        }

        var notifications = await NotificationsAsync(app, episodeId);
        var expected = notifications.Where(n => n.DueAtUtc <= now).ToList();
        Assert.Equal(
            [NotificationRecipient.LawEnforcement, NotificationRecipient.ProgramDirector],
            expected.Select(n => n.Recipient).Order());
        var alerts = await AlertsAsync(app);
        Assert.Equal(expected.Select(n => n.Id).Order(), alerts.Select(a => a.SubjectId).Order());
        Assert.All(alerts, a =>
        {
            Assert.Equal(MissingAlertKind.NotificationOverdue, a.Kind);
            Assert.Equal(residentId, a.ResidentId);
            Assert.Equal(episodeId, a.EpisodeId);
            Assert.Null(a.ResolvedAtUtc);
        });

        app.Clock.Advance(TimeSpan.FromHours(20));
        var later = app.Clock.GetUtcNow().UtcDateTime;
        var dueByThen = notifications.Count(n => n.DueAtUtc <= later);
        Assert.Equal(dueByThen - 2, await RunAsync(app));
        Assert.Equal(0, await RunAsync(app));
        Assert.Equal(dueByThen, (await AlertsAsync(app)).Count);
    }

    [Theory, Providers]
    public async Task A_recorded_notification_resolves_its_alert_and_it_is_never_raised_again(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var residentId = await app.CreateResidentAsync(null);
        var episodeId = await app.CreateEpisodeAsync(residentId);
        await RunAsync(app);
        var police = (await NotificationsAsync(app, episodeId)).Single(n => n.Recipient == NotificationRecipient.LawEnforcement);

        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            var episode = await db.MissingEpisodes.Include(e => e.Notifications).SingleAsync(e => e.Id == episodeId);
            episode.RecordNotification(police.Id, new NotificationRecord(now.AddMinutes(-1), "Invented Staff", NotificationMethod.Phone, null, "Invented Police", "CASE-1", null, null, null, null), now);
            return await db.SaveChangesAsync();
        });
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await RunAsync(app);
        await RunAsync(app);

        var alert = Assert.Single(await AlertsAsync(app), a => a.SubjectId == police.Id);
        Assert.NotNull(alert.ResolvedAtUtc);
    }

    [Theory, Providers]
    public async Task After_a_return_the_debrief_and_screen_are_raised_once_after_72_hours_and_resolved_once_recorded(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var residentId = await app.CreateResidentAsync(null);
        var episodeId = await app.CreateEpisodeAsync(residentId, returned: true);
        await RunAsync(app);
        Assert.DoesNotContain(await AlertsAsync(app), a => a.Kind is MissingAlertKind.DebriefOverdue or MissingAlertKind.ScreenOverdue);

        app.Clock.Advance(TimeSpan.FromHours(71));
        await RunAsync(app);
        await RunAsync(app);
        var alerts = await AlertsAsync(app);
        Assert.Single(alerts, a => a.Kind == MissingAlertKind.DebriefOverdue && a.EpisodeId == episodeId);
        Assert.Single(alerts, a => a.Kind == MissingAlertKind.ScreenOverdue && a.EpisodeId == episodeId);

        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            var episode = await db.MissingEpisodes.Include(e => e.Notifications).Include(e => e.Debrief).Include(e => e.Screen).SingleAsync(e => e.Id == episodeId);
            episode.RecordDebrief(new DebriefDetails(now.AddMinutes(-1), DebriefOutcome.Declined, "Invented reason: the youth asked to talk later.", "Invented Carer", true, default, default, null, null, null, null), null, now);
            episode.RecordScreen(new ScreenDetails(app.Today, ScreenInstrument.CseIt, ScreenResult.NoConcern, "Invented Screener"), null, app.Today, TimeZoneInfo.Utc, now);
            return await db.SaveChangesAsync();
        });
        await RunAsync(app);
        await RunAsync(app);

        alerts = await AlertsAsync(app);
        Assert.NotNull(Assert.Single(alerts, a => a.Kind == MissingAlertKind.DebriefOverdue).ResolvedAtUtc);
        Assert.NotNull(Assert.Single(alerts, a => a.Kind == MissingAlertKind.ScreenOverdue).ResolvedAtUtc);
    }

    [Theory, Providers]
    public async Task A_notification_marked_not_applicable_is_never_raised(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var residentId = await app.CreateResidentAsync(null);
        var episodeId = await app.CreateEpisodeAsync(residentId);
        var director = (await NotificationsAsync(app, episodeId)).Single(n => n.Recipient == NotificationRecipient.ProgramDirector);
        await app.WithDbAsync(async db =>
        {
            var episode = await db.MissingEpisodes.Include(e => e.Notifications).SingleAsync(e => e.Id == episodeId);
            episode.MarkNotificationNotApplicable(director.Id, "Invented reason: the director found the youth missing herself.");
            return await db.SaveChangesAsync();
        });

        await RunAsync(app);
        app.Clock.Advance(TimeSpan.FromDays(2));
        await RunAsync(app);

        Assert.DoesNotContain(await AlertsAsync(app), a => a.SubjectId == director.Id);
    }

    [Theory, Providers]
    public async Task The_missing_alerts_job_is_scheduled_and_its_stored_arguments_carry_no_data(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var residentId = await app.CreateResidentAsync(null, "Canary Preferred", "Canary Legal");
        await app.CreateEpisodeAsync(residentId);

        // What a job server writes when it starts; the test host runs no job server.
        app.Services.GetRequiredService<RecurringSchedules>().Apply();
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == JobsServiceCollectionExtensions.MissingAlertsJobId);

        Assert.Null(job.LoadException);
        Assert.Equal(typeof(MissingAlertsJob), job.Job.Type);
        Assert.Equal(nameof(MissingAlertsJob.RunAsync), job.Job.Method.Name);
        Assert.All(job.Job.Args, a => Assert.IsType<CancellationToken>(a));
        var stored = connection.GetAllEntriesFromHash($"recurring-job:{JobsServiceCollectionExtensions.MissingAlertsJobId}")["Job"];
        using var invocation = JsonDocument.Parse(stored);
        Assert.All(invocation.RootElement.GetProperty("a").EnumerateArray(), a => Assert.Equal(JsonValueKind.Null, a.ValueKind));
        Assert.DoesNotContain(residentId.ToString(), stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Canary", stored, StringComparison.Ordinal);
    }

    // Issue 16: the sweep runs every five minutes over ten years of episodes; whatever it tracks, its SaveChanges
    // compares, so after a sweep that changes nothing it must be tracking nothing, however much history there is.
    [Theory, Providers]
    public async Task A_sweep_that_changes_nothing_tracks_nothing_however_many_alerts_are_open(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        for (var i = 0; i < 4; i++)
        {
            await app.CreateEpisodeAsync(await app.CreateResidentAsync(null));
        }

        Assert.Equal(8, await RunAsync(app));
        await using var scope = app.Services.CreateAsyncScope();
        var raised = await scope.ServiceProvider.GetRequiredService<MissingAlertsJob>().RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, raised);
        Assert.Empty(scope.ServiceProvider.GetRequiredService<SafeHome.Data.SafeHomeDbContext>().ChangeTracker.Entries());
        Assert.Equal(8, (await AlertsAsync(app)).Count(a => a.ResolvedAtUtc is null));
    }

    private static async Task<int> RunAsync(SafeHomeApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MissingAlertsJob>().RunAsync(TestContext.Current.CancellationToken);
    }

    private static Task<List<MissingAlert>> AlertsAsync(SafeHomeApp app) => app.WithDbAsync(db => db.MissingAlerts.AsNoTracking().ToListAsync());

    private static Task<List<MissingNotification>> NotificationsAsync(SafeHomeApp app, Guid episodeId) =>
        app.WithDbAsync(db => db.MissingNotifications.AsNoTracking().Where(n => n.EpisodeId == episodeId).ToListAsync());
}
