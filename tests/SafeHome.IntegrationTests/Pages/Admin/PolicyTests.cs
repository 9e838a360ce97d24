using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Admin;

/// The jurisdiction policy page through the real form: an administrator changes when the clocks start and each
/// deadline in hours and minutes; episodes opened afterwards take their due times from it; bad input is refused next
/// to its field and saves nothing.
public sealed class PolicyTests
{
    private const string Url = "/Admin/Policy";

    // Every deadline changed from the seeded default, so a field that does not bind shows up as a wrong stored value.
    internal static Dictionary<string, string> Values() => new()
    {
        ["Input.Name"] = "Invented County",
        ["Input.ClockStart"] = nameof(MissingClockStart.DeterminedMissing),
        ["Input.LawEnforcement.Hours"] = "1",
        ["Input.LawEnforcement.Minutes"] = "30",
        ["Input.Ncmec.Hours"] = "12",
        ["Input.Ncmec.Minutes"] = "0",
        ["Input.Caseworker.Hours"] = "6",
        ["Input.Caseworker.Minutes"] = "15",
        ["Input.Guardian.Hours"] = "8",
        ["Input.Guardian.Minutes"] = "",
        ["Input.Gal.Hours"] = "10",
        ["Input.Gal.Minutes"] = "5",
        ["Input.Court.Hours"] = "72",
        ["Input.Court.Minutes"] = "0",
        ["Input.Director.Hours"] = "0",
        ["Input.Director.Minutes"] = "30",
        ["Input.Debrief.Hours"] = "48",
        ["Input.Debrief.Minutes"] = "0",
        ["Input.Screen.Hours"] = "720",
        ["Input.Screen.Minutes"] = "0",
    };

    private static Task<JurisdictionPolicy> PolicyAsync(SafeHomeApp app) =>
        app.WithDbAsync(db => db.JurisdictionPolicies.AsNoTracking().SingleAsync(p => p.Id == JurisdictionPolicy.DefaultId));

    private static void AssertUnchanged(JurisdictionPolicy before, JurisdictionPolicy after) =>
        Assert.Equal(
            (before.Version, before.Name, before.ClockStart, before.LawEnforcementMinutes, before.NcmecMinutes, before.CaseworkerMinutes, before.GuardianMinutes, before.GalMinutes, before.CourtMinutes, before.DirectorMinutes, before.DebriefMinutes, before.ScreenMinutes),
            (after.Version, after.Name, after.ClockStart, after.LawEnforcementMinutes, after.NcmecMinutes, after.CaseworkerMinutes, after.GuardianMinutes, after.GalMinutes, after.CourtMinutes, after.DirectorMinutes, after.DebriefMinutes, after.ScreenMinutes));

    [Theory, Providers]
    public async Task The_page_shows_the_seeded_policy_in_hours_and_minutes_and_says_a_change_applies_to_later_episodes(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);

        var page = await admin.GetDocumentAsync(Url);

        Assert.Contains("after you save it", page.QuerySelector("#applies-from")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2 h", page.QuerySelector("tr[data-row='LawEnforcement'] .saved")!.TextContent.Trim());
        Assert.Equal("1 d", page.QuerySelector("tr[data-row='Ncmec'] .saved")!.TextContent.Trim());
        Assert.Equal("3 d", page.QuerySelector("tr[data-row='Debrief'] .saved")!.TextContent.Trim());
        Assert.Equal("2", page.QuerySelector("input[name='Input.LawEnforcement.Hours']")!.GetAttribute("value"));
        Assert.Equal("0", page.QuerySelector("input[name='Input.LawEnforcement.Minutes']")!.GetAttribute("value"));
        Assert.Equal("48", page.QuerySelector("input[name='Input.Court.Hours']")!.GetAttribute("value"));
        Assert.Equal("Program default", page.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("select[name='Input.ClockStart'] option[value='0'][selected]"));
    }

