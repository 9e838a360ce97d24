using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Missing;

/// The episode page: countdowns computed on the server from the clock, overdue said in words, recorded and closed
/// clocks shown as such, and edit links only for writers.
public sealed class EpisodePageTests
{
    [Theory, Providers]
    public async Task The_police_clock_counts_down_before_its_due_time_and_says_overdue_after_it(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);

        // Discovered 15 minutes ago: police are due in 1 h 45 min.
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var id = await OpenAsync(app, residentId, now.AddMinutes(-30), now.AddMinutes(-15));
        var page = await browser.GetDocumentAsync($"/Missing/Episode/{id}");
        var police = page.QuerySelector("#notifications tr[data-recipient=LawEnforcement]")!;
        Assert.Equal("due in 1 h 45 min", police.QuerySelector(".countdown")!.TextContent.Trim());
        Assert.Null(police.QuerySelector(".overdue"));
        Assert.Equal("2026-06-15 16:45", police.QuerySelector(".due-at")!.TextContent.Trim());

        app.Clock.Advance(TimeSpan.FromHours(4).Add(TimeSpan.FromMinutes(45)));
        browser = await app.SignInAsync(counselor);
        page = await browser.GetDocumentAsync($"/Missing/Episode/{id}");
        police = page.QuerySelector("#notifications tr[data-recipient=LawEnforcement]")!;
        Assert.Equal("OVERDUE by 3 h", police.QuerySelector(".overdue")!.TextContent.Trim());
        Assert.Null(police.QuerySelector(".countdown"));
        Assert.NotNull(page.QuerySelector("#notifications tr[data-recipient=Ncmec] .countdown"));
    }

    [Theory, Providers]
    public async Task Recorded_not_applicable_and_closed_clocks_show_no_countdown(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var id = await OpenAsync(app, residentId, now.AddHours(-6), now.AddHours(-5));
        await app.WithDbAsync(async db =>
        {
            var episode = await db.MissingEpisodes.Include(e => e.Notifications).SingleAsync(e => e.Id == id);
            var police = episode.Notifications.Single(n => n.Recipient == NotificationRecipient.LawEnforcement);
            episode.RecordNotification(police.Id, new NotificationRecord(now.AddHours(-4.5), "Invented Staff", NotificationMethod.Phone, null, "Invented PD", "CASE-123", null, null, "NCIC-9", null), now);
            episode.MarkNotificationNotApplicable(episode.Notifications.Single(n => n.Recipient == NotificationRecipient.Court).Id, "No court order in this placement.");
            await db.SaveChangesAsync();
            return 0;
        });

        var page = await browser.GetDocumentAsync($"/Missing/Episode/{id}");
        var policeRow = page.QuerySelector("#notifications tr[data-recipient=LawEnforcement]")!;
        Assert.Null(policeRow.QuerySelector(".countdown, .overdue"));
        Assert.Contains("Notified 2026-06-15 10:30 by Invented Staff", policeRow.QuerySelector(".recorded")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(policeRow.QuerySelector(".on-time"));
        Assert.Contains("CASE-123", policeRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("NCIC-9", policeRow.TextContent, StringComparison.Ordinal);
        var court = page.QuerySelector("#notifications tr[data-recipient=Court]")!;
        Assert.Contains("No court order", court.QuerySelector(".not-applicable")!.TextContent, StringComparison.Ordinal);
        Assert.Null(court.QuerySelector(".countdown, .overdue"));
    }

    [Theory, Providers]
    public async Task A_return_before_the_due_time_closes_the_clock(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);

        var page = await browser.GetDocumentAsync($"/Missing/Episode/{id}");

        // Discovered at 10:00, returned at 13:00: the 24-hour NCMEC clock closed, the 2-hour police one ran out first.
        Assert.Equal("not needed: returned before due", page.QuerySelector("#notifications tr[data-recipient=Ncmec][data-phase=Onset] .not-needed")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#notifications tr[data-recipient=LawEnforcement][data-phase=Onset] .overdue"));
    }

    [Theory, Providers]
    public async Task Writers_see_edit_links_auditors_read_without_them_and_the_view_is_audited(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);

        var page = await browser.GetDocumentAsync($"/Missing/Episode/{id}");
        var links = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").ToList();
        foreach (var target in new[] { "Onset", "Log", "Return", "Debrief", "Screen" })
        {
            Assert.Contains($"/Missing/{target}/{id}", links);
        }

        Assert.Contains(links, l => l.StartsWith($"/Missing/Notify/{id}?notificationId=", StringComparison.Ordinal));

        var read = await auditor.GetDocumentAsync($"/Missing/Episode/{id}");
        Assert.NotNull(read.QuerySelector("#notifications"));
        Assert.DoesNotContain(read.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? ""), l => l.Contains($"/{id}", StringComparison.Ordinal) && !l.Contains("/Missing/Episode", StringComparison.Ordinal));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "view" && a.EntityType == nameof(MissingEpisode) && a.EntityKey == id.ToString())));
    }

    [Theory, Providers]
    public async Task Another_counselors_episode_is_404_and_an_admin_403(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var owner = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(owner.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var (_, outsider) = await app.SignInNewAsync(Roles.Counselor);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Missing/Episode/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/Missing/Episode/{id}")).StatusCode);
    }

    internal static Task<Guid> OpenAsync(SafeHomeApp app, Guid residentId, DateTime lastSeenUtc, DateTime discoveredUtc) =>
        app.WithDbAsync(async db =>
        {
            var policy = await db.JurisdictionPolicies.AsNoTracking().SingleAsync();
            var stays = await db.Stays.Where(s => s.ResidentId == residentId).Select(s => new { s.Id, s.AdmittedOn, s.DischargedOn }).ToListAsync();
            var context = new EpisodeContext(stays.Select(s => (s.Id, s.AdmittedOn, s.DischargedOn)).ToList(), [], TimeZoneInfo.Utc);
            var episode = MissingEpisode.Open(residentId, new EpisodeOnset(lastSeenUtc, discoveredUtc, "Invented Night Staff", discoveredUtc), context, policy, null, app.Clock.GetUtcNow().UtcDateTime);
            db.MissingEpisodes.Add(episode);
            await db.SaveChangesAsync();
            return episode.Id;
        });
}
