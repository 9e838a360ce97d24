using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Jobs;

namespace SafeHome.IntegrationTests.Pages.Missing;

/// Recording a notification through the real form: the references are stored, the overdue state goes, times before
/// the episode or in the future are refused; or the notification is marked not applicable with a reason.
public sealed class NotifyTests
{
    // The fake clock stands at 2026-06-15 15:00 UTC (zone UTC). The seeded episode was last seen at 09:00 and
    // discovered at 10:00, so the police report was due at 12:00 and the director's notice at 11:00: both overdue.
    internal static Dictionary<string, string> PoliceValues(string at = "2026-06-15 11:30") => new()
    {
        ["Input.NotifiedAtUtc"] = at,
        ["Input.Method"] = nameof(NotificationMethod.Phone),
        ["Input.NotifiedBy"] = "Invented Night Staff",
        ["Input.Agency"] = "Invented Police District",
        ["Input.CaseNumber"] = "INV-2026-0001",
        ["Input.OfficerName"] = "Invented Officer",
        ["Input.BadgeNumber"] = "B-0000",
        ["Input.NcicNumber"] = "M000000001",
    };

    internal static Task<MissingNotification> NotificationAsync(SafeHomeApp app, Guid episodeId, NotificationRecipient recipient, NotificationPhase phase = NotificationPhase.Onset) =>
        app.WithDbAsync(db => db.MissingNotifications.AsNoTracking().SingleAsync(n => n.EpisodeId == episodeId && n.Recipient == recipient && n.Phase == phase));

    internal static Task<bool> AnySettledAsync(SafeHomeApp app) =>
        app.WithDbAsync(db => db.MissingNotifications.AnyAsync(n => n.NotifiedAtUtc != null || n.NotApplicableReason != null));

    internal static string Url(Guid episodeId, Guid notificationId) => $"/Missing/Notify/{episodeId}?notificationId={notificationId}";

    [Theory, Providers]
    public async Task A_police_report_is_stored_with_its_references_and_is_no_longer_overdue_or_alerted(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var police = await NotificationAsync(app, id, NotificationRecipient.LawEnforcement);
        Assert.Equal(2, await RunAlertsJobAsync(app));
        var before = await browser.GetDocumentAsync($"/Missing/Episode/{id}");
        Assert.NotNull(before.QuerySelector("tr[data-recipient='LawEnforcement'] .overdue"));

        var response = await browser.SubmitFormAsync(Url(id, police.Id), PoliceValues());

        response.AssertRedirectTo($"/Missing/Episode/{id}");
        var stored = await NotificationAsync(app, id, NotificationRecipient.LawEnforcement);
        Assert.Equal(
            (new DateTime(2026, 6, 15, 11, 30, 0, DateTimeKind.Utc), "Invented Night Staff", NotificationMethod.Phone, "Invented Police District", "INV-2026-0001", "Invented Officer", "B-0000", "M000000001", (string?)null),
            (stored.NotifiedAtUtc, stored.NotifiedBy, stored.Method, stored.Agency, stored.CaseNumber, stored.OfficerName, stored.BadgeNumber, stored.NcicNumber, stored.NcmecCaseNumber));
        Assert.True(stored.WasOnTime);

        var after = await browser.GetDocumentAsync($"/Missing/Episode/{id}");
        var row = after.QuerySelector("tr[data-recipient='LawEnforcement']")!;
        Assert.Null(row.QuerySelector(".overdue"));
        Assert.Contains("INV-2026-0001", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector("tr[data-recipient='ProgramDirector'] .overdue"));

        await RunAlertsJobAsync(app);
        var alerts = await app.WithDbAsync(db => db.MissingAlerts.AsNoTracking().ToListAsync());
        Assert.NotNull(Assert.Single(alerts, a => a.SubjectId == police.Id).ResolvedAtUtc);
        Assert.Null(Assert.Single(alerts, a => a.Kind == MissingAlertKind.NotificationOverdue && a.SubjectId != police.Id).ResolvedAtUtc);
    }

