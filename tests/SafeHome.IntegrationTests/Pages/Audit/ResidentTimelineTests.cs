using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Audit;

/// Issue 6 item 5: the per-resident timeline, its filters and its keyset paging.
public sealed class ResidentTimelineTests
{
    [Theory, Providers]
    public async Task A_scripted_series_of_edits_gives_exactly_the_expected_timeline(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (director, directorBrowser) = await app.SignInNewAsync(Roles.ProgramDirector);
        var (auditor, auditorBrowser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null, "Timeline Example");
        var other = await app.CreateResidentAsync(null, "Other Example");

        (await directorBrowser.SubmitFormAsync($"/Residents/Edit/{resident}", new() { ["Input.PreferredName"] = "Renamed Example" })).AssertRedirectTo($"/Residents/Details/{resident}");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await directorBrowser.SubmitFormAsync($"/Residents/Edit/{resident}", new() { ["Input.Pronouns"] = "they/them" })).AssertRedirectTo($"/Residents/Details/{resident}");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await directorBrowser.GetDocumentAsync($"/Residents/Details/{resident}");
        await directorBrowser.GetDocumentAsync($"/Residents/Details/{other}");

        // The form bound and saved: the stored values are the edited ones.
        var stored = await app.WithDbAsync(db => db.Residents.AsNoTracking().SingleAsync(r => r.Id == resident));
        Assert.Equal(("Renamed Example", "they/them"), (stored.PreferredName, stored.Pronouns));

        var page = await auditorBrowser.GetDocumentAsync($"/Audit/Resident/{resident}");
        var rows = AuditPages.Rows(page);

        var expectedNewest = new[]
        {
            ("Test ProgramDirector", AuditActions.View, "Resident", string.Empty),
            ("Test ProgramDirector", AuditActions.Update, "Resident", "Pronouns, Version"),
            // Opening the edit form shows the record too, so it is a view of it.
            ("Test ProgramDirector", AuditActions.View, "Page", string.Empty),
            ("Test ProgramDirector", AuditActions.Update, "Resident", "PreferredName, Version"),
            ("Test ProgramDirector", AuditActions.View, "Page", string.Empty),
        };
        Assert.Equal(expectedNewest, rows.Take(5).Select(r => (r.Who, r.Action, r.Record, r.Fields)));

        // The admission, written by the system: the resident, the stay, in one save.
        var admission = rows.Skip(5).ToList();
        Assert.Equal(2, admission.Count);
        Assert.All(admission, r => Assert.Equal((AuditActions.Insert, "SafeHome (system)"), (r.Action, r.Who)));
        Assert.Equal(["Resident", "Stay"], admission.Select(r => r.Record).Order());
        Assert.Contains("PreferredName", admission.Single(r => r.Record == "Resident").Fields, StringComparison.Ordinal);
        Assert.Equal(rows.Select(r => r.Sequence).OrderDescending(), rows.Select(r => r.Sequence));
        Assert.Equal($"/Audit/Record?type=Resident&key={resident}", rows[1].RecordHref);
        Assert.DoesNotContain("Other Example", page.Body!.TextContent, StringComparison.Ordinal);

