using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Pages.Missing;

namespace SafeHome.IntegrationTests.Pages.Missing;

/// Correcting an episode's onset times and circumstances through the real form: the times are checked against each
/// other, the clock, the stay and the resident's other episodes; due times of notifications not yet made follow.
public sealed class OnsetTests
{
    // The fake clock stands at 2026-06-15 15:00 UTC (zone UTC); the seeded episode was last seen at 09:00, discovered
    // missing at 10:00, determined missing at 11:00 and, when returned, came back at 13:00. The resident was admitted
    // on 2025-06-15.
    internal static Dictionary<string, string> Values(
        string lastSeen = "2026-06-15 08:30",
        string discovered = "2026-06-15 09:30",
        string determined = "2026-06-15 10:30",
        string by = "Invented Day Staff",
        string circumstances = "Invented: left after an argument about phone time.",
        string riskLevel = nameof(MissingRiskLevel.High)) => new()
    {
        ["Input.LastSeenUtc"] = lastSeen,
        ["Input.DiscoveredMissingUtc"] = discovered,
        ["Input.DeterminedMissingUtc"] = determined,
        ["Input.DiscoveredBy"] = by,
        ["Input.Circumstances"] = circumstances,
        ["Input.SearchActions"] = "Invented: checked the park and called two friends.",
        ["Input.BelongingsTaken"] = "Invented blue backpack",
        ["Input.RiskLevel"] = riskLevel,
        ["Input.KnownExploiterContact"] = "true",
        ["Input.Pregnancy"] = "false",
        ["Input.Medications"] = "",
        ["Input.Suicidality"] = "false",
        ["Input.Substances"] = "true",
        ["Input.WeatherExposure"] = "",
        ["Input.PhoneTaken"] = "true",
    };

    [Theory, Providers]
    public async Task The_form_shows_the_stored_times_and_saving_it_unchanged_keeps_them(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var before = await LoadAsync(app, id);

        var form = await browser.GetDocumentAsync($"/Missing/Onset/{id}");
        Assert.Equal("2026-06-15 09:00", form.QuerySelector("input[name='Input.LastSeenUtc']")!.GetAttribute("value"));
        Assert.Equal("2026-06-15 10:00", form.QuerySelector("input[name='Input.DiscoveredMissingUtc']")!.GetAttribute("value"));
        Assert.Equal("2026-06-15 11:00", form.QuerySelector("input[name='Input.DeterminedMissingUtc']")!.GetAttribute("value"));
        Assert.Equal("Invented Night Staff", form.QuerySelector("input[name='Input.DiscoveredBy']")!.GetAttribute("value"));

        (await browser.SubmitFormAsync(form, $"/Missing/Onset/{id}", [])).AssertRedirectTo($"/Missing/Episode/{id}");

        var after = await LoadAsync(app, id);
        Assert.Equal(
            (before.LastSeenUtc, before.DiscoveredMissingUtc, before.DeterminedMissingUtc, before.DiscoveredBy, before.ClockStartUtc),
            (after.LastSeenUtc, after.DiscoveredMissingUtc, after.DeterminedMissingUtc, after.DiscoveredBy, after.ClockStartUtc));
        Assert.Equal(before.Version + 1, after.Version);
    }

    [Theory, Providers]
    public async Task Corrected_times_and_circumstances_are_stored_and_unmade_notifications_follow_the_new_clock_start(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);

        (await browser.SubmitFormAsync($"/Missing/Onset/{id}", Values())).AssertRedirectTo($"/Missing/Episode/{id}");

        var episode = await LoadAsync(app, id);
        Assert.Equal(
            (new DateTime(2026, 6, 15, 8, 30, 0, DateTimeKind.Utc), new DateTime(2026, 6, 15, 9, 30, 0, DateTimeKind.Utc), new DateTime(2026, 6, 15, 10, 30, 0, DateTimeKind.Utc), "Invented Day Staff"),
            (episode.LastSeenUtc, episode.DiscoveredMissingUtc, episode.DeterminedMissingUtc, episode.DiscoveredBy));
        Assert.Equal(
            ("Invented: left after an argument about phone time.", "Invented: checked the park and called two friends.", "Invented blue backpack", (MissingRiskLevel?)MissingRiskLevel.High),
            (episode.Circumstances, episode.SearchActions, episode.BelongingsTaken, episode.RiskLevel));
        Assert.Equal(
            ((bool?)true, (bool?)false, (bool?)null, (bool?)false, (bool?)true, (bool?)null, (bool?)true),
            (episode.KnownExploiterContact, episode.Pregnancy, episode.Medications, episode.Suicidality, episode.Substances, episode.WeatherExposure, episode.PhoneTaken));

