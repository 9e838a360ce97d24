using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Missing;

/// The bad-input catalogue (SECURITY.md §4) against the episode record forms: every value is refused next to its
/// field with a 200, or stored inert; never a 500, nothing saved on refusal.
public sealed class EpisodeRecordsBadInputTests
{
    public static TheoryData<string, string, string> ScreenBadInput() => new()
    {
        { "Input.ScreenedBy", new string('x', 1_000_000), "at most" },
        { "Input.ScreenedBy", "Invented\u202EScreener", "" },
        { "Input.ScreenedBy", "Invented\u200BScreener", "" },
        { "Input.ScreenedOn", "15/06/2026", "" },
        { "Input.ScreenedOn", "2026-06-15 10:00", "" },
        { "Input.ScreenedOn", "-1", "" },
        { "Input.Instrument", "999", "" },
        { "Input.Instrument", "-1", "" },
        { "Input.Instrument", "NotAnInstrument", "" },
        { "Input.Result", "999", "" },
        { "Input.Result", "-5", "" },
    };

    [Theory]
    [ProviderMemberData(nameof(ScreenBadInput))]
    public async Task Bad_screen_input_is_refused_next_to_its_field_and_saves_nothing(string field, string value, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);
        var values = ScreenTests.Values();
        values[field] = value;

        var response = await browser.SubmitFormAsync($"/Missing/Screen/{id}", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await HtmlForms.ParseAsync(response)).FieldError(field);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.MissingEpisodes.AnyAsync(e => e.Screen != null)));
    }

    [Theory, Providers]
    public async Task A_script_in_the_screener_name_is_stored_as_text_and_rendered_inert(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId, returned: true);
        const string script = "<script>alert('invented')</script>";

        // A refused date re-renders the typed name: it must come back as an attribute value, not markup.
        var refused = await browser.SubmitFormAsync($"/Missing/Screen/{id}", ScreenTests.Values(on: "2026-06-16", by: script));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.DoesNotContain(script, html, StringComparison.Ordinal);
        Assert.Equal(script, (await HtmlForms.ParseAsync(refused)).QuerySelector("input[name='Input.ScreenedBy']")!.GetAttribute("value"));

        (await browser.SubmitFormAsync($"/Missing/Screen/{id}", ScreenTests.Values(by: script))).AssertRedirectTo($"/Missing/Episode/{id}");
        Assert.Equal(script, await app.WithDbAsync(db => db.MissingEpisodes.Where(e => e.Id == id).Select(e => e.Screen!.ScreenedBy).SingleAsync()));
        var episodePage = await browser.GetAsync($"/Missing/Episode/{id}");
        Assert.DoesNotContain(script, await episodePage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
