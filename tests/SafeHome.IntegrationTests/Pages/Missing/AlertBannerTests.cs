using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Jobs;

namespace SafeHome.IntegrationTests.Pages.Missing;

/// The overdue-deadline banner on every page: raised by the missing-alerts job, shown to the resident's counselor and
/// to directors only, gone once the job finds the deadline met.
public sealed class AlertBannerTests
{
    // The fake clock stands at 2026-06-15 15:00 UTC (zone UTC). A seeded episode was discovered at 10:00, so under the
    // seeded policy the director (1 h, due 11:00) and the police (2 h, due 12:00) are overdue.
    private static async Task<(SafeHomeApp App, StaffMember Owner, Guid EpisodeId)> OverdueEpisodeAsync(DatabaseProvider provider)
    {
        var app = await SafeHomeApp.StartAsync(provider);
        var owner = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(owner.Id, "Invented Preferred", "Invented Legal");
        var episodeId = await app.CreateEpisodeAsync(residentId);
        await RunJobAsync(app);
        return (app, owner, episodeId);
    }

    private static async Task RunJobAsync(SafeHomeApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MissingAlertsJob>().RunAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<IHtmlDocument> HomeAsync(HttpClient browser) => await browser.GetDocumentAsync("/");

    [Theory, Providers]
    public async Task The_caseload_counselor_sees_each_overdue_item_with_its_due_time_and_a_link_to_the_episode(DatabaseProvider provider)
    {
        var (app, owner, episodeId) = await OverdueEpisodeAsync(provider);
        await using var _ = app;
        var browser = await app.SignInAsync(owner);

        var page = await HomeAsync(browser);

        var banner = page.QuerySelector("#missing-alerts[role=alert]");
        Assert.NotNull(banner);
        var lines = banner.QuerySelectorAll("li.missing-alert").Select(li => li.TextContent.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries)).Select(words => string.Join(' ', words)).ToList();
        Assert.Equal(
            ["Notification overdue: Program director, due 2026-06-15 11:00", "Notification overdue: Law enforcement, due 2026-06-15 12:00"],
            lines);
        Assert.All(banner.QuerySelectorAll("li.missing-alert a"), a => Assert.Equal($"/Missing/Episode/{episodeId}", a.GetAttribute("href")));
        Assert.DoesNotContain("Invented", banner.TextContent, StringComparison.Ordinal);

        // The banner is in the layout, so it follows the counselor to other pages too.
        Assert.NotNull((await browser.GetDocumentAsync($"/Missing/Episode/{episodeId}")).QuerySelector("#missing-alerts"));
    }

    [Theory, Providers]
    public async Task A_director_sees_the_banner_and_another_counselor_an_admin_and_an_auditor_do_not(DatabaseProvider provider)
    {
        var (app, _, episodeId) = await OverdueEpisodeAsync(provider);
        await using var _ = app;

        var director = (await app.SignInNewAsync(Roles.ProgramDirector)).Browser;
        var directorBanner = (await HomeAsync(director)).QuerySelector("#missing-alerts");
        Assert.NotNull(directorBanner);
        Assert.Equal(2, directorBanner.QuerySelectorAll($"a[href='/Missing/Episode/{episodeId}']").Length);

        foreach (var role in new[] { Roles.Counselor, Roles.Admin, Roles.Auditor })
        {
            var browser = (await app.SignInNewAsync(role)).Browser;
            var page = await HomeAsync(browser);
            Assert.True(page.QuerySelector("#missing-alerts") is null, $"{role} saw the banner");
            Assert.DoesNotContain(episodeId.ToString(), page.Source.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory, Providers]
    public async Task No_banner_shows_before_the_job_raises_an_alert(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var owner = await app.CreateStaffAsync(Roles.Counselor);
        await app.CreateEpisodeAsync(await app.CreateResidentAsync(owner.Id));

        Assert.Null((await HomeAsync(await app.SignInAsync(owner))).QuerySelector("#missing-alerts"));
    }

    [Theory, Providers]
    public async Task An_item_leaves_the_banner_once_the_job_finds_it_met_and_the_banner_goes_when_none_is_left(DatabaseProvider provider)
    {
        var (app, owner, episodeId) = await OverdueEpisodeAsync(provider);
        await using var _ = app;
        var browser = await app.SignInAsync(owner);
        var director = (await app.SignInNewAsync(Roles.ProgramDirector)).Browser;

        await RecordAsync(app, episodeId, NotificationRecipient.LawEnforcement);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await RunJobAsync(app);

        var left = (await HomeAsync(browser)).QuerySelectorAll("#missing-alerts li.missing-alert");
        Assert.Equal("Program director", Assert.Single(left).QuerySelector("a")!.TextContent.Split(": ")[1]);

        await RecordAsync(app, episodeId, NotificationRecipient.ProgramDirector);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await RunJobAsync(app);

        Assert.Null((await HomeAsync(browser)).QuerySelector("#missing-alerts"));
        Assert.Null((await HomeAsync(director)).QuerySelector("#missing-alerts"));
        Assert.All(await app.WithDbAsync(db => db.MissingAlerts.AsNoTracking().ToListAsync()), a => Assert.NotNull(a.ResolvedAtUtc));
    }

    private static Task<int> RecordAsync(SafeHomeApp app, Guid episodeId, NotificationRecipient recipient)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        return app.WithDbAsync(async db =>
        {
            var episode = await db.MissingEpisodes.Include(e => e.Notifications).SingleAsync(e => e.Id == episodeId);
            var notification = episode.Notifications.Single(n => n.Recipient == recipient && n.Phase == NotificationPhase.Onset);
            episode.RecordNotification(notification.Id, new NotificationRecord(now.AddMinutes(-1), "Invented Staff", NotificationMethod.Phone, null, "Invented Contact", "CASE-1", null, null, null, null), now);
            return await db.SaveChangesAsync();
        });
    }
}
