using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Missing;

/// The missing-episode pages as staff use them: a director records in one click that they were told (they are
/// signed in and see the alert), rows whose clock stopped offer nothing to record, and the report of a youth missing
/// can carry the police call already made.
public sealed class DirectorToldTests
{
    // The fake clock stands at 2026-06-15 15:00 UTC (zone UTC). The seeded episode was last seen at 09:00 and
    // discovered at 10:00: the director's notice was due at 11:00 and is overdue.
    private static readonly DateTime Now = new(2026, 6, 15, 15, 0, 0, DateTimeKind.Utc);

    [Theory, Providers]
    public async Task A_director_records_being_told_in_one_click_from_the_banner_and_the_alert_goes(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var (director, browser) = await app.SignInNewAsync(Roles.ProgramDirector);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        await NotifyTests.RunAlertsJobAsync(app);

        var home = await browser.GetDocumentAsync("/");
        var told = home.QuerySelector($"#missing-alerts form[action='/Missing/Told/{id}']");
        Assert.NotNull(told);
        Assert.Equal("I have been told", told.QuerySelector("button")!.TextContent.Trim());

        var response = await browser.PostAsync($"/Missing/Told/{id}", new FormUrlEncodedContent(HtmlForms.FieldsOf((AngleSharp.Html.Dom.IHtmlFormElement)told)));

        response.AssertRedirectTo($"/Missing/Episode/{id}");
        var stored = await NotifyTests.NotificationAsync(app, id, NotificationRecipient.ProgramDirector);
        Assert.Equal(((DateTime?)Now, (NotificationMethod?)NotificationMethod.InSafeHome), (stored.NotifiedAtUtc, stored.Method));
        var name = await app.WithDbAsync(db => db.Users.Where(u => u.Id == director.Id).Select(u => u.DisplayName).SingleAsync());
        Assert.Equal(name, stored.NotifiedBy);
        var episode = await browser.GetDocumentAsync($"/Missing/Episode/{id}");
        Assert.Single(episode.QuerySelectorAll("[role=status]"), s => s.TextContent.Contains("program director was told", StringComparison.Ordinal));
        Assert.Contains("Seen in SafeHome", episode.QuerySelector("tr[data-recipient='ProgramDirector'] .recorded")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(episode.QuerySelectorAll("form[action^='/Missing/Told']"));

        // The next run of the alert job resolves the director's alert; the police one stays.
        await NotifyTests.RunAlertsJobAsync(app);
        var open = await app.WithDbAsync(db => db.MissingAlerts.AsNoTracking().Where(a => a.ResolvedAtUtc == null).CountAsync());
        Assert.Equal(1, open);
    }

    [Theory, Providers]
    public async Task Only_a_director_sees_the_button_and_a_counselor_posting_it_is_refused_with_nothing_recorded(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        await NotifyTests.RunAlertsJobAsync(app);

        var page = await browser.GetDocumentAsync($"/Missing/Episode/{id}");
        Assert.NotNull(page.QuerySelector("#missing-alerts"));
        Assert.Empty(page.QuerySelectorAll("form[action^='/Missing/Told']"));
        var token = await browser.AntiforgeryTokenAsync($"/Missing/Episode/{id}");
        var response = await browser.PostAsync($"/Missing/Told/{id}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False((await NotifyTests.NotificationAsync(app, id, NotificationRecipient.ProgramDirector)).IsSettled);
    }

    [Theory, Providers]
    public async Task Notifications_whose_clock_stopped_before_they_were_due_offer_nothing_to_record(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);

        foreach (var url in new[] { $"/Missing/Episode/{id}", $"/Missing/Notify/{id}" })
        {
            var page = await browser.GetDocumentAsync(url);
            var rows = page.QuerySelectorAll("#notifications tbody tr");
            var notNeeded = rows.Where(r => r.TextContent.Contains("not needed", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.NotEmpty(notNeeded);
            Assert.All(notNeeded, r => Assert.DoesNotContain(r.QuerySelectorAll("a"), a => a.TextContent.Trim() == "Record"));
            // Overdue ones stay recordable.
            Assert.Contains(rows, r => r.QuerySelectorAll("a").Any(a => a.TextContent.Trim() is "Record"));
        }
    }

    [Theory, Providers]
    public async Task Reporting_missing_can_record_the_police_call_already_made_and_a_half_filled_call_is_refused_beside_its_field(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var times = new Dictionary<string, string>
        {
            ["Input.LastSeenUtc"] = "2026-06-15 10:00",
            ["Input.DiscoveredMissingUtc"] = "2026-06-15 11:00",
            ["Input.DeterminedMissingUtc"] = "2026-06-15 12:00",
        };

        var half = await browser.SubmitFormAsync($"/Missing/Open/{residentId}", new(times) { ["Input.PoliceCaseNumber"] = "INV-2026-0042" });
        Assert.Equal(HttpStatusCode.OK, half.StatusCode);
        var refused = await HtmlForms.ParseAsync(half);
        Assert.Equal("Enter when the police were told, or clear the police fields.", refused.FieldError("Input.PoliceNotifiedAtUtc"));
        Assert.Equal("Choose how the police were told.", refused.FieldError("Input.PoliceMethod"));
        Assert.Equal("INV-2026-0042", refused.QuerySelector("input[name='Input.PoliceCaseNumber']")!.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(db => db.MissingEpisodes.AnyAsync()));

        var response = await browser.SubmitFormAsync(refused, $"/Missing/Open/{residentId}", new(times)
        {
            ["Input.PoliceNotifiedAtUtc"] = "2026-06-15 12:10",
            ["Input.PoliceMethod"] = nameof(NotificationMethod.Phone),
            ["Input.PoliceAgency"] = "Invented Police District",
        });

        var id = await app.WithDbAsync(db => db.MissingEpisodes.Select(e => e.Id).SingleAsync());
        response.AssertRedirectTo($"/Missing/Episode/{id}");
        var police = await NotifyTests.NotificationAsync(app, id, NotificationRecipient.LawEnforcement);
        Assert.Equal(
            (new DateTime(2026, 6, 15, 12, 10, 0, DateTimeKind.Utc), (NotificationMethod?)NotificationMethod.Phone, "Invented Police District", "INV-2026-0042", true),
            (police.NotifiedAtUtc, police.Method, police.Agency, police.CaseNumber, police.WasOnTime));
    }
}
