using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Missing;

/// The return debrief through the real form: completed or declined with the youth's reason, once, after the return;
/// a completed one raises one triggered plan review and one placement-safety decision request.
public sealed class DebriefTests
{
    // The fake clock stands at 2026-06-15 15:00 UTC (zone UTC); a seeded returned episode came back at 13:00.
    internal static List<KeyValuePair<string, string>> Values(
        string heldAt = "2026-06-15 14:30",
        string outcome = nameof(DebriefOutcome.Completed),
        string declinedReason = "",
        string harmReported = "true",
        string harmDetails = "Invented: needs a clinic visit for a sprained wrist.",
        string experiences = "Invented: stayed with an older acquaintance.") =>
    [
        new("Input.HeldAtUtc", heldAt),
        new("Input.Outcome", outcome),
        new("Input.DeclinedReason", declinedReason),
        new("Input.ConductedBy", "Invented Clinician"),
        new("Input.PushFactors", nameof(PushFactors.ConflictInPlacement)),
        new("Input.PushFactors", nameof(PushFactors.FeelingUnsafe)),
        new("Input.PullFactors", nameof(PullFactors.Peers)),
        new("Input.PullFactors", nameof(PullFactors.ExploiterContact)),
        new("Input.Experiences", experiences),
        new("Input.HarmReported", harmReported),
        new("Input.HarmDetails", harmDetails),
        new("Input.Referrals", "Invented: referred to the clinic nurse."),
    ];

    [Theory, Providers]
    public async Task A_completed_debrief_is_stored_and_raises_one_plan_review_and_one_placement_decision(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);

        var form = await browser.GetDocumentAsync($"/Missing/Debrief/{id}");
        Assert.Equal("2026-06-15 15:00", form.QuerySelector("input[name='Input.HeldAtUtc']")!.GetAttribute("value"));
        (await PostAsync(browser, id, Values())).AssertRedirectTo($"/Missing/Episode/{id}");

        var debrief = await DebriefAsync(app, id);
        Assert.NotNull(debrief);
        Assert.Equal(
            (new DateTime(2026, 6, 15, 14, 30, 0, DateTimeKind.Utc), DebriefOutcome.Completed, (string?)null, "Invented Clinician", false, counselor.Id),
            (debrief.HeldAtUtc, debrief.Outcome, debrief.DeclinedReason, debrief.ConductedBy, debrief.ConductedByDirectCarer, debrief.RecordedById));
        Assert.Equal(
            (PushFactors.ConflictInPlacement | PushFactors.FeelingUnsafe, PullFactors.Peers | PullFactors.ExploiterContact),
            (debrief.PushFactors, debrief.PullFactors));
        Assert.Equal(
            ("Invented: stayed with an older acquaintance.", (bool?)true, "Invented: needs a clinic visit for a sprained wrist.", "Invented: referred to the clinic nurse."),
            (debrief.Experiences, debrief.HarmReported, debrief.HarmDetails, debrief.Referrals));

        var followUps = await FollowUpsAsync(app, residentId);
        Assert.Equal(2, followUps.Count);
        Assert.Single(followUps, f => f.Kind == FollowUpKind.TriggeredReview && f.IsOpen);
        Assert.Single(followUps, f => f.Kind == FollowUpKind.PlacementDecision && f.IsOpen);
        Assert.All(followUps, f => Assert.Equal((id, ReviewTrigger.MissingEpisode, new DateTime(2026, 6, 15, 15, 0, 0, DateTimeKind.Utc)), (f.SourceId, f.Trigger, f.RaisedAtUtc)));

        // A second debrief is refused and raises nothing more.
        var second = await PostAsync(browser, id, Values(heldAt: "2026-06-15 14:45"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("already recorded", (await HtmlForms.ParseAsync(second)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2026, 6, 15, 14, 30, 0, DateTimeKind.Utc), (await DebriefAsync(app, id))!.HeldAtUtc);
        Assert.Equal(2, (await FollowUpsAsync(app, residentId)).Count);
    }

    [Theory, Providers]
    public async Task A_declined_debrief_keeps_the_youths_reason_drops_interview_answers_and_raises_no_follow_up(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);

        var response = await PostAsync(browser, id, Values(outcome: nameof(DebriefOutcome.Declined), declinedReason: "Invented: \"not today, I'm tired\""));

        response.AssertRedirectTo($"/Missing/Episode/{id}");
        var debrief = await DebriefAsync(app, id);
        Assert.NotNull(debrief);
        Assert.Equal(
            (DebriefOutcome.Declined, "Invented: \"not today, I'm tired\"", PushFactors.None, PullFactors.None, (string?)null, (bool?)null, (string?)null),
            (debrief.Outcome, debrief.DeclinedReason, debrief.PushFactors, debrief.PullFactors, debrief.Experiences, debrief.HarmReported, debrief.HarmDetails));
        Assert.Empty(await FollowUpsAsync(app, residentId));
    }

