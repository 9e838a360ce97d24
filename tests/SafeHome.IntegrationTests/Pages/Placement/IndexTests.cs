using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Placement;

/// The history of placement-safety decisions: every one kept, newest first, who decided and signed, the factors and
/// why, a record changed outside the app marked, and the open requests for a new decision.
public sealed class IndexTests
{
    [Theory, Providers]
    public async Task Every_decision_is_listed_newest_first_with_who_decided_the_factors_and_the_rationale(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var url = $"/Placement/Decide/{residentId}";
        (await browser.SubmitFormAsync(url, DecideTests.Values(miles: "3", rationale: "Invented first rationale."))).AssertRedirectTo($"/Placement/{residentId}");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await browser.SubmitFormAsync(url, DecideTests.Values(miles: "40", rationale: "Invented second rationale.", occasion: nameof(DecisionOccasion.Other)))).AssertRedirectTo($"/Placement/{residentId}");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await browser.SubmitFormAsync(url, DecideTests.Values(miles: "", rationale: "Invented third rationale.", signedName: "Invented Third Signer"))).AssertRedirectTo($"/Placement/{residentId}");

        var page = await browser.GetDocumentAsync($"/Placement/Index/{residentId}");

        var stored = (await app.WithDbAsync(db => db.PlacementSafetyDecisions.OrderByDescending(d => d.DecidedAtUtc).Select(d => d.Id).ToListAsync())).Select(id => id.ToString()).ToList();
        var rows = page.QuerySelectorAll("#decisions li.decision");
        Assert.Equal(stored, rows.Select(r => r.GetAttribute("data-id")!).ToList());
        Assert.Equal(
            ["Invented third rationale.", "Invented second rationale.", "Invented first rationale."],
            rows.Select(r => r.QuerySelector(".rationale")!.TextContent).ToList());
        Assert.Equal(["2026-06-15 15:10", "2026-06-15 15:05", "2026-06-15 15:00"], rows.Select(r => r.QuerySelector(".decided-at")!.TextContent).ToList());
        Assert.Equal(["Admission", "Other change", "Admission"], rows.Select(r => r.QuerySelector(".occasion")!.TextContent).ToList());
        Assert.All(rows, r => Assert.Equal("Test Counselor", r.QuerySelector(".decided-by")!.TextContent));
        Assert.All(rows, r => Assert.Equal("Place away from the community", r.QuerySelector(".decision-kind")!.TextContent));
        Assert.Equal("Invented Third Signer", rows[0].QuerySelector(".signed-name")!.TextContent);
        var factors = rows[0].QuerySelector(".factors")!.TextContent;
        Assert.Contains("Distance from where the youth was exploited: unknown", factors, StringComparison.Ordinal);
        Assert.Contains("Known exploiter nearby: yes", factors, StringComparison.Ordinal);
        Assert.Contains("Other trafficked youth in the placement: 2", factors, StringComparison.Ordinal);
        Assert.Contains("School continuity: no", factors, StringComparison.Ordinal);
        Assert.Contains("Family and community ties: unknown", factors, StringComparison.Ordinal);
        Assert.Contains("Interstate placement: yes", factors, StringComparison.Ordinal);
        Assert.Contains("40 miles", rows[1].QuerySelector(".factors")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".tampered"));
        Assert.NotNull(page.QuerySelector("#record-decision"));
    }

    [Theory, Providers]
    public async Task A_decision_changed_outside_the_app_is_marked_and_the_others_are_not(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var url = $"/Placement/Decide/{residentId}";
        (await browser.SubmitFormAsync(url, DecideTests.Values(rationale: "Invented kept rationale."))).AssertRedirectTo($"/Placement/{residentId}");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await browser.SubmitFormAsync(url, DecideTests.Values(rationale: "Invented original rationale."))).AssertRedirectTo($"/Placement/{residentId}");
        await app.WithDbAsync(db => db.PlacementSafetyDecisions.Where(d => d.Rationale == "Invented original rationale.")
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Rationale, "Invented rewritten rationale.")));

        var page = await browser.GetDocumentAsync($"/Placement/Index/{residentId}");

        var rows = page.QuerySelectorAll("#decisions li.decision");
        Assert.Equal(2, rows.Length);
        Assert.Equal("Invented rewritten rationale.", rows[0].QuerySelector(".rationale")!.TextContent);
        Assert.NotNull(rows[0].QuerySelector(".tampered"));
        Assert.Null(rows[1].QuerySelector(".tampered"));
    }

    [Theory, Providers]
    public async Task Open_requests_for_a_decision_name_the_episode_or_disclosure_and_link_to_the_form(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var episodeId = await app.CreateEpisodeAsync(residentId, returned: true);
        await DecideTests.RaiseFollowUpsAsync(app, residentId, episodeId);

        var page = await browser.GetDocumentAsync($"/Placement/Index/{residentId}");

        Assert.NotNull(page.QuerySelector("#no-decisions"));
        var items = page.QuerySelectorAll("#follow-ups li.follow-up");
        Assert.Equal(2, items.Length);
        Assert.Contains("A new decision is asked for after the missing episode of 2026-06-15 09:00", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("A new decision is asked for after the disclosure of 2026-06-14", items[1].TextContent, StringComparison.Ordinal);
        var followUpId = await app.WithDbAsync(db => db.CareFollowUps.Where(f => f.SourceId == episodeId && f.Kind == FollowUpKind.PlacementDecision).Select(f => f.Id).SingleAsync());
        Assert.Equal($"/Placement/Decide/{residentId}?followUpId={followUpId}", items[0].QuerySelector("a")!.GetAttribute("href"));
    }
}
