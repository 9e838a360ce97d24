using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Jobs;
using SafeHome.Web.Pages.Missing;

namespace SafeHome.IntegrationTests.Pages.Missing;

/// Recording and correcting a return through the real form: the return stops the reporting clocks; times before last
/// seen, in the future, overlapping another episode or after the stay, and bad ZIP codes are refused next to the field.
public sealed class ReturnTests
{
    // The fake clock stands at 2026-06-15 15:00 UTC (zone UTC). The seeded episode was last seen at 09:00 and
    // discovered at 10:00; a seeded returned episode came back at 13:00.
    internal static Dictionary<string, string> Values(string at = "2026-06-15 14:00", string type = nameof(ReturnType.LocatedByStaff), string zip = "53202", string medical = "true", string notes = "Invented note: checked by the on-call nurse.") => new()
    {
        ["Input.ReturnedUtc"] = at,
        ["Input.Type"] = type,
        ["Input.FoundZip"] = zip,
        ["Input.MedicalCheckDone"] = medical,
        ["Input.MedicalCheckNotes"] = notes,
    };

    private static Task<MissingEpisode> EpisodeAsync(SafeHomeApp app, Guid id) =>
        app.WithDbAsync(db => db.MissingEpisodes.AsNoTracking().Include(e => e.Notifications).SingleAsync(e => e.Id == id));

    [Theory, Providers]
    public async Task A_return_is_stored_and_stops_the_reporting_clocks(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var before = await browser.GetDocumentAsync($"/Missing/Episode/{id}");
        Assert.NotNull(before.QuerySelector("tr[data-recipient='Ncmec'][data-phase='Onset'] .countdown"));

        var response = await browser.SubmitFormAsync($"/Missing/Return/{id}", Values());

        response.AssertRedirectTo($"/Missing/Episode/{id}");
        var episode = await EpisodeAsync(app, id);
        var returned = new DateTime(2026, 6, 15, 14, 0, 0, DateTimeKind.Utc);
        Assert.Equal(
            (EpisodeStatus.Returned, (DateTime?)returned, (ReturnType?)ReturnType.LocatedByStaff, "53202", (bool?)true, "Invented note: checked by the on-call nurse."),
            (episode.Status, episode.ReturnedUtc, episode.ReturnType, episode.FoundZip, episode.MedicalCheckDone, episode.MedicalCheckNotes));
        Assert.Equal((returned.AddHours(72), returned.AddHours(72)), (episode.DebriefDueUtc!.Value, episode.ScreenDueUtc!.Value));
        Assert.Equal(
            [NotificationRecipient.LawEnforcement, NotificationRecipient.Ncmec, NotificationRecipient.PlacingAgencyCaseworker],
            episode.Notifications.Where(n => n.Phase == NotificationPhase.Return).Select(n => n.Recipient).Order());

        var page = await browser.GetDocumentAsync($"/Missing/Episode/{id}");
        Assert.Equal("Returned", page.QuerySelector("#status")!.GetAttribute("data-status"));
        Assert.Contains("Returned 2026-06-15 14:00", page.QuerySelector("#status")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("53202", page.QuerySelector("#found-zip")!.TextContent.Trim());
        var ncmecOnset = page.QuerySelector("tr[data-recipient='Ncmec'][data-phase='Onset']")!;
        Assert.Null(ncmecOnset.QuerySelector(".countdown"));
        Assert.NotNull(ncmecOnset.QuerySelector(".not-needed"));
        Assert.Empty(page.QuerySelectorAll("tr[data-phase='Onset'] .countdown"));

        // A day later the onset notices that fell due after the return are never raised; the return ones are.
        app.Clock.Advance(TimeSpan.FromHours(21));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MissingAlertsJob>().RunAsync(TestContext.Current.CancellationToken);
        }

        var alerted = await app.WithDbAsync(db => db.MissingAlerts.AsNoTracking().Select(a => a.SubjectId).ToListAsync());
        var onsetAfterReturn = episode.Notifications.Where(n => n.Phase == NotificationPhase.Onset && n.DueAtUtc >= returned).Select(n => n.Id).ToList();
        Assert.NotEmpty(onsetAfterReturn);
        Assert.DoesNotContain(alerted, onsetAfterReturn.Contains);
        Assert.Contains(episode.Notifications.Single(n => n.Phase == NotificationPhase.Return && n.Recipient == NotificationRecipient.LawEnforcement).Id, alerted);
    }

    [Theory, Providers]
    public async Task A_recorded_return_is_shown_in_the_form_and_corrected_without_new_notifications(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);

        var form = await browser.GetDocumentAsync($"/Missing/Return/{id}");
        Assert.Equal("2026-06-15 13:00", form.QuerySelector("input[name='Input.ReturnedUtc']")!.GetAttribute("value"));
        Assert.Equal(((int)ReturnType.SelfReturned).ToString(CultureInfo.InvariantCulture), ((AngleSharp.Html.Dom.IHtmlSelectElement)form.QuerySelector("select[name='Input.Type']")!).Value);

