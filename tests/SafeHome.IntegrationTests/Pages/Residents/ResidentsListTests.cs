using AngleSharp.Html.Dom;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Residents;

/// Issue 19 item 4: the residents list shows each resident's status, filters and sorts by it, and a counselor never
/// sees a resident outside the caseload whatever the filter or order.
public sealed class ResidentsListTests
{
    private const string CanaryName = "Canary Quince Invented";

    [Theory, Providers]
    public async Task Filters_and_sorting_follow_the_status_and_never_reach_past_the_caseload(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var a = await app.CreateStaffAsync(Roles.Counselor);
        var other = await app.CreateStaffAsync(Roles.Counselor);
        var alder = await app.CreateResidentAsync(a.Id, "Alder Invented", "Alder Q. Invented");
        var birch = await app.CreateResidentAsync(a.Id, "Birch Invented", "Birch Q. Invented");
        var cedar = await app.CreateResidentAsync(a.Id, "Cedar Invented", "Cedar Q. Invented");
        var canary = await app.CreateResidentAsync(other.Id, CanaryName, "Canary Q. Invented");
        await app.CreatePlanAsync(alder, PlanStatus.Active, a.Id);
        await app.CreatePlanAsync(canary, PlanStatus.Active, other.Id);
        // 80 days on, Alder's first review (90 days after the plan took effect) is 10 days away.
        app.Clock.Advance(TimeSpan.FromDays(80));
        await app.CreateEpisodeAsync(birch);
        await app.CreateEpisodeAsync(canary);
        await app.CreateNoteAsync(cedar, a.Id);
        var counselor = await app.SignInAsync(a);

        var all = await ListAsync(counselor, "/Residents");
        Assert.Equal([alder, birch, cedar], all);
        var page = await counselor.GetDocumentAsync("/Residents");
        Assert.Equal("MissingNow", page.QuerySelector($"tr[data-resident='{birch}']")!.GetAttribute("data-state"));
        Assert.Contains(app.Today.AddDays(10).ToString("yyyy-MM-dd"), page.QuerySelector($"tr[data-resident='{alder}'] .review")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", page.QuerySelector($"tr[data-resident='{cedar}'] .unsigned a")!.TextContent.Trim());
        Assert.Contains("Active", page.QuerySelector($"tr[data-resident='{alder}'] .plan")!.TextContent, StringComparison.Ordinal);

        Assert.Equal([birch], await ListAsync(counselor, "/Residents?show=MissingNow"));
        Assert.Equal([alder], await ListAsync(counselor, "/Residents?show=ReviewDue"));
        Assert.Equal([birch, cedar], await ListAsync(counselor, "/Residents?show=PlanMissing"));
        Assert.Equal([birch, alder, cedar], await ListAsync(counselor, "/Residents?sort=Status"));
        // First plans were due 30 days after admission (overdue), Alder's review is ahead.
        Assert.Equal([birch, cedar, alder], await ListAsync(counselor, "/Residents?sort=ReviewDue"));
        Assert.Equal([cedar, alder, birch], await ListAsync(counselor, "/Residents?sort=UnsignedNotes"));
        // Alder and Birch have no note at all, Cedar has one: never seen first.
        Assert.Equal([alder, birch, cedar], await ListAsync(counselor, "/Residents?sort=LastNote"));

        // The posted form: filter and sort together with a name search; a nonsense value falls back, never a 500.
        var posted = await HtmlForms.ParseAsync(await counselor.SubmitFormAsync(page, "/Residents", new() { ["q"] = "in", ["show"] = "PlanMissing", ["sort"] = "UnsignedNotes" }));
        Assert.Equal([cedar, birch], Ids(posted));
        Assert.Equal([alder, birch, cedar], await ListAsync(counselor, "/Residents?show=Nonsense&sort=99"));

        // The canary, missing and with a plan, shows under no filter or order of this caseload, by id or name.
        foreach (var url in new[] { "/Residents", "/Residents?show=MissingNow", "/Residents?show=ReviewDue", "/Residents?show=PlanMissing", "/Residents?sort=Status", "/Residents?sort=ReviewDue", "/Residents?sort=LastNote", "/Residents?sort=UnsignedNotes" })
        {
            var html = (await counselor.GetDocumentAsync(url)).DocumentElement.OuterHtml;
            Assert.DoesNotContain(canary.ToString(), html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(CanaryName, html, StringComparison.OrdinalIgnoreCase);
        }

        // A director sees the whole home under the same filter.
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        Assert.Equal([birch, canary], await ListAsync(director, "/Residents?show=MissingNow"));
    }

    [Theory, Providers]
    public async Task Paging_keeps_the_filter_and_the_order(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (a, counselor) = await app.SignInNewAsync(Roles.Counselor);
        var ids = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            ids.Add(await app.CreateResidentAsync(a.Id, $"Invented {i:D2}", $"Invented Q. {i:D2}"));
        }

        await app.CreateNoteAsync(ids[22], a.Id);
        var first = await counselor.GetDocumentAsync("/Residents?sort=UnsignedNotes");
        Assert.Equal(ids[22], Ids(first)[0]);
        var second = await HtmlForms.ParseAsync(await counselor.SubmitFormAsync(first, "/Residents", new() { ["p"] = "2", ["sort"] = "UnsignedNotes" }));
        Assert.Equal(3, Ids(second).Count);
        Assert.Contains("Page 2 of 2", second.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(ids[22], Ids(second));
    }

    private static async Task<List<Guid>> ListAsync(HttpClient browser, string url) => Ids(await browser.GetDocumentAsync(url));

    private static List<Guid> Ids(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#residents tr[data-resident]").Select(r => Guid.Parse(r.GetAttribute("data-resident")!))];
}