    [Theory, Providers]
    public async Task Only_the_references_that_belong_to_the_recipient_are_kept(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var guardian = await NotificationAsync(app, id, NotificationRecipient.ParentGuardian);
        var ncmec = await NotificationAsync(app, id, NotificationRecipient.Ncmec);

        var form = await browser.GetDocumentAsync(Url(id, guardian.Id));
        Assert.Null(form.QuerySelector("input[name='Input.OfficerName']"));
        Assert.NotNull(form.QuerySelector("input[name='Input.ContactName']"));
        var values = PoliceValues(at: "2026-06-15 12:00");
        values["Input.Method"] = nameof(NotificationMethod.InPerson);
        values["Input.ContactName"] = "Invented Guardian";
        (await browser.SubmitFormAsync(form, Url(id, guardian.Id), values)).AssertRedirectTo($"/Missing/Episode/{id}");

        var ncmecValues = new Dictionary<string, string>
        {
            ["Input.NotifiedAtUtc"] = "2026-06-15 12:15",
            ["Input.Method"] = nameof(NotificationMethod.OnlinePortal),
            ["Input.NcmecCaseNumber"] = "NCMEC-INV-1",
            ["Input.CaseNumber"] = "forged",
        };
        (await browser.SubmitFormAsync(Url(id, ncmec.Id), ncmecValues)).AssertRedirectTo($"/Missing/Episode/{id}");

        var storedGuardian = await NotificationAsync(app, id, NotificationRecipient.ParentGuardian);
        Assert.Equal(
            (NotificationMethod.InPerson, "Invented Guardian", "Invented Police District", "INV-2026-0001", (string?)null, (string?)null, (string?)null),
            (storedGuardian.Method!.Value, storedGuardian.ContactName, storedGuardian.Agency, storedGuardian.CaseNumber, storedGuardian.OfficerName, storedGuardian.BadgeNumber, storedGuardian.NcicNumber));
        var storedNcmec = await NotificationAsync(app, id, NotificationRecipient.Ncmec);
        Assert.Equal(("NCMEC-INV-1", (string?)null, (string?)null), (storedNcmec.NcmecCaseNumber, storedNcmec.CaseNumber, storedNcmec.Agency));
    }

    [Theory, Providers]
    public async Task Without_a_known_notification_the_page_lists_the_episodes_notifications_and_a_post_saves_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var ids = await app.WithDbAsync(db => db.MissingNotifications.Where(n => n.EpisodeId == id).Select(n => n.Id).ToListAsync());

        foreach (var url in new[] { $"/Missing/Notify/{id}", $"/Missing/Notify/{id}?notificationId={Guid.NewGuid()}" })
        {
            var page = await browser.GetDocumentAsync(url);
            var rows = page.QuerySelectorAll("#notifications tbody tr");
            Assert.Equal(7, rows.Length);
            Assert.Contains(rows, r => r.TextContent.Contains("Law enforcement", StringComparison.Ordinal) && r.TextContent.Contains("2026-06-15 12:00", StringComparison.Ordinal));
            Assert.All(ids, n => Assert.NotNull(page.QuerySelector($"a[href='/Missing/Notify/{id}?notificationId={n}']")));
        }

