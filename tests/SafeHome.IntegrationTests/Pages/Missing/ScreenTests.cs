using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Missing;

/// The post-return trafficking screen through the real form: metadata and result only, dated between the return day
/// and today, refused before the return.
public sealed class ScreenTests
{
    // The fake clock stands at 2026-06-15 15:00 UTC (zone UTC); a seeded returned episode came back at 13:00 that day.
    internal static Dictionary<string, string> Values(string on = "2026-06-15", string instrument = nameof(ScreenInstrument.CseIt), string result = nameof(ScreenResult.PossibleConcern), string by = "Invented Screener") => new()
    {
        ["Input.ScreenedOn"] = on,
        ["Input.Instrument"] = instrument,
        ["Input.Result"] = result,
        ["Input.ScreenedBy"] = by,
    };

    [Theory, Providers]
    public async Task A_valid_screen_is_stored_with_its_metadata_and_the_page_says_item_text_is_never_stored(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);

        var form = await browser.GetDocumentAsync($"/Missing/Screen/{id}");
        Assert.Contains("never stored", form.QuerySelector("#no-item-text")!.TextContent, StringComparison.Ordinal);
        var response = await browser.SubmitFormAsync(form, $"/Missing/Screen/{id}", Values());

        response.AssertRedirectTo($"/Missing/Episode/{id}");
        var screen = await app.WithDbAsync(db => db.MissingEpisodes.Include(e => e.Screen).Where(e => e.Id == id).Select(e => e.Screen).SingleAsync());
        Assert.NotNull(screen);
        Assert.Equal(
            (new DateOnly(2026, 6, 15), ScreenInstrument.CseIt, ScreenResult.PossibleConcern, "Invented Screener", counselor.Id),
            (screen.ScreenedOn, screen.Instrument, screen.Result, screen.ScreenedBy, screen.RecordedById));
    }

    [Theory]
    [ProviderInlineData("2026-06-14", "before the return")]
    [ProviderInlineData("2026-06-16", "future")]
    public async Task A_screen_dated_before_the_return_day_or_in_the_future_is_refused_next_to_the_date(string on, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);

        var response = await browser.SubmitFormAsync($"/Missing/Screen/{id}", Values(on: on));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains(expected, page.FieldError("Input.ScreenedOn") ?? "", StringComparison.Ordinal);
        Assert.Equal(on, page.QuerySelector("input[name='Input.ScreenedOn']")!.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(db => db.MissingEpisodes.AnyAsync(e => e.Screen != null)));
    }

    [Theory, Providers]
    public async Task A_screen_from_a_stale_page_shows_the_saved_one_beside_the_typed_one_and_a_resubmit_is_told_there_is_one(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);
        var counselorPage = await browser.GetDocumentAsync($"/Missing/Screen/{id}");
        var directorPage = await director.GetDocumentAsync($"/Missing/Screen/{id}");
        (await browser.SubmitFormAsync(counselorPage, $"/Missing/Screen/{id}", Values())).AssertRedirectTo($"/Missing/Episode/{id}");

        var stale = await director.SubmitFormAsync(directorPage, $"/Missing/Screen/{id}", Values(by: "Invented Second Screener"));

        var page = await StaleForms.AssertConflictShownAsync(stale, "Invented Screener", "Invented Second Screener");
        Assert.Equal("Invented Screener", await app.WithDbAsync(db => db.MissingEpisodes.Where(e => e.Id == id).Select(e => e.Screen!.ScreenedBy).SingleAsync()));
        // Submitting again does not conflict again: the rule that an episode has one screen answers instead.
        var again = await director.SubmitFormAsync(page, $"/Missing/Screen/{id}", []);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var refused = await HtmlForms.ParseAsync(again);
        Assert.Null(refused.QuerySelector("#conflict"));
        Assert.False(string.IsNullOrWhiteSpace(refused.QuerySelector(".validation-summary-errors")?.TextContent));
    }

    [Theory, Providers]
    public async Task A_screen_before_the_return_or_a_second_one_is_refused_and_saves_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var open = await app.CreateEpisodeAsync(residentId);

        var refused = await browser.SubmitFormAsync($"/Missing/Screen/{open}", Values());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Record the return before", (await HtmlForms.ParseAsync(refused)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.MissingEpisodes.AnyAsync(e => e.Screen != null)));
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
        var url = $"/Missing/Screen/{id}";

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(url)).StatusCode);

        var values = Values();
        values["Input.Version"] = (await app.WithDbAsync(db => db.MissingEpisodes.Where(e => e.Id == id).Select(e => e.Version).SingleAsync())).ToString(CultureInfo.InvariantCulture);
        values["__RequestVerificationToken"] = await auditor.AntiforgeryTokenAsync($"/Missing/Episode/{id}");
        var response = await auditor.PostAsync(url, new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.MissingEpisodes.AnyAsync(e => e.Screen != null)));
    }
}