    [Theory, Providers]
    public async Task A_saved_policy_stores_every_field_and_gives_episodes_opened_afterwards_its_due_times(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var earlier = await app.CreateEpisodeAsync(await app.CreateResidentAsync(counselor.Id, "Invented Earlier"));
        var earlierDue = await app.WithDbAsync(db => db.MissingNotifications.Where(n => n.EpisodeId == earlier).ToDictionaryAsync(n => n.Recipient, n => n.DueAtUtc));
        var before = await PolicyAsync(app);

        var response = await admin.SubmitFormAsync(Url, Values());

        response.AssertRedirectTo(Url);
        var policy = await PolicyAsync(app);
        Assert.Equal(
            ("Invented County", MissingClockStart.DeterminedMissing, 90, 720, 375, 480, 605, 72 * 60, 30, 48 * 60, 30 * 24 * 60),
            (policy.Name, policy.ClockStart, policy.LawEnforcementMinutes, policy.NcmecMinutes, policy.CaseworkerMinutes, policy.GuardianMinutes, policy.GalMinutes, policy.CourtMinutes, policy.DirectorMinutes, policy.DebriefMinutes, policy.ScreenMinutes));
        Assert.True(policy.Version > before.Version);
        Assert.Contains("from now on", (await admin.GetDocumentAsync(Url)).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        // A counselor then reports a youth missing through the real form: the clocks start when the youth was
        // determined missing and run for the new times.
        var opened = await browser.SubmitFormAsync($"/Missing/Open/{residentId}", new()
        {
            ["Input.LastSeenUtc"] = "2026-06-15 10:00",
            ["Input.DiscoveredMissingUtc"] = "2026-06-15 11:00",
            ["Input.DeterminedMissingUtc"] = "2026-06-15 12:00",
        });
        var episode = await app.WithDbAsync(db => db.MissingEpisodes.Include(e => e.Notifications).SingleAsync(e => e.ResidentId == residentId));
        opened.AssertRedirectTo($"/Missing/Episode/{episode.Id}");
        var determined = new DateTime(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(
            new Dictionary<NotificationRecipient, DateTime>
            {
                [NotificationRecipient.LawEnforcement] = determined.AddMinutes(90),
                [NotificationRecipient.Ncmec] = determined.AddHours(12),
                [NotificationRecipient.PlacingAgencyCaseworker] = determined.AddMinutes(375),
                [NotificationRecipient.ParentGuardian] = determined.AddHours(8),
                [NotificationRecipient.GalAttorney] = determined.AddMinutes(605),
                [NotificationRecipient.Court] = determined.AddHours(72),
                [NotificationRecipient.ProgramDirector] = determined.AddMinutes(30),
            },
            episode.Notifications.ToDictionary(n => n.Recipient, n => n.DueAtUtc));

        // The episode opened before the change keeps the due times it was given.
        Assert.Equal(earlierDue, await app.WithDbAsync(db => db.MissingNotifications.Where(n => n.EpisodeId == earlier).ToDictionaryAsync(n => n.Recipient, n => n.DueAtUtc)));
    }

    [Theory]
    [ProviderInlineData("Input.LawEnforcement", "0", "0", "between 1 minute and 30 days")]
    [ProviderInlineData("Input.Screen", "720", "1", "between 1 minute and 30 days")]
    [ProviderInlineData("Input.Court.Hours", "721", "0", "from 0 to 720")]
    [ProviderInlineData("Input.Court.Hours", "-1", "0", "from 0 to 720")]
    [ProviderInlineData("Input.Court.Minutes", "1", "60", "from 0 to 59")]
    [ProviderInlineData("Input.Court.Minutes", "1", "-5", "from 0 to 59")]
    [ProviderInlineData("Input.Court.Hours", "", "30", "Enter the hours")]
    public async Task An_out_of_range_deadline_is_refused_next_to_its_row_keeps_the_input_and_saves_nothing(string field, string hours, string minutes, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var before = await PolicyAsync(app);
        var row = field.Split('.')[1];
        var values = Values();
        values[$"Input.{row}.Hours"] = hours;
        values[$"Input.{row}.Minutes"] = minutes;

        var response = await admin.SubmitFormAsync(Url, values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains(expected, page.FieldError(field) ?? "", StringComparison.Ordinal);
        Assert.Equal(hours, page.QuerySelector($"input[name='Input.{row}.Hours']")!.GetAttribute("value"));
        Assert.Equal(minutes, page.QuerySelector($"input[name='Input.{row}.Minutes']")!.GetAttribute("value"));
        Assert.Equal("Invented County", page.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));
        AssertUnchanged(before, await PolicyAsync(app));
    }

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "Input.Name", "", "Name the policy" },
        { "Input.Name", "   ", "Name the policy" },
        { "Input.Name", new string('x', 101), "at most 100" },
        { "Input.Name", new string('x', 1_000_000), "at most 100" },
        { "Input.Name", "Invented\u202ECounty", "not allowed" },
        { "Input.Name", "Invented\u200BCounty", "not allowed" },
        { "Input.Name", "Invented\r\nCounty", "not allowed" },
        { "Input.ClockStart", "999", "" },
        { "Input.ClockStart", "-1", "" },
        { "Input.ClockStart", "NotAClock", "" },
        { "Input.Ncmec.Hours", "abc", "" },
        { "Input.Ncmec.Hours", "2147483648", "" },
        { "Input.Ncmec.Hours", "2147483647", "from 0 to 720" },
        { "Input.Ncmec.Hours", "-2147483648", "from 0 to 720" },
        { "Input.Ncmec.Hours", "1e3", "" },
        { "Input.Ncmec.Hours", "NaN", "" },
        { "Input.Ncmec.Hours", "Infinity", "" },
        { "Input.Ncmec.Hours", "0x10", "in digits" },
        { "Input.Ncmec.Hours", "#10", "" },
        { "Input.Ncmec.Hours", "&h10", "" },
        { "Input.Ncmec.Minutes", "0x1F", "in digits" },
        { "Input.Ncmec.Hours", "1,000", "" },
        { "Input.Ncmec.Hours", "12.5", "" },
        { "Input.Ncmec.Hours", "<script>alert(1)</script>", "" },
        { "Input.Ncmec.Minutes", "abc", "" },
        { "Input.Ncmec.Minutes", "99999999999", "" },
    };