        var values = PoliceValues();
        values["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync($"/Missing/Notify/{id}");
        var response = await browser.PostAsync($"/Missing/Notify/{id}?notificationId={Guid.NewGuid()}", new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose the notification", (await HtmlForms.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.False(await AnySettledAsync(app));
    }

    [Theory]
    [ProviderInlineData("2026-06-15 08:59", "before the episode began")]
    [ProviderInlineData("2026-06-15 15:01", "future")]
    public async Task A_time_before_the_episode_began_or_in_the_future_is_refused_next_to_the_field_and_kept(string at, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var police = await NotificationAsync(app, id, NotificationRecipient.LawEnforcement);

        var response = await browser.SubmitFormAsync(Url(id, police.Id), PoliceValues(at: at));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains(expected, page.FieldError("Input.NotifiedAtUtc") ?? "", StringComparison.Ordinal);
        Assert.Equal(at, page.QuerySelector("input[name='Input.NotifiedAtUtc']")!.GetAttribute("value"));
        Assert.Equal("INV-2026-0001", page.QuerySelector("input[name='Input.CaseNumber']")!.GetAttribute("value"));
        Assert.False(await AnySettledAsync(app));
    }

    [Theory, Providers]
    public async Task A_return_notification_dated_before_the_return_is_refused(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);
        var clearNcic = await NotificationAsync(app, id, NotificationRecipient.LawEnforcement, NotificationPhase.Return);

        var response = await browser.SubmitFormAsync(Url(id, clearNcic.Id), PoliceValues(at: "2026-06-15 12:59"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("before the youth returned", (await HtmlForms.ParseAsync(response)).FieldError("Input.NotifiedAtUtc") ?? "", StringComparison.Ordinal);
        Assert.False(await AnySettledAsync(app));
    }

    [Theory, Providers]
    public async Task A_notification_marked_not_applicable_keeps_the_reason_and_stops_its_clock(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var gal = await NotificationAsync(app, id, NotificationRecipient.GalAttorney);

        var refused = await browser.SubmitFormAsync(Url(id, gal.Id), new() { ["NotApplicable.NotApplicableReason"] = "   " }, handler: "NotApplicable");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Say why", (await HtmlForms.ParseAsync(refused)).FieldError("NotApplicable.NotApplicableReason") ?? "", StringComparison.Ordinal);
        Assert.False(await AnySettledAsync(app));

        var response = await browser.SubmitFormAsync(Url(id, gal.Id), new() { ["NotApplicable.NotApplicableReason"] = "Invented reason: no GAL is appointed." }, handler: "NotApplicable");

        response.AssertRedirectTo($"/Missing/Episode/{id}");
        var stored = await NotificationAsync(app, id, NotificationRecipient.GalAttorney);
        Assert.Equal(("Invented reason: no GAL is appointed.", (DateTime?)null), (stored.NotApplicableReason, stored.NotifiedAtUtc));
        Assert.True(stored.IsSettled);
        var row = (await browser.GetDocumentAsync($"/Missing/Episode/{id}")).QuerySelector("tr[data-recipient='GalAttorney']")!;
        Assert.Null(row.QuerySelector(".countdown"));
        Assert.Contains("no GAL is appointed", row.QuerySelector(".not-applicable")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_notification_already_made_cannot_be_marked_not_applicable(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var police = await NotificationAsync(app, id, NotificationRecipient.LawEnforcement);
        (await browser.SubmitFormAsync(Url(id, police.Id), PoliceValues())).AssertRedirectTo($"/Missing/Episode/{id}");
        var version = await app.WithDbAsync(db => db.MissingEpisodes.Where(e => e.Id == id).Select(e => e.Version).SingleAsync());

        var values = new Dictionary<string, string>
        {
            ["NotApplicable.Version"] = version.ToString(CultureInfo.InvariantCulture),
            ["NotApplicable.NotApplicableReason"] = "Invented reason.",
            ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync(Url(id, police.Id)),
        };
        var response = await browser.PostAsync($"/Missing/Notify/{id}?notificationId={police.Id}&handler=NotApplicable", new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("already recorded", (await HtmlForms.ParseAsync(response)).FieldError("NotApplicable.NotApplicableReason") ?? "", StringComparison.Ordinal);
        Assert.Null((await NotificationAsync(app, id, NotificationRecipient.LawEnforcement)).NotApplicableReason);
    }

    [Theory, Providers]
    public async Task A_stale_form_shows_both_versions_saves_nothing_and_saves_on_the_next_submit(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var police = await NotificationAsync(app, id, NotificationRecipient.LawEnforcement);
        var director = await NotificationAsync(app, id, NotificationRecipient.ProgramDirector);
        var staleRecord = await browser.GetDocumentAsync(Url(id, police.Id));
        var staleWaiver = await browser.GetDocumentAsync(Url(id, police.Id));

        var directorValues = PoliceValues(at: "2026-06-15 10:30");
        (await browser.SubmitFormAsync(Url(id, director.Id), directorValues)).AssertRedirectTo($"/Missing/Episode/{id}");

        var response = await browser.SubmitFormAsync(staleRecord, Url(id, police.Id), PoliceValues());
        var page = await StaleForms.AssertConflictShownAsync(response, "Case number", "INV-2026-0001");
        var waiver = await browser.SubmitFormAsync(staleWaiver, Url(id, police.Id), new() { ["NotApplicable.NotApplicableReason"] = "Invented reason." }, handler: "NotApplicable");
        await StaleForms.AssertConflictShownAsync(waiver, "Why it is not needed", "Invented reason.");
        Assert.False((await NotificationAsync(app, id, NotificationRecipient.LawEnforcement)).IsSettled);

        // The record form as it came back (typing kept, version refreshed) saves on the next submit.
        (await browser.SubmitFormAsync(page, Url(id, police.Id), [])).AssertRedirectTo($"/Missing/Episode/{id}");
        var stored = await NotificationAsync(app, id, NotificationRecipient.LawEnforcement);
        Assert.Equal(("INV-2026-0001", "Invented Officer"), (stored.CaseNumber, stored.OfficerName));
    }

    [Theory, Providers]
    public async Task Another_caseload_gets_404_an_admin_403_and_an_auditor_posting_complete_forms_403_with_nothing_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var owner = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(owner.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var police = await NotificationAsync(app, id, NotificationRecipient.LawEnforcement);
        var (_, outsider) = await app.SignInNewAsync(Roles.Counselor);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var url = Url(id, police.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Missing/Notify/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(url)).StatusCode);

        var version = (await app.WithDbAsync(db => db.MissingEpisodes.Where(e => e.Id == id).Select(e => e.Version).SingleAsync())).ToString(CultureInfo.InvariantCulture);
        var values = PoliceValues();
        values["Input.Version"] = version;
        values["NotApplicable.Version"] = version;
        values["NotApplicable.NotApplicableReason"] = "Invented reason.";
        values["__RequestVerificationToken"] = await auditor.AntiforgeryTokenAsync($"/Missing/Episode/{id}");
        var outsiderValues = new Dictionary<string, string>(values) { ["__RequestVerificationToken"] = await outsider.AntiforgeryTokenAsync("/") };

        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync(url, new FormUrlEncodedContent(values))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync(url + "&handler=NotApplicable", new FormUrlEncodedContent(values))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync(url, new FormUrlEncodedContent(outsiderValues))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync(url + "&handler=NotApplicable", new FormUrlEncodedContent(outsiderValues))).StatusCode);
        Assert.False(await AnySettledAsync(app));
    }

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "Input.Agency", new string('x', 201), "at most" },
        { "Input.CaseNumber", new string('9', 2_000), "at most" },
        { "Input.NotifiedBy", new string('x', 1_000_000), "at most" },
        { "Input.OfficerName", "Invented\r\nOfficer", "control character" },
        { "Input.NcicNumber", "M000\u202E0001", "" },
        { "Input.CaseNumber", "INV\u200B0001", "" },
        { "Input.NotifiedAtUtc", "15/06/2026 11:30", "real date" },
        { "Input.NotifiedAtUtc", "2026-13-01 10:00", "real date" },
        { "Input.NotifiedAtUtc", "2026-02-29 10:00", "real date" },
        { "Input.NotifiedAtUtc", "0001-01-01 00:00", "before the episode began" },
        { "Input.NotifiedAtUtc", "9999-12-31 23:59", "future" },
        { "Input.NotifiedAtUtc", "", "Enter when" },
        { "Input.Method", "999", "" },
        { "Input.Method", "-1", "" },
        { "Input.Method", "CarrierPigeon", "" },
        { "Input.Method", "", "Choose how" },
    };

