using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Data.Reporting;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Jobs;

namespace SafeHome.IntegrationTests.Pages.Start;

/// Issue 19: every role opens on what needs them. Each seeded situation shows on exactly the start pages of the
/// people who act on it, and a counselor's page never carries another caseload's resident, by id or by name.
public sealed class StartPageTests
{
    private const string CanaryName = "Canary Quince Invented";

    [Theory, Providers]
    public async Task Each_situation_reaches_exactly_the_right_start_pages_and_no_other_caseload_leaks(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var a = await app.CreateStaffAsync(Roles.Counselor);
        var b = await app.CreateStaffAsync(Roles.Counselor);

        var missing = await app.CreateResidentAsync(a.Id, "Alder Invented", "Alder Q. Invented");
        var waiting = await app.CreateResidentAsync(a.Id, "Birch Invented", "Birch Q. Invented");
        var canary = await app.CreateResidentAsync(b.Id, CanaryName, "Canary Q. Invented");
        var episode = await app.CreateEpisodeAsync(missing);
        var note = await app.CreateNoteAsync(waiting, a.Id);
        var plan = await app.CreatePlanAsync(waiting, PlanStatus.PendingApproval, a.Id);
        // A day later: the police report (due 2 hours after the clock start) and the note (24 hours) are overdue.
        app.Clock.Advance(TimeSpan.FromHours(26));
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<MissingAlertsJob>().RunAsync(TestContext.Current.CancellationToken);
        }

