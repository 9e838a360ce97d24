using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Missing;

/// The bad-input catalogue (SECURITY.md §4) against the two forms used while a youth is missing: reporting missing and
/// the location log. Each value is refused next to its field with a 200; nothing is saved; never a 500.
public sealed class OpenAndLogBadInputTests
{
    private static Dictionary<string, string> OpenValues() => new()
    {
        ["Input.LastSeenUtc"] = "2026-06-15 10:00",
        ["Input.DiscoveredMissingUtc"] = "2026-06-15 11:00",
        ["Input.DeterminedMissingUtc"] = "2026-06-15 12:00",
        ["Input.DiscoveredBy"] = "Invented Night Staff",
    };

    public static TheoryData<string, string, string> OpenBadInput() => new()
    {
        { "Input.DiscoveredBy", new string('x', 1_000_000), "at most" },
        { "Input.DiscoveredBy", "Invented\nNight Staff", "" },
        { "Input.DiscoveredBy", "Invented\u202EStaff", "" },
        { "Input.BelongingsTaken", "Invented\r\nbackpack", "" },
        { "Input.Circumstances", new string('y', 1_000_000), "at most" },
        { "Input.SearchActions", new string('z', 4_001), "at most" },
        { "Input.LastSeenUtc", "15/06/2026 10:00", "" },
        { "Input.LastSeenUtc", "2026-13-45 10:00", "" },
        { "Input.DiscoveredMissingUtc", "-1", "" },
        { "Input.DeterminedMissingUtc", "yesterday", "" },
        { "Input.RiskLevel", "999", "" },
        { "Input.RiskLevel", "-1", "" },
        { "Input.RiskLevel", "NotALevel", "" },
        { "Input.KnownExploiterContact", "maybe", "" },
        { "Input.PhoneTaken", "2", "" },
    };

    [Theory]
    [ProviderMemberData(nameof(OpenBadInput))]
    public async Task Bad_input_when_reporting_missing_is_refused_next_to_its_field_and_opens_nothing(string field, string value, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var values = OpenValues();
        values[field] = value;

        var response = await browser.SubmitFormAsync($"/Missing/Open/{residentId}", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        var error = page.FieldError(field);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        // What the counselor typed comes back, so nothing has to be typed twice.
        if (field != "Input.LastSeenUtc")
        {
            Assert.StartsWith("2026-06-15 10:00", page.QuerySelector("input[name='Input.LastSeenUtc']")!.GetAttribute("value"), StringComparison.Ordinal);
        }

        Assert.False(await app.WithDbAsync(db => db.MissingEpisodes.AnyAsync()));
    }

    public static TheoryData<string, string, string> LogBadInput() => new()
    {
        { "Input.Text", new string('x', 1_000_000), "at most" },
        { "Input.Text", "   ", "Describe" },
        { "Input.Kind", "999", "" },
        { "Input.Kind", "-1", "" },
        { "Input.Kind", "Rumour", "" },
        { "Input.OccurredAtUtc", "15/06/2026 12:30", "" },
        { "Input.OccurredAtUtc", "9999-99-99 99:99", "" },
        { "Input.OccurredAtUtc", "<script>alert(1)</script>", "" },
    };

    [Theory]
    [ProviderMemberData(nameof(LogBadInput))]
    public async Task Bad_log_input_is_refused_next_to_its_field_and_adds_no_entry(string field, string value, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var values = LogTests.Values();
        values[field] = value;

        var response = await browser.SubmitFormAsync($"/Missing/Log/{id}", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await HtmlForms.ParseAsync(response)).FieldError(field);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.MissingEpisodes.Where(e => e.Id == id).SelectMany(e => e.LocationEntries).AnyAsync()));
    }

    [Theory, Providers]
    public async Task A_script_in_a_log_entry_is_stored_as_text_and_listed_inert(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        const string script = "<script>alert('invented')</script>";

        (await browser.SubmitFormAsync($"/Missing/Log/{id}", LogTests.Values(text: script))).AssertRedirectTo($"/Missing/Log/{id}");

        var html = await (await browser.GetAsync($"/Missing/Log/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(script, html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }
}
