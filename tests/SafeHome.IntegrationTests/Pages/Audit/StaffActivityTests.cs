using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Audit;

/// Issue 6 item 5: everything one staff member did in a period, paged like the timeline.
public sealed class StaffActivityTests
{
    [Theory, Providers]
    public async Task Shows_only_that_users_entries_in_the_period_newest_first_and_pages_them(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var colleague = await app.CreateStaffAsync(Roles.Counselor);
        var resident = await app.CreateResidentAsync(null);
        var start = new DateTime(2026, 4, 1, 12, 0, 0, DateTimeKind.Utc);
        await AuditPages.SeedAsync(app, Enumerable.Range(0, 120).Select(i =>
            AuditPages.Entry(start.AddDays(i % 40), i % 4 == 3 ? colleague.Id : counselor.Id, AuditActions.View, "Resident", resident.ToString(), resident)));
        var expected = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.UserId == counselor.Id && e.OccurredAtUtc >= new DateTime(2026, 4, 5, 0, 0, 0, DateTimeKind.Utc) && e.OccurredAtUtc < new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc))
            .OrderByDescending(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.True(expected.Count > 50);

        var shown = new List<long>();
        string? url = $"/Audit/Staff/{counselor.Id}?Filter.From=2026-04-05&Filter.To=2026-04-30";
        var pages = 0;
        while (url is not null && pages++ < 5)
        {
            var document = await browser.GetDocumentAsync(url);
            Assert.Equal("Activity of Test Counselor", document.QuerySelector("h1")!.TextContent);
            shown.AddRange(AuditPages.Rows(document).Select(r => r.Sequence));
            url = AuditPages.Link(document, "older");
        }

        Assert.Equal(expected, shown);
        Assert.Equal(2, pages);
    }

    [Theory, Providers]
    public async Task Sign_ins_appear_in_a_users_activity(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var (counselor, _) = await app.SignInNewAsync(Roles.Counselor);

        var rows = AuditPages.Rows(await browser.GetDocumentAsync($"/Audit/Staff/{counselor.Id}"));

        Assert.Contains(rows, r => r.Action == AuditActions.LoginSucceeded && r.Record == "User");
    }

    [Theory]
    [ProviderInlineData("Filter.From=2026-02-30", "Filter.From")]
    [ProviderInlineData("Filter.From=2026-05-03&Filter.To=2026-05-01", "Filter.To")]
    [ProviderInlineData("Filter.To=1899-12-31", "Filter.To")]
    [ProviderInlineData("Filter.Before=0", "Filter.Before")]
    [ProviderInlineData("Filter.After=1e5", "Filter.After")]
    [ProviderInlineData("Filter.Action=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Filter.Action")]
    public async Task Bad_filters_get_a_field_message_and_never_a_500(string query, string field, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);

        var response = await browser.GetAsync($"/Audit/Staff/{counselor.Id}?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert(1)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull((await HtmlForms.ParseAsync(response)).FieldError(field));
    }

    [Theory]
    [ProviderInlineData("no-such-user")]
    [ProviderInlineData("%27%20OR%201%3D1--")]
    [ProviderInlineData("%3Cscript%3E")]
    public async Task An_unknown_user_is_not_found(string id, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Audit/Staff/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Audit/Staff/{new string('x', 2000)}")).StatusCode);
    }
}