        // A tampered history, found by the nightly check.
        await app.DropAuditTriggersAsync();
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Action\" = 'view' WHERE \"Sequence\" = 2"));
        using (var scope = app.Services.CreateScope())
        {
            Assert.False((await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(IntegrityCheckSource.Nightly, null)).Intact);
        }

        var pageA = await (await app.SignInAsync(a)).GetDocumentAsync("/");
        var pageB = await (await app.SignInAsync(b)).GetDocumentAsync("/");
        var pageDirector = await (await app.SignInNewAsync(Roles.ProgramDirector)).Browser.GetDocumentAsync("/");
        var pageAuditor = await (await app.SignInNewAsync(Roles.Auditor)).Browser.GetDocumentAsync("/");
        var pageAdmin = await (await app.SignInNewAsync(Roles.Admin)).Browser.GetDocumentAsync("/");

        // Counselor A: both residents with status, the overdue police report, the late note; nothing of B's.
        Assert.Equal("MissingNow", Row(pageA, "#today-residents", missing)?.GetAttribute("data-state"));
        Assert.Contains("was due", Row(pageA, "#today-residents", missing)!.QuerySelector(".status")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(pageA.QuerySelector($"#today-alerts tr[data-episode='{episode}']"));
        var noteRow = pageA.QuerySelector($"#today-notes tr[data-note='{note}']");
        Assert.NotNull(noteRow);
        Assert.NotNull(noteRow.QuerySelector(".overdue"));
        Assert.Null(pageA.QuerySelector("#integrity-failed"));
        AssertAbsent(pageA, canary, CanaryName);

        // Counselor B: their own resident, none of A's situations, and the empty states say what is fine.
        Assert.NotNull(Row(pageB, "#today-residents", canary));
        AssertAbsent(pageB, missing, "Alder Invented");
        AssertAbsent(pageB, waiting, "Birch Invented");
        Assert.Contains("No notes waiting for your signature", pageB.QuerySelector("#today-notes")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("No notification, debrief or screen is overdue", pageB.QuerySelector("#today-alerts")!.TextContent, StringComparison.Ordinal);

        // The director: the overdue police report across the home and the plan waiting for approval.
        Assert.NotNull(pageDirector.QuerySelector($"#director-overdue tr[data-episode='{episode}']"));
        Assert.NotNull(pageDirector.QuerySelector($"#director-approvals tr[data-plan='{plan}']"));
        Assert.Equal("3", pageDirector.QuerySelector("#census-in-care")!.TextContent.Trim());
        Assert.Null(pageA.QuerySelector($"#director-approvals"));

        // The auditor: the failed integrity check; no one else's start page carries it as their own item.
        Assert.NotNull(pageAuditor.QuerySelector("#integrity-failed"));
        foreach (var other in new[] { pageA, pageB, pageDirector, pageAdmin })
        {
            Assert.Null(other.QuerySelector("#integrity-failed"));
            Assert.Null(other.QuerySelector("#auditor-probes"));
        }

        // The administrator: accounts, never a resident.
        Assert.NotNull(pageAdmin.QuerySelector("#admin-jobs"));
        foreach (var (id, name) in new[] { (missing, "Alder Invented"), (waiting, "Birch Invented"), (canary, CanaryName) })
        {
            AssertAbsent(pageAdmin, id, name);
            AssertAbsent(pageAuditor, id, name);
        }
    }

    [Theory, Providers]
    public async Task The_auditor_sees_refusals_and_probes_by_user_and_finds_a_timeline_without_the_name_in_a_url(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (prober, counselor) = await app.SignInNewAsync(Roles.Counselor);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var other = await app.CreateStaffAsync(Roles.Counselor);
        var hidden = await app.CreateResidentAsync(other.Id, CanaryName, "Canary Q. Invented");
        for (var i = 0; i < 3; i++)
        {
            await counselor.GetAsync($"/Residents/Details/{hidden}");
        }

        await counselor.GetAsync("/Admin/Staff/Index");

        var page = await auditor.GetDocumentAsync("/");
        var row = page.QuerySelector($"#auditor-probes tr[data-user='{prober.Id}']");
        Assert.NotNull(row);
        Assert.Equal("3", row.QuerySelector(".not-found")!.TextContent.Trim());
        Assert.Equal("1", row.QuerySelector(".refused")!.TextContent.Trim());

        var found = await auditor.SubmitFormAsync(page, "/", new() { ["q"] = "quince" }, "FindResident");
        var results = await HtmlForms.ParseAsync(found);
        var link = results.QuerySelector("#resident-matches a");
        Assert.NotNull(link);
        Assert.Equal($"/Audit/Resident/{hidden}", link.GetAttribute("href"));
        Assert.DoesNotContain("quince", found.RequestMessage!.RequestUri!.ToString(), StringComparison.OrdinalIgnoreCase);

        var empty = await HtmlForms.ParseAsync(await auditor.SubmitFormAsync(page, "/", new() { ["q"] = "   " }, "FindResident"));
        Assert.Contains("Type part of a preferred name", empty.QuerySelector("#q-error")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task The_directors_charts_carry_the_outcome_engines_values_for_the_same_quarters(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var a = await app.CreateStaffAsync(Roles.Counselor);
        var first = await app.CreateResidentAsync(a.Id, "Alder Invented", "Alder Q. Invented");
        await app.CreateEpisodeAsync(first, returned: true);
        app.Clock.Advance(TimeSpan.FromDays(100));
        var second = await app.CreateResidentAsync(a.Id, "Birch Invented", "Birch Q. Invented");
        await app.CreateEpisodeAsync(second);
        await app.CreateEpisodeAsync(first, returned: true);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);

        var page = await director.GetDocumentAsync("/");

        // The report's own loader and engine, with the report job's options, for the eight quarters up to today.
        var options = SafeHome.Web.Jobs.OutcomeReportJob.MetricOptionsFor(app.Services.GetRequiredService<NotesOptions>(), app.Clock);
        var data = await app.WithDbAsync(db => OutcomeDataLoader.LoadAsync(db, app.Today, CancellationToken.None));
        var quarters = ReportingPeriod.QuarterContaining(app.Today).LastQuarters(8);
        foreach (var id in new[] { "M1", "M4" })
        {
            var figure = page.QuerySelector($"figure[data-metric='{id}']");
            Assert.NotNull(figure);
            // The chart itself is an SVG image served by the page, drawn by the outcome PDF's chart code.
            var image = await director.GetAsync(figure.QuerySelector("img")!.GetAttribute("src"));
            Assert.Equal("image/svg+xml", image.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<svg", await image.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            var shown = figure.GetAttribute("data-values")!.Split(';').Select(v => v.Length == 0 ? (double?)null : double.Parse(v, CultureInfo.InvariantCulture)).ToList();
            var expected = quarters.Select(q => OutcomeMetrics.Compute(data, q, options)[id].Value).ToList();
            Assert.Equal(expected, shown);
            Assert.True(expected.Count(v => v is not null) >= 2, $"{id}: at least two quarters carry a value in this dataset");
        }
    }

    private static IElement? Row(IHtmlDocument page, string section, Guid residentId) =>
        page.QuerySelector($"{section} tr[data-resident='{residentId}']");

    private static void AssertAbsent(IHtmlDocument page, Guid residentId, string name)
    {
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain(residentId.ToString(), html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(name, html, StringComparison.OrdinalIgnoreCase);
    }
}
