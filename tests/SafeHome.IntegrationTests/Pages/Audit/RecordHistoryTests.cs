using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Audit;

/// Issue 6 item 5 and SECURITY.md T3: every version of one record, with field-level differences.
public sealed class RecordHistoryTests
{
    [Theory, Providers]
    public async Task Two_edits_through_the_form_give_exactly_these_versions_and_differences(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null, "History Example");
        (await director.SubmitFormAsync($"/Residents/Edit/{resident}", new() { ["Input.PreferredName"] = "Renamed Example" })).AssertRedirectTo($"/Residents/Details/{resident}");
        app.Clock.Advance(TimeSpan.FromMinutes(7));
        (await director.SubmitFormAsync($"/Residents/Edit/{resident}", new() { ["Input.Pronouns"] = "they/them" })).AssertRedirectTo($"/Residents/Details/{resident}");
        await director.GetDocumentAsync($"/Residents/Details/{resident}");

        var page = await browser.GetDocumentAsync($"/Audit/Record?type=Resident&key={resident}");
        var versions = Versions(page);

        Assert.Equal([AuditActions.Insert, AuditActions.Update, AuditActions.Update], versions.Select(v => v.Action));
        Assert.Equal(["SafeHome (system)", "Test ProgramDirector", "Test ProgramDirector"], versions.Select(v => v.Who));
        Assert.Contains(("PreferredName", "", "History Example"), versions[0].Differences);
        Assert.Contains(("Pronouns", "", "she/her"), versions[0].Differences);
        Assert.Equal([("PreferredName", "History Example", "Renamed Example"), ("Version", "0", "1")], versions[1].Differences);
        Assert.Equal([("Pronouns", "she/her", "they/them"), ("Version", "1", "2")], versions[2].Differences);
        Assert.Contains("2026-06-15 15:07:00", page.QuerySelectorAll(".version h2")[2].TextContent, StringComparison.Ordinal);
        Assert.Equal($"/Audit/Resident/{resident}", AuditPages.Link(page, "resident-link"));

        // Reading a record's history is a view of the resident's record too.
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync());
        Assert.Equal((AuditActions.View, "AuditHistory", $"Resident|{resident}", (Guid?)resident), (entry.Action, entry.EntityType, entry.EntityKey, entry.ResidentId));
    }

    [Theory, Providers]
    public async Task Any_record_type_present_in_the_history_has_a_version_page(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null);
        var at = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        await AuditPages.SeedAsync(app,
        [
            AuditPages.Entry(at, null, AuditActions.Insert, "MissingEpisode", "ep-1", resident, "{\"Status\":{\"Old\":null,\"New\":\"Open\"}}"),
            AuditPages.Entry(at.AddHours(1), null, AuditActions.View, "MissingEpisode", "ep-1", resident),
            AuditPages.Entry(at.AddHours(2), null, AuditActions.Update, "MissingEpisode", "ep-1", resident, "{\"Status\":{\"Old\":\"Open\",\"New\":\"<script>alert(1)</script>\"}}"),
            AuditPages.Entry(at.AddHours(3), null, AuditActions.Delete, "MissingEpisode", "ep-1", resident, "{\"Status\":{\"Old\":\"Closed\",\"New\":null}}"),
            AuditPages.Entry(at.AddHours(3), null, AuditActions.Update, "MissingEpisode", "ep-2", resident, "{\"Status\":{\"Old\":\"x\",\"New\":\"y\"}}"),
        ]);

        var response = await browser.GetAsync("/Audit/Record?type=MissingEpisode&key=ep-1");
        var body = await response.Content.ReadAsStringAsync();
        var versions = Versions(await HtmlForms.ParseAsync(response));

        Assert.DoesNotContain("<script>alert(1)", body, StringComparison.Ordinal);
        Assert.Equal([AuditActions.Insert, AuditActions.Update, AuditActions.Delete], versions.Select(v => v.Action));
        Assert.Equal([("Status", "", "Open")], versions[0].Differences);
        Assert.Equal([("Status", "Open", "<script>alert(1)</script>")], versions[1].Differences);
        Assert.Equal([("Status", "Closed", "")], versions[2].Differences);
    }

    [Theory, Providers]
    public async Task A_note_page_lists_its_amendments(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var resident = await app.CreateResidentAsync(counselor.Id);
        var note = await app.CreateNoteAsync(resident, counselor.Id, Domain.Notes.NoteStatus.Signed);
        var amendment = await app.WithDbAsync(async db =>
        {
            var signed = await db.ProgressNotes.Include(n => n.Amendments).SingleAsync(n => n.Id == note);
            var added = signed.Amend(counselor.Id, new Domain.Notes.AmendmentRequest(Domain.Notes.AmendmentKind.Addendum, null, "An invented addendum.", null, null), app.Today, app.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            return added.Id;
        });

        var page = await browser.GetDocumentAsync($"/Audit/Record?type=ProgressNote&key={note}");
        Assert.Equal(AuditActions.Insert, Versions(page)[0].Action);
        var link = Assert.Single(page.QuerySelectorAll("#amendments a"));
        Assert.Equal($"/Audit/Record?type=NoteAmendment&key={amendment}", System.Net.WebUtility.HtmlDecode(link.GetAttribute("href")));

        var amendmentPage = await browser.GetDocumentAsync($"/Audit/Record?type=NoteAmendment&key={amendment}");
        var version = Assert.Single(Versions(amendmentPage));
        Assert.Equal((AuditActions.Insert, "SafeHome (system)"), (version.Action, version.Who));
        Assert.Contains(("Text", "", "An invented addendum."), version.Differences);
    }

    public static TheoryData<string> Unknown() => new()
    {
        "",
        "?type=Resident",
        "?key=abc",
        $"?type=Resident&key={Guid.Empty}",
        "?type=Nope&key=1",
        "?type=%3Cscript%3Ealert(1)%3C%2Fscript%3E&key=1",
        "?type=Resident&key=%27%20OR%201%3D1--",
        "?type=Resident&key=a%0D%0Ab",
        "?type=Resident&key=%E2%80%AEevil",
        "?type=Resident&key=" + new string('k', 5000),
        "?type=Resident&key=1&after=-1",
        "?type=Resident&key=1&after=99999999999999999999",
        "?type=Resident&type=ServicePlan&key=1",
    };

    [Theory]
    [ProviderMemberData(nameof(Unknown))]
    public async Task An_unknown_or_malformed_record_gets_a_no_history_page(string query, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);

        var response = await browser.GetAsync($"/Audit/Record{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", body, StringComparison.Ordinal);
        Assert.NotNull((await HtmlForms.ParseAsync(response)).QuerySelector("#no-history"));
    }

    // The stored action and field names (data-raw); the words shown beside them are checked in PlainWordsTests.
    private static List<(string Action, string Who, List<(string, string, string)> Differences)> Versions(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".version").Select(v => (
            v.QuerySelector(".action")!.GetAttribute("data-raw")!,
            v.QuerySelector(".who")!.TextContent,
            v.QuerySelectorAll(".differences tbody tr").Select(tr => (tr.QuerySelector(".field")!.GetAttribute("data-raw")!, tr.QuerySelector(".before")!.TextContent, tr.QuerySelector(".after")!.TextContent)).ToList()))];
}
