using System.Net;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Pages.Missing;

namespace SafeHome.IntegrationTests.Pages.Missing;

/// Where missing from care shows up outside its own pages: the resident overview says a youth is missing now and
/// what is still owed, "What is due" lists the follow-ups of the user's caseload, and the episode list keeps to it.
public sealed class SafetyOverviewTests
{
    [Theory, Providers]
    public async Task The_overview_says_missing_now_with_a_link_to_the_open_episode_and_offers_no_second_report(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);

        var before = await browser.GetDocumentAsync($"/Residents/Details/{residentId}");
        Assert.Null(before.QuerySelector("#missing-now"));
        Assert.Equal($"/Missing/Open/{residentId}", before.QuerySelector("#report-missing")!.GetAttribute("href"));
        Assert.Contains("0 recorded", before.QuerySelector("#episodes-link")!.TextContent, StringComparison.Ordinal);

        var episodeId = await app.CreateEpisodeAsync(residentId);
        var after = await browser.GetDocumentAsync($"/Residents/Details/{residentId}");

        var alert = after.QuerySelector("#missing-now")!;
        Assert.Contains("last seen 2026-06-15 09:00", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/Missing/Episode/{episodeId}", alert.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(after.QuerySelector("#report-missing"));
        Assert.Contains("1 recorded", after.QuerySelector("#episodes-link")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task An_auditor_reads_the_safety_summary_without_a_report_button(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);

        var page = await auditor.GetDocumentAsync($"/Residents/Details/{residentId}");

        Assert.NotNull(page.QuerySelector("#safety"));
        Assert.Null(page.QuerySelector("#report-missing"));
    }

    [Theory, Providers]
    public async Task Open_follow_ups_show_on_the_overview_and_on_what_is_due_for_the_caseload_and_directors_only(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var episodeId = await app.CreateEpisodeAsync(residentId, returned: true);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            await db.RaiseFollowUpsAsync(residentId, ReviewTrigger.MissingEpisode, episodeId, now);
            var settled = new CareFollowUp(residentId, FollowUpKind.TriggeredReview, ReviewTrigger.CourtChange, Guid.CreateVersion7(), now);
            settled.Resolve(Guid.CreateVersion7(), now);
            db.CareFollowUps.Add(settled);
            return await db.SaveChangesAsync();
        });
        var (_, outsider) = await app.SignInNewAsync(Roles.Counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);

        var overview = await browser.GetDocumentAsync($"/Residents/Details/{residentId}");
        var items = overview.QuerySelectorAll("#follow-ups .follow-up").Select(li => li.TextContent).ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains(items, text => text.Contains("Triggered plan review", StringComparison.Ordinal));
        Assert.Contains(items, text => text.Contains("Placement-safety decision", StringComparison.Ordinal));

        var kinds = (await browser.GetDocumentAsync("/Plans/Due")).QuerySelectorAll("#follow-ups .follow-up-row").Select(r => r.GetAttribute("data-kind")).Order().ToList();
        Assert.Equal([nameof(FollowUpKind.PlacementDecision), nameof(FollowUpKind.TriggeredReview)], kinds);
        Assert.Equal(2, (await director.GetDocumentAsync("/Plans/Due")).QuerySelectorAll("#follow-ups .follow-up-row").Length);
        Assert.Empty((await outsider.GetDocumentAsync("/Plans/Due")).QuerySelectorAll("#follow-ups .follow-up-row"));
    }

    [Theory, Providers]
    public async Task The_episode_list_of_another_counselors_resident_is_404(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var owner = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(owner.Id);
        await app.CreateEpisodeAsync(residentId);
        var (_, outsider) = await app.SignInNewAsync(Roles.Counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Missing/Index/{residentId}")).StatusCode);
        Assert.Single((await director.GetDocumentAsync($"/Missing/Index/{residentId}")).QuerySelectorAll("td.last-seen"));
    }
}