        // Opening the timeline is itself a view of the resident's record, shown to the next reader.
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync());
        Assert.Equal((auditor.Id, AuditActions.View, "AuditTimeline", resident.ToString(), (Guid?)resident), (entry.UserId, entry.Action, entry.EntityType, entry.EntityKey, entry.ResidentId));
        var again = AuditPages.Rows(await auditorBrowser.GetDocumentAsync($"/Audit/Resident/{resident}"));
        Assert.Equal(("Test Auditor", AuditActions.View, "AuditTimeline"), (again[0].Who, again[0].Action, again[0].Record));
        Assert.Equal(rows.Count + 1, again.Count);
        _ = director;
    }

    [Theory, Providers]
    public async Task Entries_of_the_resident_record_without_a_resident_id_are_on_the_timeline(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null);
        await AuditPages.SeedAsync(app, [AuditPages.Entry(new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc), null, AuditActions.Update, "Resident", resident.ToString(), residentId: null, "{\"Pronouns\":{\"Old\":\"a\",\"New\":\"b\"}}")]);

        var rows = AuditPages.Rows(await browser.GetDocumentAsync($"/Audit/Resident/{resident}?Filter.Action=update"));

        Assert.Equal("Pronouns", Assert.Single(rows).Fields);
    }

    [Theory, Providers]
    public async Task Filters_narrow_the_timeline_by_user_dates_record_type_and_action(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var first = await app.CreateStaffAsync(Roles.Counselor);
        var second = await app.CreateStaffAsync(Roles.Counselor);
        var resident = await app.CreateResidentAsync(null);
        var other = await app.CreateResidentAsync(null);
        DateTime Day(int day) => new(2026, 5, day, 12, 0, 0, DateTimeKind.Utc);
        var change = "{\"Goal\":{\"Old\":\"x\",\"New\":\"y\"}}";
        await AuditPages.SeedAsync(app,
        [
            AuditPages.Entry(Day(1), first.Id, AuditActions.Update, "ServicePlan", "p1", resident, change),
            AuditPages.Entry(Day(2), second.Id, AuditActions.View, "Resident", resident.ToString(), resident),
            AuditPages.Entry(Day(3), first.Id, AuditActions.Insert, "ProgressNote", "n1", resident, change),
            AuditPages.Entry(Day(5), second.Id, AuditActions.Update, "ProgressNote", "n1", resident, change),
            AuditPages.Entry(Day(3), first.Id, AuditActions.Update, "ProgressNote", "n9", other, change),
        ]);
        var sequences = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.ResidentId == resident && e.UserId != null).OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        var (p1, view, n1Insert, n1Update) = (sequences[0], sequences[1], sequences[2], sequences[3]);

        async Task<long[]> Shown(string query) =>
            [.. AuditPages.Rows(await browser.GetDocumentAsync($"/Audit/Resident/{resident}?{query}")).Select(r => r.Sequence)];

        Assert.Equal([n1Insert, p1], await Shown($"Filter.User={first.Id}"));
        Assert.Equal([n1Update, p1], await Shown("Filter.Action=update"));
        Assert.Equal([n1Update, n1Insert], await Shown("Filter.Type=ProgressNote"));
        Assert.Equal([n1Insert, view], await Shown("Filter.From=2026-05-02&Filter.To=2026-05-03"));
        Assert.Equal([view], await Shown($"Filter.User={second.Id}&Filter.Action=view"));
        Assert.Equal([n1Update], await Shown($"Filter.User={second.Id}&Filter.Type=ProgressNote&Filter.From=2026-05-04"));
        Assert.Empty(await Shown("Filter.Type=MissingEpisode"));

        // The filter form keeps what was asked for.
        var page = await browser.GetDocumentAsync($"/Audit/Resident/{resident}?Filter.Action=update&Filter.From=2026-05-02");
        Assert.Equal("2026-05-02", page.QuerySelector("input[name='Filter.From']")!.GetAttribute("value"));
        Assert.Equal("update", page.QuerySelector("select[name='Filter.Action'] option[selected]")!.GetAttribute("value"));
    }

    public static TheoryData<string, string> BadFilters() => new()
    {
        { "Filter.From=2025-13-01", "Filter.From" },
        { "Filter.From=03/04/2025", "Filter.From" },
        { "Filter.From=0001-01-01", "Filter.From" },
        { "Filter.To=9999-12-31", "Filter.To" },
        { "Filter.From=2026-05-03&Filter.To=2026-05-01", "Filter.To" },
        { "Filter.Action=drop_table", "Filter.Action" },
        { "Filter.Action=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Filter.Action" },
        { "Filter.Type=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Filter.Type" },
        { "Filter.Type=Resident%0AForged", "Filter.Type" },
        { "Filter.Type=" + new string('A', 1000), "Filter.Type" },
        { "Filter.User=%27%20OR%201%3D1--", "Filter.User" },
        { "Filter.User=00000000-0000-0000-0000-000000000000", "Filter.User" },
        { "Filter.User=a%E2%80%AEb", "Filter.User" },
        { "Filter.Before=-5", "Filter.Before" },
        { "Filter.Before=99999999999999999999", "Filter.Before" },
        { "Filter.After=abc", "Filter.After" },
        { "Filter.After=NaN", "Filter.After" },
    };

    [Theory]
    [ProviderMemberData(nameof(BadFilters))]
    public async Task Bad_filter_values_get_a_field_message_and_never_a_500(string query, string field, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null);
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        foreach (var handler in new[] { string.Empty, "handler=Csv&" })
        {
            var response = await browser.GetAsync($"/Audit/Resident/{resident}?{handler}{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/html", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>alert(1)", body, StringComparison.Ordinal);
            var document = await HtmlForms.ParseAsync(response);
            Assert.NotNull(document.FieldError(field));
            Assert.Null(document.QuerySelector("#timeline"));
        }

        // Nothing was shown, so nothing was viewed or extracted.
        Assert.Equal(before, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Theory, Providers]
    public async Task Paging_300_entries_gives_distinct_pages_of_50_with_no_overlap_both_ways(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await AuditPages.SeedAsync(app, Enumerable.Range(0, 300).Select(i =>
            AuditPages.Entry(start.AddMinutes(i), null, AuditActions.Update, "ServicePlan", $"plan-{i}", resident, "{\"Goal\":{\"Old\":\"a\",\"New\":\"b\"}}")));
        var seeded = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "ServicePlan").Select(e => e.Sequence).ToListAsync());

        var pages = new List<long[]>();
        string? url = $"/Audit/Resident/{resident}?Filter.Type=ServicePlan";
        while (url is not null)
        {
            var document = await browser.GetDocumentAsync(url);
            pages.Add([.. AuditPages.Rows(document).Select(r => r.Sequence)]);
            Assert.Equal(pages.Count > 1, AuditPages.Link(document, "newer") is not null);
            url = AuditPages.Link(document, "older");
            Assert.True(pages.Count <= 6, "the Older links never end");
        }

        Assert.Equal(6, pages.Count);
        Assert.All(pages, p => Assert.Equal(50, p.Length));
        var all = pages.SelectMany(p => p).ToList();
        Assert.Equal(seeded.OrderDescending(), all);

        // And back up again with the Newer links: the same pages in reverse.
        var back = new List<long[]>();
        url = $"/Audit/Resident/{resident}?Filter.Type=ServicePlan&Filter.Before={pages[^1][0] + 1}";
        while (url is not null)
        {
            var document = await browser.GetDocumentAsync(url);
            back.Add([.. AuditPages.Rows(document).Select(r => r.Sequence)]);
            url = AuditPages.Link(document, "newer");
            Assert.True(back.Count <= 6, "the Newer links never end");
        }

        Assert.Equal(pages.AsEnumerable().Reverse(), back);
    }

    [Theory, Providers]
    public async Task A_resident_with_100000_entries_opens_quickly(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null);
        var other = await app.CreateResidentAsync(null);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var batch = 0; batch < 10; batch++)
        {
            await AuditPages.SeedAsync(app, Enumerable.Range(batch * 10_000, 10_000).Select(i =>
                AuditPages.Entry(start.AddSeconds(i), null, i % 2 == 0 ? AuditActions.View : AuditActions.Update, "ProgressNote", $"note-{i % 500}", i % 10 == 9 ? other : resident)));
        }

        await browser.GetDocumentAsync($"/Audit/Resident/{resident}");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var first = await browser.GetDocumentAsync($"/Audit/Resident/{resident}");
        var firstTime = watch.Elapsed;
        watch.Restart();
        var older = await browser.GetDocumentAsync(AuditPages.Link(first, "older")!);
        var olderTime = watch.Elapsed;
        watch.Restart();
        await browser.GetDocumentAsync($"/Audit/Resident/{resident}?Filter.Action=update&Filter.From=2025-01-01");
        var filteredTime = watch.Elapsed;

        Assert.Equal(50, AuditPages.Rows(first).Count);
        Assert.Equal(50, AuditPages.Rows(older).Count);
        Assert.True(firstTime < TimeSpan.FromSeconds(2) && olderTime < TimeSpan.FromSeconds(2) && filteredTime < TimeSpan.FromSeconds(2), $"first {firstTime}, older {olderTime}, filtered {filteredTime}");
    }

    [Theory, Providers]
    public async Task An_unknown_resident_is_not_found(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Audit/Resident/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Audit/Resident/not-a-guid")).StatusCode);
    }
}