        var policy = await app.WithDbAsync(db => db.JurisdictionPolicies.AsNoTracking().SingleAsync());
        var clockStart = policy.ClockStart == MissingClockStart.DiscoveredMissing ? episode.DiscoveredMissingUtc : episode.DeterminedMissingUtc;
        Assert.Equal(clockStart, episode.ClockStartUtc);
        foreach (var (recipient, dueAfter) in policy.OnsetNotifications())
        {
            Assert.Equal(clockStart + dueAfter, episode.Notifications.Single(n => n.Recipient == recipient && n.Phase == NotificationPhase.Onset).DueAtUtc);
        }
    }

    [Theory]
    [ProviderInlineData("Input.DiscoveredMissingUtc", "2026-06-15 09:00", "2026-06-15 08:00", "2026-06-15 11:00", "before the youth was last seen")]
    [ProviderInlineData("Input.DeterminedMissingUtc", "2026-06-15 09:00", "2026-06-15 10:00", "2026-06-15 09:30", "not before discovered missing")]
    [ProviderInlineData("Input.LastSeenUtc", "2026-06-15 16:00", "2026-06-15 16:00", "2026-06-15 16:00", "future")]
    [ProviderInlineData("Input.DiscoveredMissingUtc", "2026-06-15 09:00", "2026-06-15 15:30", "2026-06-15 15:30", "future")]
    [ProviderInlineData("Input.DeterminedMissingUtc", "2026-06-15 09:00", "2026-06-15 10:00", "2026-06-15 15:01", "future")]
    [ProviderInlineData("Input.LastSeenUtc", "2025-06-01 09:00", "2025-06-01 10:00", "2025-06-01 11:00", "within one of the resident's stays")]
    [ProviderInlineData("Input.LastSeenUtc", "", "2026-06-15 10:00", "2026-06-15 11:00", "Enter when the youth was last seen")]
    [ProviderInlineData("Input.DeterminedMissingUtc", "2026-06-15 09:00", "2026-06-15 10:00", "", "Enter when the youth was determined missing")]
    public async Task Times_out_of_order_in_the_future_outside_the_stay_or_missing_are_refused_next_to_the_field_and_kept(string field, string lastSeen, string discovered, string determined, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var before = await LoadAsync(app, id);

        var response = await browser.SubmitFormAsync($"/Missing/Onset/{id}", Values(lastSeen, discovered, determined));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains(expected, page.FieldError(field) ?? "", StringComparison.Ordinal);
        Assert.Equal(lastSeen, page.QuerySelector("input[name='Input.LastSeenUtc']")!.GetAttribute("value"));
        Assert.Equal(determined, page.QuerySelector("input[name='Input.DeterminedMissingUtc']")!.GetAttribute("value"));
        Assert.Equal("Invented: left after an argument about phone time.", page.QuerySelector("textarea[name='Input.Circumstances']")!.TextContent.Trim());
        await AssertUnchangedAsync(app, id, before);
    }

    [Theory, Providers]
    public async Task A_last_seen_inside_another_episode_of_the_resident_is_refused_as_an_overlap(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        await CreateEarlierEpisodeAsync(app, residentId);
        var id = await app.CreateEpisodeAsync(residentId);
        var before = await LoadAsync(app, id);

        var response = await browser.SubmitFormAsync($"/Missing/Onset/{id}", Values("2026-06-14 10:00", "2026-06-14 11:00", "2026-06-14 11:30"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("overlap another missing episode", (await HtmlForms.ParseAsync(response)).FieldError("Input.LastSeenUtc") ?? "", StringComparison.Ordinal);
        await AssertUnchangedAsync(app, id, before);

        // Just after the earlier episode ended is fine.
        (await browser.SubmitFormAsync($"/Missing/Onset/{id}", Values("2026-06-14 12:30", "2026-06-14 13:00", "2026-06-14 13:30"))).AssertRedirectTo($"/Missing/Episode/{id}");
        Assert.Equal(new DateTime(2026, 6, 14, 12, 30, 0, DateTimeKind.Utc), (await LoadAsync(app, id)).LastSeenUtc);
    }

    [Theory, Providers]
    public async Task On_a_returned_episode_last_seen_after_the_return_is_refused(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);
        var before = await LoadAsync(app, id);

        var response = await browser.SubmitFormAsync($"/Missing/Onset/{id}", Values("2026-06-15 13:30", "2026-06-15 13:40", "2026-06-15 13:50"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("last seen must be before that", (await HtmlForms.ParseAsync(response)).FieldError("Input.LastSeenUtc") ?? "", StringComparison.Ordinal);
        await AssertUnchangedAsync(app, id, before);
    }

    [Theory, Providers]
    public async Task A_last_seen_after_a_logged_sighting_is_refused(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        (await browser.SubmitFormAsync($"/Missing/Log/{id}", LogTests.Values(when: "2026-06-15 09:30"))).AssertRedirectTo($"/Missing/Log/{id}");
        var before = await LoadAsync(app, id);

        var response = await browser.SubmitFormAsync($"/Missing/Onset/{id}", Values("2026-06-15 10:00", "2026-06-15 10:00", "2026-06-15 11:00"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("last seen must come first", (await HtmlForms.ParseAsync(response)).FieldError("Input.LastSeenUtc") ?? "", StringComparison.Ordinal);
        await AssertUnchangedAsync(app, id, before);
    }

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "Input.DiscoveredBy", new string('x', 1_000_000), "at most" },
        { "Input.DiscoveredBy", new string('x', MissingEpisode.MaxLength.Line + 1), "at most" },
        { "Input.DiscoveredBy", "Invented\nStaff", "control character" },
        { "Input.DiscoveredBy", "Invented\u202EStaff", "control character" },
        { "Input.BelongingsTaken", "Invented\u200Bbag", "control character" },
        { "Input.BelongingsTaken", "Invented\r\nbag", "control character" },
        { "Input.Circumstances", new string('x', MissingEpisode.MaxLength.Text + 1), "at most" },
        { "Input.Circumstances", "Invented\u0007text", "control character" },
        { "Input.SearchActions", "Invented\u2066search", "control character" },
        { "Input.LastSeenUtc", "15/06/2026 09:00", "real date and time" },
        { "Input.LastSeenUtc", "2026-13-01 09:00", "real date and time" },
        { "Input.LastSeenUtc", "2026-02-29 09:00", "real date and time" },
        { "Input.DiscoveredMissingUtc", "9999-12-31 23:59", "future" },
        { "Input.DeterminedMissingUtc", "0001-01-01 00:00", "not before discovered" },
        { "Input.DeterminedMissingUtc", "<script>alert(1)</script>", "real date and time" },
        { "Input.RiskLevel", "999", "" },
        { "Input.RiskLevel", "-1", "" },
        { "Input.RiskLevel", "Extreme", "" },
        { "Input.Pregnancy", "maybe", "" },
        { "Input.PhoneTaken", "2", "" },
    };

    [Theory]
    [ProviderMemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_next_to_its_field_and_saves_nothing(string field, string value, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var before = await LoadAsync(app, id);
        var values = Values();
        values[field] = value;

        var response = await browser.SubmitFormAsync($"/Missing/Onset/{id}", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await HtmlForms.ParseAsync(response)).FieldError(field);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        await AssertUnchangedAsync(app, id, before);
    }

    [Theory, Providers]
    public async Task A_NUL_character_is_named_next_to_its_field_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var before = await LoadAsync(app, id);

        var response = await browser.SubmitFormAsync($"/Missing/Onset/{id}", Values(circumstances: "Invented\0text"));

        // Issue 15: the form comes back with a message next to the field that says what was wrong, and nothing is saved.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("contained a NUL character", System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await AssertUnchangedAsync(app, id, before);
    }

    [Theory, Providers]
    public async Task A_script_in_the_circumstances_is_stored_as_text_and_rendered_encoded(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        const string script = "<script>alert('invented')</script>";

        var refused = await browser.SubmitFormAsync($"/Missing/Onset/{id}", Values(lastSeen: "2026-06-15 16:00", by: script, circumstances: script));
        Assert.DoesNotContain(script, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var refusedPage = await HtmlForms.ParseAsync(refused);
        Assert.Equal(script, refusedPage.QuerySelector("input[name='Input.DiscoveredBy']")!.GetAttribute("value"));
        Assert.Equal(script, refusedPage.QuerySelector("textarea[name='Input.Circumstances']")!.TextContent.Trim());

        (await browser.SubmitFormAsync($"/Missing/Onset/{id}", Values(by: script, circumstances: script))).AssertRedirectTo($"/Missing/Episode/{id}");
        var episode = await LoadAsync(app, id);
        Assert.Equal((script, script), (episode.DiscoveredBy, episode.Circumstances));
        Assert.DoesNotContain(script, await (await browser.GetAsync($"/Missing/Onset/{id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(script, await (await browser.GetAsync($"/Missing/Episode/{id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_second_tab_sees_both_versions_the_first_save_stands_and_the_next_submit_saves(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var firstTab = await browser.GetDocumentAsync($"/Missing/Onset/{id}");
        var secondTab = await browser.GetDocumentAsync($"/Missing/Onset/{id}");

        (await browser.SubmitFormAsync(firstTab, $"/Missing/Onset/{id}", Values())).AssertRedirectTo($"/Missing/Episode/{id}");
        var afterFirst = await LoadAsync(app, id);
        var stale = await browser.SubmitFormAsync(secondTab, $"/Missing/Onset/{id}", Values("2026-06-15 07:00", "2026-06-15 07:30", "2026-06-15 08:00", circumstances: "Invented second tab."));

        var page = await StaleForms.AssertConflictShownAsync(stale, "Invented: left after an argument about phone time.", "Invented second tab.", "2026-06-15 08:30", "2026-06-15 07:00");
        Assert.Equal("Invented second tab.", page.QuerySelector("textarea[name='Input.Circumstances']")!.TextContent.Trim());
        var episode = await LoadAsync(app, id);
        Assert.Equal(
            (new DateTime(2026, 6, 15, 8, 30, 0, DateTimeKind.Utc), "Invented: left after an argument about phone time.", afterFirst.Version),
            (episode.LastSeenUtc, episode.Circumstances, episode.Version));

        (await browser.SubmitFormAsync(page, $"/Missing/Onset/{id}", [])).AssertRedirectTo($"/Missing/Episode/{id}");
        episode = await LoadAsync(app, id);
        Assert.Equal((new DateTime(2026, 6, 15, 7, 0, 0, DateTimeKind.Utc), "Invented second tab."), (episode.LastSeenUtc, episode.Circumstances));
    }

    [Theory, Providers]
    public async Task Another_caseload_gets_404_an_admin_403_and_an_auditor_posting_a_complete_form_403_with_nothing_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var owner = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(owner.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var before = await LoadAsync(app, id);
        var (_, outsider) = await app.SignInNewAsync(Roles.Counselor);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var url = $"/Missing/Onset/{id}";

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(url)).StatusCode);

        var values = Values();
        values["Input.Version"] = before.Version.ToString(CultureInfo.InvariantCulture);
        values["__RequestVerificationToken"] = await outsider.AntiforgeryTokenAsync("/");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync(url, new FormUrlEncodedContent(values))).StatusCode);
        values["__RequestVerificationToken"] = await auditor.AntiforgeryTokenAsync($"/Missing/Episode/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync(url, new FormUrlEncodedContent(values))).StatusCode);

        await AssertUnchangedAsync(app, id, before);
    }

    private static Task<MissingEpisode> LoadAsync(SafeHomeApp app, Guid id) =>
        app.WithDbAsync(db => db.MissingEpisodes.AsNoTracking().Include(e => e.Notifications).SingleAsync(e => e.Id == id));

    private static async Task AssertUnchangedAsync(SafeHomeApp app, Guid id, MissingEpisode before)
    {
        var after = await LoadAsync(app, id);
        Assert.Equal(
            (before.Version, before.LastSeenUtc, before.DiscoveredMissingUtc, before.DeterminedMissingUtc, before.DiscoveredBy, before.Circumstances, before.RiskLevel, before.PhoneTaken),
            (after.Version, after.LastSeenUtc, after.DiscoveredMissingUtc, after.DeterminedMissingUtc, after.DiscoveredBy, after.Circumstances, after.RiskLevel, after.PhoneTaken));
    }

    /// A returned episode the day before: last seen 2026-06-14 09:00, back at 12:00.
    private static Task<Guid> CreateEarlierEpisodeAsync(SafeHomeApp app, Guid residentId)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var day = new DateTime(2026, 6, 14, 0, 0, 0, DateTimeKind.Utc);
        return app.WithDbAsync(async db =>
        {
            var policy = await db.JurisdictionPolicies.AsNoTracking().SingleAsync();
            var context = await db.EpisodeContextAsync(residentId, null, TimeZoneInfo.Utc);
            var episode = MissingEpisode.Open(residentId, new EpisodeOnset(day.AddHours(9), day.AddHours(10), "Invented Night Staff", day.AddHours(11)), context, policy, null, now);
            episode.RecordReturn(new EpisodeReturn(day.AddHours(12), ReturnType.SelfReturned, null, true, null), context, policy, now);
            db.MissingEpisodes.Add(episode);
            await db.SaveChangesAsync();
            return episode.Id;
        });
    }
}