        var response = await browser.SubmitFormAsync(form, $"/Missing/Return/{id}", Values(at: "2026-06-15 12:00", type: nameof(ReturnType.FamilyReturned), zip: "53202-1234", medical: "false", notes: ""));

        response.AssertRedirectTo($"/Missing/Episode/{id}");
        var episode = await EpisodeAsync(app, id);
        var returned = new DateTime(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(
            (EpisodeStatus.Returned, (DateTime?)returned, (ReturnType?)ReturnType.FamilyReturned, "53202-1234", (bool?)false, (string?)null),
            (episode.Status, episode.ReturnedUtc, episode.ReturnType, episode.FoundZip, episode.MedicalCheckDone, episode.MedicalCheckNotes));
        Assert.Equal(returned.AddHours(72), episode.DebriefDueUtc);
        var returnNotices = episode.Notifications.Where(n => n.Phase == NotificationPhase.Return).ToList();
        Assert.Equal(3, returnNotices.Count);
        Assert.Equal(returned.AddHours(2), returnNotices.Single(n => n.Recipient == NotificationRecipient.LawEnforcement).DueAtUtc);
    }

    [Theory]
    [ProviderInlineData("2026-06-15 08:59", "", "Input.ReturnedUtc", "before the youth was last seen")]
    [ProviderInlineData("2026-06-15 15:01", "", "Input.ReturnedUtc", "future")]
    [ProviderInlineData("2026-06-15 14:00", "5320", "Input.FoundZip", "5-digit ZIP")]
    [ProviderInlineData("2026-06-15 14:00", "ABCDE", "Input.FoundZip", "5-digit ZIP")]
    [ProviderInlineData("2026-06-15 14:00", "53202-12", "Input.FoundZip", "5-digit ZIP")]
    [ProviderInlineData("2026-06-15 14:00", "53202-123456", "Input.FoundZip", "at most")]
    public async Task A_bad_time_or_zip_is_refused_next_to_the_field_kept_and_nothing_is_saved(string at, string zip, string field, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);

