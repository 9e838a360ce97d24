using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Audit;

/// Issue 19 item 6: the history reads in the words people use, and the stored names stay on hover and in the CSV.
public sealed class PlainWordsTests
{
    [Theory, Providers]
    public async Task The_timeline_shows_plain_words_with_the_stored_names_on_hover_and_dates_on_one_line(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null);
        await SeedAsync(app, resident);

        var page = await browser.GetDocumentAsync($"/Audit/Resident/{resident}");
        var rows = AuditPages.Rows(page);

        var followUp = Assert.Single(rows, r => r.Record == "CareFollowUp");
        Assert.Equal(("changed", "Care follow-up", "Resolved at, Resolved by"), (followUp.ActionWords, followUp.RecordWords, followUp.FieldWords));
        var notification = Assert.Single(rows, r => r.Record == "MissingNotification");
        Assert.Equal(("Missing-episode notification", "Notified at, Notified by"), (notification.RecordWords, notification.FieldWords));
        Assert.Equal("viewed the resident overview", Assert.Single(rows, r => r.Record == "Resident" && r.Action == AuditActions.View).ActionWords);
        Assert.Equal("opened the form to edit resident details", Assert.Single(rows, r => r.Record == "Page").ActionWords);

        var row = page.QuerySelector($"#timeline tr[data-sequence='{followUp.Sequence}']")!;
        Assert.Equal("update", row.QuerySelector(".action")!.GetAttribute("title"));
        Assert.Equal("CareFollowUp", row.QuerySelector(".record a")!.GetAttribute("title"));
        Assert.Equal(["ResolvedAtUtc", "ResolvedById"], row.QuerySelectorAll(".fields .field").Select(f => f.GetAttribute("title")));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", row.QuerySelector(".when")!.TextContent);
        Assert.Contains("text-nowrap", row.QuerySelector(".when")!.ClassList);
        Assert.DoesNotContain("CareFollowUp", page.QuerySelector("#timeline tbody")!.TextContent, StringComparison.Ordinal);

        // The filter lists the words and still sends the stored name.
        var option = page.QuerySelector("select[name='Filter.Type'] option[value='CareFollowUp']")!;
        Assert.Equal(("Care follow-up", "CareFollowUp"), (option.TextContent, option.GetAttribute("title")));
        Assert.Equal("changed", page.QuerySelector("select[name='Filter.Action'] option[value='update']")!.TextContent);
    }

    [Theory, Providers]
    public async Task The_csv_keeps_the_stored_names_and_adds_the_words(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null);
        await SeedAsync(app, resident);

        var response = await browser.GetAsync($"/Audit/Resident/{resident}?handler=Csv");
        var rows = CsvExtractTests.ParseCsv((await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));

        var notification = Assert.Single(rows, r => r[5] == "MissingNotification");
        Assert.Equal(("update", "changed", "Missing-episode notification", "Notified at, Notified by"), (notification[4], notification[9], notification[10], notification[11]));
        Assert.Contains("\"NotifiedAtUtc\"", notification[8], StringComparison.Ordinal);
        var page = Assert.Single(rows, r => r[5] == "Page");
        Assert.Equal(("view", $"/Residents/Edit/{resident}", "opened the form to edit resident details", string.Empty), (page[4], page[6], page[9], page[11]));
    }

    [Theory, Providers]
    public async Task The_version_history_names_the_record_and_its_fields_in_words(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null);
        await SeedAsync(app, resident);

        var page = await browser.GetDocumentAsync("/Audit/Record?type=MissingNotification&key=n1");

        var type = page.QuerySelector("#record-type")!;
        Assert.Equal(("Missing-episode notification", "MissingNotification"), (type.TextContent, type.GetAttribute("title")));
        var version = Assert.Single(page.QuerySelectorAll(".version"));
        Assert.Equal(("changed", "update"), (version.QuerySelector(".action")!.TextContent, version.QuerySelector(".action")!.GetAttribute("title")));
        Assert.Equal(
            [("Notified at", "NotifiedAtUtc"), ("Notified by", "NotifiedBy")],
            version.QuerySelectorAll(".differences .field").Select(f => (f.TextContent, f.GetAttribute("title"))));
        Assert.Contains("text-nowrap", version.QuerySelector(".when")!.ClassList);
    }

    private static Task SeedAsync(SafeHomeApp app, Guid resident)
    {
        var at = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        return AuditPages.SeedAsync(app,
        [
            AuditPages.Entry(at, null, AuditActions.Update, "CareFollowUp", "f1", resident, "{\"ResolvedAtUtc\":{\"Old\":null,\"New\":\"2026-05-01\"},\"ResolvedById\":{\"Old\":null,\"New\":\"u1\"}}"),
            AuditPages.Entry(at.AddMinutes(1), null, AuditActions.Update, "MissingNotification", "n1", resident, "{\"NotifiedAtUtc\":{\"Old\":null,\"New\":\"2026-05-01\"},\"NotifiedBy\":{\"Old\":null,\"New\":\"x\"}}"),
            AuditPages.Entry(at.AddMinutes(2), null, AuditActions.View, "Page", $"/Residents/Edit/{resident}", resident),
            AuditPages.Entry(at.AddMinutes(3), null, AuditActions.View, "Resident", resident.ToString(), resident),
        ]);
    }
}