    [Theory]
    [ProviderMemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_next_to_its_field_and_saves_nothing(string field, string value, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var before = await PolicyAsync(app);
        var values = Values();
        values[field] = value;

        var response = await admin.SubmitFormAsync(Url, values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await HtmlForms.ParseAsync(response)).FieldError(field);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        AssertUnchanged(before, await PolicyAsync(app));
    }

    [Theory, Providers]
    public async Task A_NUL_in_the_form_is_named_next_to_its_field_and_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var before = await PolicyAsync(app);
        var values = Values();
        values["Input.Name"] = "Invented\0County";

        var response = await admin.SubmitFormAsync(Url, values);

        // Issue 15: the form comes back with the message beside the field the NUL was in (see Security/FormEncodingTests).
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await HtmlForms.ParseAsync(response)).FieldError("Input.Name");
        Assert.NotNull(error);
        Assert.Contains("NUL", error, StringComparison.Ordinal);
        AssertUnchanged(before, await PolicyAsync(app));
    }

    [Theory, Providers]
    public async Task A_script_in_the_name_is_shown_encoded_when_refused_and_stored_as_text_when_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        const string script = "<script>alert('invented')</script>";
        var values = Values();
        values["Input.Name"] = script;
        values["Input.Gal.Hours"] = "<svg onload=alert(1)>";

        var refused = await admin.SubmitFormAsync(Url, values);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain(script, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.Equal(script, (await HtmlForms.ParseAsync(refused)).QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));

        values["Input.Gal.Hours"] = "10";
        (await admin.SubmitFormAsync(Url, values)).AssertRedirectTo(Url);
        Assert.Equal(script, (await PolicyAsync(app)).Name);
        Assert.DoesNotContain(script, await (await admin.GetAsync(Url)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_save_over_someone_elses_change_is_refused_with_both_versions_and_saves_on_the_second_try(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, first) = await app.SignInNewAsync(Roles.Admin);
        var (_, second) = await app.SignInNewAsync(Roles.Admin);
        var stale = await second.GetDocumentAsync(Url);

        (await first.SubmitFormAsync(Url, Values())).AssertRedirectTo(Url);
        var saved = await PolicyAsync(app);
        var mine = Values();
        mine["Input.LawEnforcement.Hours"] = "3";
        mine["Input.LawEnforcement.Minutes"] = "0";
        var refused = await second.SubmitFormAsync(stale, Url, mine);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        var conflict = page.QuerySelector("#conflict")!.TextContent;
        Assert.Contains("Law enforcement report", conflict, StringComparison.Ordinal);
        Assert.Contains("1 h 30 min", conflict, StringComparison.Ordinal);
        Assert.Contains("3 h", conflict, StringComparison.Ordinal);
        Assert.Equal("3", page.QuerySelector("input[name='Input.LawEnforcement.Hours']")!.GetAttribute("value"));
        AssertUnchanged(saved, await PolicyAsync(app));

        (await second.SubmitFormAsync(page, Url, [])).AssertRedirectTo(Url);
        Assert.Equal(180, (await PolicyAsync(app)).LawEnforcementMinutes);
    }

    [Theory]
    [ProviderInlineData(Roles.ProgramDirector)]
    [ProviderInlineData(Roles.Counselor)]
    [ProviderInlineData(Roles.Auditor)]
    public async Task Other_roles_get_403_on_the_page_and_on_a_complete_post_with_a_valid_token_and_nothing_changes(string role, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(role);
        var before = await PolicyAsync(app);

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(Url)).StatusCode);
        var values = Values();
        values["Input.Version"] = before.Version.ToString(CultureInfo.InvariantCulture);
        values["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync("/");
        var response = await browser.PostAsync(Url, new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertUnchanged(before, await PolicyAsync(app));
    }
}
