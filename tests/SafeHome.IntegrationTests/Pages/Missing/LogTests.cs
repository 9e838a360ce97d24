using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Missing;

/// The location log through the real form: entries are added and listed; times before last seen or in the future
/// are refused next to the field.
public sealed class LogTests
{
    // The fake clock stands at 2026-06-15 15:00 UTC (zone UTC); the seeded episode was last seen at 09:00.
    internal static Dictionary<string, string> Values(string kind = nameof(LocationEntryKind.Sighting), string when = "2026-06-15 12:30", string text = "Invented sighting near the bus depot.") => new()
    {
        ["Input.Kind"] = kind,
        ["Input.OccurredAtUtc"] = when,
        ["Input.Text"] = text,
    };

    [Theory, Providers]
    public async Task An_entry_is_stored_and_listed(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);

        (await browser.SubmitFormAsync($"/Missing/Log/{id}", Values())).AssertRedirectTo($"/Missing/Log/{id}");

        var entry = await app.WithDbAsync(db => db.MissingEpisodes.Where(e => e.Id == id).SelectMany(e => e.LocationEntries).SingleAsync());
        Assert.Equal(
            (LocationEntryKind.Sighting, new DateTime(2026, 6, 15, 12, 30, 0, DateTimeKind.Utc), "Invented sighting near the bus depot.", counselor.Id),
            (entry.Kind, entry.OccurredAtUtc, entry.Text, entry.RecordedById));
        var page = await browser.GetDocumentAsync($"/Missing/Log/{id}");
        Assert.Contains("Invented sighting near the bus depot.", page.QuerySelector("#entries")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task Two_people_adding_entries_from_pages_opened_at_the_same_time_both_have_them_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var counselorPage = await browser.GetDocumentAsync($"/Missing/Log/{id}");
        var directorPage = await director.GetDocumentAsync($"/Missing/Log/{id}");

        (await browser.SubmitFormAsync(counselorPage, $"/Missing/Log/{id}", Values(text: "Invented: called the cousin."))).AssertRedirectTo($"/Missing/Log/{id}");
        // Adding overwrites nothing, so the second page's entry is saved beside the first without a conflict.
        (await director.SubmitFormAsync(directorPage, $"/Missing/Log/{id}", Values(text: "Invented: checked the library."))).AssertRedirectTo($"/Missing/Log/{id}");

        var texts = await app.WithDbAsync(db => db.MissingEpisodes.Where(e => e.Id == id).SelectMany(e => e.LocationEntries).Select(e => e.Text).ToListAsync());
        Assert.Equal(["Invented: called the cousin.", "Invented: checked the library."], texts.Order());
    }

    [Theory]
    [ProviderInlineData("2026-06-15 08:00", "last seen")]
    [ProviderInlineData("2026-06-15 16:00", "future")]
    public async Task A_time_before_last_seen_or_in_the_future_is_refused_next_to_the_field(string when, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateEpisodeAsync(residentId);

        var response = await browser.SubmitFormAsync($"/Missing/Log/{id}", Values(when: when));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, (await HtmlForms.ParseAsync(response)).FieldError("Input.OccurredAtUtc") ?? "", StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.MissingEpisodes.AnyAsync(e => e.LocationEntries.Count != 0)));
    }

    [Theory, Providers]
    public async Task Another_caseload_gets_404_and_an_admin_403(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var owner = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(owner.Id);
        var id = await app.CreateEpisodeAsync(residentId);
        var (_, outsider) = await app.SignInNewAsync(Roles.Counselor);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Missing/Log/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/Missing/Log/{id}")).StatusCode);
    }
}