        var response = await browser.SubmitFormAsync($"/Missing/Return/{id}", Values(at: at, zip: zip));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains(expected, page.FieldError(field) ?? "", StringComparison.Ordinal);
        Assert.Equal(at, page.QuerySelector("input[name='Input.ReturnedUtc']")!.GetAttribute("value"));
        Assert.Equal(zip, page.QuerySelector("input[name='Input.FoundZip']")!.GetAttribute("value"));
        var episode = await EpisodeAsync(app, id);
        Assert.Equal((EpisodeStatus.Open, (DateTime?)null, 0), (episode.Status, episode.ReturnedUtc, episode.Notifications.Count(n => n.Phase == NotificationPhase.Return)));
    }

    [Theory, Providers]
    public async Task A_corrected_return_that_would_overlap_the_next_episode_is_refused(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var first = await app.CreateEpisodeAsync(residentId, returned: true);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            var policy = await db.PolicyAsync();
            var context = await db.EpisodeContextAsync(residentId, null, TimeZoneInfo.Utc);
            db.MissingEpisodes.Add(MissingEpisode.Open(residentId, new EpisodeOnset(now.AddMinutes(-90), now.AddMinutes(-80), null, now.AddMinutes(-70)), context, policy, null, now));
            return await db.SaveChangesAsync();
        });

        var response = await browser.SubmitFormAsync($"/Missing/Return/{first}", Values(at: "2026-06-15 14:00"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("overlap", (await HtmlForms.ParseAsync(response)).FieldError("Input.ReturnedUtc") ?? "", StringComparison.Ordinal);
        Assert.Equal(new DateTime(2026, 6, 15, 13, 0, 0, DateTimeKind.Utc), (await EpisodeAsync(app, first)).ReturnedUtc);
    }

    [Theory, Providers]
    public async Task A_return_after_the_stay_ended_is_refused(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var browser = await app.SignInAsync(counselor);
        (await browser.SubmitFormAsync($"/Residents/Discharge/{residentId}", new()
        {
            ["Input.DischargedOn"] = app.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.DischargeType"] = "Planned",
            ["Input.DischargeReason"] = "CompletedProgram",
            ["Input.DischargeDestination"] = "Reunification",
        })).AssertRedirectTo("/Residents/Details/");
        app.Clock.Advance(TimeSpan.FromDays(2));
        browser = await app.SignInAsync(counselor);

        var response = await browser.SubmitFormAsync($"/Missing/Return/{id}", Values(at: "2026-06-17 10:00"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("within the stay", (await HtmlForms.ParseAsync(response)).FieldError("Input.ReturnedUtc") ?? "", StringComparison.Ordinal);
        Assert.Equal(EpisodeStatus.Open, (await EpisodeAsync(app, id)).Status);
    }

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "Input.FoundZip", "53202\n", "" },
        { "Input.FoundZip", "53\u200B202", "" },
        { "Input.FoundZip", new string('5', 1_000), "at most" },
        { "Input.FoundZip", "' OR 1=1--", "" },
        { "Input.MedicalCheckNotes", new string('x', MissingEpisode.MaxLength.Text + 1), "at most" },
        { "Input.MedicalCheckNotes", "Invented\u202Enote", "control character" },
        { "Input.ReturnedUtc", "15/06/2026 14:00", "real date" },
        { "Input.ReturnedUtc", "2026-06-31 14:00", "real date" },
        { "Input.ReturnedUtc", "2026-06-15", "real date" },
        { "Input.ReturnedUtc", "0001-01-01 00:00", "last seen" },
        { "Input.ReturnedUtc", "9999-12-31 23:59", "future" },
        { "Input.ReturnedUtc", "", "Enter when" },
        { "Input.Type", "999", "" },
        { "Input.Type", "-1", "" },
        { "Input.Type", "Teleported", "" },
        { "Input.Type", "", "Choose how" },
        { "Input.MedicalCheckDone", "maybe", "" },
    };

    [Theory]
    [ProviderMemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_next_to_its_field_and_saves_nothing(string field, string value, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var values = Values();
        values[field] = value;

        var response = await browser.SubmitFormAsync($"/Missing/Return/{id}", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await HtmlForms.ParseAsync(response)).FieldError(field);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(EpisodeStatus.Open, (await EpisodeAsync(app, id)).Status);
    }

    [Theory, Providers]
    public async Task A_script_in_the_medical_notes_is_stored_as_text_and_rendered_inert(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        const string script = "<script>alert('invented')</script>";

        var refused = await browser.SubmitFormAsync($"/Missing/Return/{id}", Values(at: "2026-06-15 16:00", notes: script));
        Assert.DoesNotContain(script, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(script, (await HtmlForms.ParseAsync(refused)).QuerySelector("textarea[name='Input.MedicalCheckNotes']")!.TextContent.Trim());

        (await browser.SubmitFormAsync($"/Missing/Return/{id}", Values(notes: script))).AssertRedirectTo($"/Missing/Episode/{id}");
        Assert.Equal(script, (await EpisodeAsync(app, id)).MedicalCheckNotes);
        Assert.DoesNotContain(script, await (await browser.GetAsync($"/Missing/Return/{id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_stale_form_shows_both_versions_keeps_the_typing_and_saves_on_the_next_submit(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var stale = await browser.GetDocumentAsync($"/Missing/Return/{id}");
        (await browser.SubmitFormAsync($"/Missing/Log/{id}", LogTests.Values())).AssertRedirectTo($"/Missing/Log/{id}");

        var response = await browser.SubmitFormAsync(stale, $"/Missing/Return/{id}", Values());

        var page = await StaleForms.AssertConflictShownAsync(response, "Where found (ZIP code)", "53202");
        Assert.Equal("53202", page.QuerySelector("input[name='Input.FoundZip']")!.GetAttribute("value"));
        var episode = await EpisodeAsync(app, id);
        Assert.Equal((EpisodeStatus.Open, (DateTime?)null, 0), (episode.Status, episode.ReturnedUtc, episode.Notifications.Count(n => n.Phase == NotificationPhase.Return)));

        // Submitting the page as it came back saves: it carries the version it now shows.
        (await browser.SubmitFormAsync(page, $"/Missing/Return/{id}", [])).AssertRedirectTo($"/Missing/Episode/{id}");
        episode = await EpisodeAsync(app, id);
        Assert.Equal((EpisodeStatus.Returned, "53202"), (episode.Status, episode.FoundZip));
    }

    [Theory, Providers]
    public async Task Another_caseload_gets_404_an_admin_403_and_an_auditor_posting_a_complete_form_403_with_nothing_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var owner = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(owner.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var (_, outsider) = await app.SignInNewAsync(Roles.Counselor);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var url = $"/Missing/Return/{id}";

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(url)).StatusCode);

        var values = Values();
        values["Input.Version"] = (await app.WithDbAsync(db => db.MissingEpisodes.Where(e => e.Id == id).Select(e => e.Version).SingleAsync())).ToString(CultureInfo.InvariantCulture);
        values["__RequestVerificationToken"] = await auditor.AntiforgeryTokenAsync($"/Missing/Episode/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync(url, new FormUrlEncodedContent(values))).StatusCode);
        values["__RequestVerificationToken"] = await outsider.AntiforgeryTokenAsync("/");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync(url, new FormUrlEncodedContent(values))).StatusCode);

        Assert.Equal(EpisodeStatus.Open, (await EpisodeAsync(app, id)).Status);
    }
}