    [Theory]
    [ProviderInlineData("Input.DeclinedReason", nameof(DebriefOutcome.Declined), "2026-06-15 14:30", "", "true", "Record the youth's reason")]
    [ProviderInlineData("Input.HarmDetails", nameof(DebriefOutcome.Completed), "2026-06-15 14:30", "", "true", "Harm was reported")]
    [ProviderInlineData("Input.HeldAtUtc", nameof(DebriefOutcome.Completed), "2026-06-15 12:59", "", "false", "before the youth returned")]
    [ProviderInlineData("Input.HeldAtUtc", nameof(DebriefOutcome.Completed), "2026-06-15 15:01", "", "false", "future")]
    [ProviderInlineData("Input.HeldAtUtc", nameof(DebriefOutcome.Completed), "", "", "false", "Enter when the debrief")]
    [ProviderInlineData("Input.Outcome", "", "2026-06-15 14:30", "", "false", "Choose whether")]
    public async Task A_debrief_breaking_a_rule_is_refused_next_to_the_field_kept_and_nothing_is_saved(string field, string outcome, string heldAt, string harmDetails, string harmReported, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);

        var response = await PostAsync(browser, id, Values(heldAt: heldAt, outcome: outcome, harmReported: harmReported, harmDetails: harmDetails));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains(expected, page.FieldError(field) ?? "", StringComparison.Ordinal);
        Assert.Equal(heldAt, page.QuerySelector("input[name='Input.HeldAtUtc']")!.GetAttribute("value"));
        Assert.Equal("Invented: stayed with an older acquaintance.", page.QuerySelector("textarea[name='Input.Experiences']")!.TextContent.Trim());
        Assert.True(page.QuerySelector("input[name='Input.PushFactors'][value='FeelingUnsafe']")!.HasAttribute("checked"));
        await AssertNothingSavedAsync(app, id, residentId);
    }

    [Theory, Providers]
    public async Task A_debrief_before_the_return_is_refused(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);

        var response = await PostAsync(browser, id, Values());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Record the return before the debrief", (await HtmlForms.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        await AssertNothingSavedAsync(app, id, residentId);
    }

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "Input.ConductedBy", new string('x', 1_000_000), "at most" },
        { "Input.ConductedBy", new string('x', MissingEpisode.MaxLength.Line + 1), "at most" },
        { "Input.ConductedBy", "Invented\nClinician", "control character" },
        { "Input.ConductedBy", "Invented\u202EClinician", "control character" },
        { "Input.Experiences", new string('x', ReturnDebrief.TextMaxLength + 1), "at most" },
        { "Input.Experiences", "Invented\u0007text", "control character" },
        { "Input.Referrals", "Invented\u200Breferral", "control character" },
        { "Input.HarmDetails", "Invented\u2067detail", "control character" },
        { "Input.DeclinedReason", new string('x', ReturnDebrief.TextMaxLength + 1), "at most" },
        { "Input.HeldAtUtc", "15/06/2026 14:30", "real date and time" },
        { "Input.HeldAtUtc", "2026-06-31 10:00", "real date and time" },
        { "Input.HeldAtUtc", "9999-12-31 23:59", "future" },
        { "Input.HeldAtUtc", "0001-01-01 00:00", "before the youth returned" },
        { "Input.Outcome", "999", "" },
        { "Input.Outcome", "-1", "" },
        { "Input.Outcome", "Maybe", "" },
        { "Input.PushFactors", "999", "" },
        { "Input.PushFactors", "0", "listed push factors" },
        { "Input.PullFactors", "-1", "" },
        { "Input.PullFactors", "NotAFactor", "" },
        { "Input.HarmReported", "maybe", "" },
        { "Input.ConductedByDirectCarer", "2", "" },
    };

    [Theory]
    [ProviderMemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_next_to_its_field_and_saves_nothing(string field, string value, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);
        var values = Values().Where(v => v.Key != field).Append(new(field, value)).ToList();

        var response = await PostAsync(browser, id, values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await HtmlForms.ParseAsync(response)).FieldError(field);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        await AssertNothingSavedAsync(app, id, residentId);
    }

    [Theory, Providers]
    public async Task A_NUL_character_is_named_next_to_its_field_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);

        var response = await PostAsync(browser, id, Values(experiences: "Invented\0text"));

        // Issue 15: the form comes back with a message next to the field that says what was wrong, and nothing is saved.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("contained a NUL character", System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await AssertNothingSavedAsync(app, id, residentId);
    }

    [Theory, Providers]
    public async Task A_script_in_the_experiences_is_stored_as_text_and_rendered_encoded(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);
        const string script = "<script>alert('invented')</script>";

        var refused = await PostAsync(browser, id, Values(heldAt: "2026-06-15 16:00", experiences: script));
        Assert.DoesNotContain(script, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(script, (await HtmlForms.ParseAsync(refused)).QuerySelector("textarea[name='Input.Experiences']")!.TextContent.Trim());

        (await PostAsync(browser, id, Values(experiences: script))).AssertRedirectTo($"/Missing/Episode/{id}");
        Assert.Equal(script, (await DebriefAsync(app, id))!.Experiences);
        Assert.DoesNotContain(script, await (await browser.GetAsync($"/Missing/Episode/{id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_debrief_from_a_stale_page_shows_both_versions_raises_nothing_and_saves_on_the_next_submit(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);
        var staleForm = await browser.GetDocumentAsync($"/Missing/Debrief/{id}");

        // Someone records the screen meanwhile, which moves the episode's version on.
        (await browser.SubmitFormAsync($"/Missing/Screen/{id}", ScreenTests.Values())).AssertRedirectTo($"/Missing/Episode/{id}");
        var response = await PostAsync(browser, id, Values(), staleForm);

        var page = await StaleForms.AssertConflictShownAsync(response, "Experiences while absent", "Invented: stayed with an older acquaintance.");
        Assert.Null(await DebriefAsync(app, id));
        Assert.Empty(await FollowUpsAsync(app, residentId));

        (await PostAsync(browser, id, Values(), page)).AssertRedirectTo($"/Missing/Episode/{id}");
        Assert.Equal(DebriefOutcome.Completed, (await DebriefAsync(app, id))!.Outcome);
        Assert.Equal(2, (await FollowUpsAsync(app, residentId)).Count);
    }

    [Theory, Providers]
    public async Task Another_caseload_gets_404_an_admin_403_and_an_auditor_posting_a_complete_form_403_with_nothing_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var owner = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(owner.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);
        var (_, outsider) = await app.SignInNewAsync(Roles.Counselor);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var url = $"/Missing/Debrief/{id}";

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(url)).StatusCode);

        var version = await app.WithDbAsync(db => db.MissingEpisodes.Where(e => e.Id == id).Select(e => e.Version).SingleAsync());
        var values = Values().Append(new("Input.Version", version.ToString(CultureInfo.InvariantCulture))).ToList();
        var outsiderPost = values.Append(new("__RequestVerificationToken", await outsider.AntiforgeryTokenAsync("/"))).ToList();
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync(url, new FormUrlEncodedContent(outsiderPost))).StatusCode);
        var auditorPost = values.Append(new("__RequestVerificationToken", await auditor.AntiforgeryTokenAsync($"/Missing/Episode/{id}"))).ToList();
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync(url, new FormUrlEncodedContent(auditorPost))).StatusCode);

        await AssertNothingSavedAsync(app, id, residentId);
        Assert.Equal(version, await app.WithDbAsync(db => db.MissingEpisodes.Where(e => e.Id == id).Select(e => e.Version).SingleAsync()));
    }

    /// Posts the debrief form as a browser would, with repeated keys for the ticked factors: every field the form
    /// holds (token and version included) except those the test gives.
    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, Guid id, List<KeyValuePair<string, string>> values, AngleSharp.Html.Dom.IHtmlDocument? document = null)
    {
        var url = $"/Missing/Debrief/{id}";
        document ??= await browser.GetDocumentAsync(url);
        var form = document.QuerySelectorAll("form[method=post]").OfType<AngleSharp.Html.Dom.IHtmlFormElement>().First(f => !f.Action.Contains("/Account/Logout", StringComparison.Ordinal));
        var given = values.Select(v => v.Key).ToHashSet();
        var fields = HtmlForms.FieldsOf(form).Where(f => !given.Contains(f.Key)).Concat(values);
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static Task<ReturnDebrief?> DebriefAsync(SafeHomeApp app, Guid id) =>
        app.WithDbAsync(db => db.MissingEpisodes.AsNoTracking().Where(e => e.Id == id).Select(e => e.Debrief).SingleAsync());

    private static Task<List<CareFollowUp>> FollowUpsAsync(SafeHomeApp app, Guid residentId) =>
        app.WithDbAsync(db => db.CareFollowUps.AsNoTracking().Where(f => f.ResidentId == residentId).ToListAsync());

    private static async Task AssertNothingSavedAsync(SafeHomeApp app, Guid id, Guid residentId)
    {
        Assert.Null(await DebriefAsync(app, id));
        Assert.Empty(await FollowUpsAsync(app, residentId));
    }
}