    [Theory]
    [ProviderMemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_next_to_its_field_and_saves_nothing(string field, string value, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var police = await NotificationAsync(app, id, NotificationRecipient.LawEnforcement);
        var values = PoliceValues();
        values[field] = value;

        var response = await browser.SubmitFormAsync(Url(id, police.Id), values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await HtmlForms.ParseAsync(response)).FieldError(field);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(await AnySettledAsync(app));
    }

    public static TheoryData<string, string> BadReason() => new()
    {
        { new string('x', MissingNotification.ReasonMaxLength + 1), "at most" },
        { "Invented\u202Ereason", "control character" },
        { "", "Say why" },
    };

    [Theory]
    [ProviderMemberData(nameof(BadReason))]
    public async Task A_bad_not_applicable_reason_is_refused_next_to_the_field_and_saves_nothing(string reason, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var gal = await NotificationAsync(app, id, NotificationRecipient.GalAttorney);

        var response = await browser.SubmitFormAsync(Url(id, gal.Id), new() { ["NotApplicable.NotApplicableReason"] = reason }, handler: "NotApplicable");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, (await HtmlForms.ParseAsync(response)).FieldError("NotApplicable.NotApplicableReason") ?? "<none>", StringComparison.Ordinal);
        Assert.False(await AnySettledAsync(app));
    }

    [Theory, Providers]
    public async Task A_script_in_a_reference_is_stored_as_text_and_rendered_inert(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var police = await NotificationAsync(app, id, NotificationRecipient.LawEnforcement);
        const string script = "<script>alert('invented')</script>";
        var values = PoliceValues(at: "2026-06-15 16:00");
        values["Input.OfficerName"] = script;

        var refused = await browser.SubmitFormAsync(Url(id, police.Id), values);
        Assert.DoesNotContain(script, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(script, (await HtmlForms.ParseAsync(refused)).QuerySelector("input[name='Input.OfficerName']")!.GetAttribute("value"));

        values["Input.NotifiedAtUtc"] = "2026-06-15 11:30";
        (await browser.SubmitFormAsync(Url(id, police.Id), values)).AssertRedirectTo($"/Missing/Episode/{id}");
        Assert.Equal(script, (await NotificationAsync(app, id, NotificationRecipient.LawEnforcement)).OfficerName);
        Assert.DoesNotContain(script, await (await browser.GetAsync($"/Missing/Episode/{id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(script, await (await browser.GetAsync(Url(id, police.Id))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static async Task<int> RunAlertsJobAsync(SafeHomeApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MissingAlertsJob>().RunAsync(TestContext.Current.CancellationToken);
    }
}
