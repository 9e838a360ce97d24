using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Notes;

/// The plan page lists under each goal the signed notes linked to it, matched by the goal's lineage, so a note keeps
/// its place after the plan is revised into a new version. Drafts and notes entered in error are not progress; a
/// sensitive note shows only its date, type and author.
public sealed class PlanGoalNotesTests
{
    private sealed record Home(SafeHomeApp App, StaffMember Counselor, HttpClient Browser, Guid ResidentId, Guid PlanId, PlanGoal Goal);

    private static async Task<Home> SeedAsync(SafeHomeApp app)
    {
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id, "Juniper Invented");
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Active, counselor.Id);
        var goal = await app.WithDbAsync(db => db.PlanGoals.AsNoTracking().SingleAsync(g => g.PlanId == planId));
        return new Home(app, counselor, browser, residentId, planId, goal);
    }

    private static NoteLinkTarget LinkTo(PlanGoal goal) => new(goal.Id, goal.LineageId, null, null);

    private static IElement GoalNotes(AngleSharp.Html.Dom.IHtmlDocument page, Guid lineageId) =>
        page.QuerySelector($"#goal-{lineageId} #goal-notes-{lineageId}") ?? throw new InvalidOperationException("No notes section under the goal.");

    [Theory, Providers]
    public async Task A_signed_note_linked_to_a_goal_is_listed_under_it_with_date_type_author_and_a_link(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var home = await SeedAsync(app);
        var linked = await app.AddNoteAsync(home.ResidentId, home.Counselor.Id, new DateTime(2026, 6, 8, 16, 0, 0, DateTimeKind.Utc), "Practised the bus route to school.", NoteType.CaseManagement, links: [LinkTo(home.Goal)]);
        await app.AddNoteAsync(home.ResidentId, home.Counselor.Id, new DateTime(2026, 6, 9, 16, 0, 0, DateTimeKind.Utc), "Unlinked session.");

        var page = await home.Browser.GetDocumentAsync($"/Plans/Details/{home.PlanId}");

        var section = GoalNotes(page, home.Goal.LineageId);
        Assert.Contains("Progress toward the goal", section.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", section.QuerySelector(".note-count")!.TextContent.Trim());
        var item = Assert.Single(section.QuerySelectorAll(".goal-note"));
        Assert.Equal(linked.ToString(), item.GetAttribute("data-note"));
        Assert.Equal($"/Notes/Details/{linked}", item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("2026-06-08 16:00", item.QuerySelector("a")!.TextContent.Trim());
        Assert.Equal("Case management", item.QuerySelector(".note-type")!.TextContent.Trim());
        Assert.Equal("Test Counselor", item.QuerySelector(".note-author")!.TextContent.Trim());
        Assert.Equal($"/Notes/{home.ResidentId}?goal={home.Goal.LineageId}", section.QuerySelector("a.all-goal-notes")!.GetAttribute("href"));
        Assert.DoesNotContain("Practised the bus route", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_linked_note_stays_under_its_goal_after_the_plan_is_revised_into_a_new_version(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var home = await SeedAsync(app);
        var before = await app.AddNoteAsync(home.ResidentId, home.Counselor.Id, new DateTime(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc), "Before the revision.", links: [LinkTo(home.Goal)]);

        var revisedId = await app.CreatePlanAsync(home.ResidentId, PlanStatus.Active, home.Counselor.Id);
        var revisedGoal = await app.WithDbAsync(db => db.PlanGoals.AsNoTracking().SingleAsync(g => g.PlanId == revisedId));
        var after = await app.AddNoteAsync(home.ResidentId, home.Counselor.Id, new DateTime(2026, 6, 14, 10, 0, 0, DateTimeKind.Utc), "After the revision.", NoteType.Group, links: [LinkTo(revisedGoal)]);

        Assert.NotEqual(home.Goal.Id, revisedGoal.Id);
        Assert.Equal(home.Goal.LineageId, revisedGoal.LineageId);
        Assert.Equal(PlanStatus.Superseded, await app.WithDbAsync(db => db.ServicePlans.Where(p => p.Id == home.PlanId).Select(p => p.Status).SingleAsync()));
        foreach (var planId in new[] { revisedId, home.PlanId })
        {
            var page = await home.Browser.GetDocumentAsync($"/Plans/Details/{planId}");
            var section = GoalNotes(page, home.Goal.LineageId);
            Assert.Equal("2", section.QuerySelector(".note-count")!.TextContent.Trim());
            Assert.Equal([after.ToString(), before.ToString()], section.QuerySelectorAll(".goal-note").Select(i => i.GetAttribute("data-note")));
        }

        var list = await home.Browser.GetDocumentAsync($"/Notes/Index/{home.ResidentId}?goal={home.Goal.LineageId}");
        Assert.Equal([after.ToString(), before.ToString()], list.QuerySelectorAll("#notes tbody tr.note").Select(r => r.GetAttribute("data-note")));
    }

    [Theory, Providers]
    public async Task Drafts_and_notes_entered_in_error_are_not_listed_as_progress(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var home = await SeedAsync(app);
        var link = LinkTo(home.Goal);
        var pending = await app.AddNoteAsync(home.ResidentId, home.Counselor.Id, new DateTime(2026, 6, 2, 10, 0, 0, DateTimeKind.Utc), "Waiting for co-signature.", status: NoteStatus.CosignPending, links: [link]);
        await app.AddNoteAsync(home.ResidentId, home.Counselor.Id, new DateTime(2026, 6, 3, 10, 0, 0, DateTimeKind.Utc), "A draft.", status: NoteStatus.Draft, links: [link]);
        await app.AddNoteAsync(home.ResidentId, home.Counselor.Id, new DateTime(2026, 6, 4, 10, 0, 0, DateTimeKind.Utc), "In error.", links: [link], enteredInError: true);

        var section = GoalNotes(await home.Browser.GetDocumentAsync($"/Plans/Details/{home.PlanId}"), home.Goal.LineageId);

        Assert.Equal("1", section.QuerySelector(".note-count")!.TextContent.Trim());
        Assert.Equal([pending.ToString()], section.QuerySelectorAll(".goal-note").Select(i => i.GetAttribute("data-note")));
    }

    [Theory, Providers]
    public async Task A_goal_without_notes_says_so_and_only_the_latest_five_are_listed(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var home = await SeedAsync(app);
        var empty = GoalNotes(await home.Browser.GetDocumentAsync($"/Plans/Details/{home.PlanId}"), home.Goal.LineageId);
        Assert.Equal("0", empty.QuerySelector(".note-count")!.TextContent.Trim());
        Assert.Contains("No signed note", empty.TextContent, StringComparison.Ordinal);
        Assert.Null(empty.QuerySelector("a.all-goal-notes"));

        for (var day = 1; day <= 7; day++)
        {
            await app.AddNoteAsync(home.ResidentId, home.Counselor.Id, new DateTime(2026, 6, day, 10, 0, 0, DateTimeKind.Utc), $"Session {day}.", links: [LinkTo(home.Goal)]);
        }

        var section = GoalNotes(await home.Browser.GetDocumentAsync($"/Plans/Details/{home.PlanId}"), home.Goal.LineageId);
        Assert.Equal("7", section.QuerySelector(".note-count")!.TextContent.Trim());
        Assert.Equal(
            ["2026-06-07 10:00", "2026-06-06 10:00", "2026-06-05 10:00", "2026-06-04 10:00", "2026-06-03 10:00"],
            section.QuerySelectorAll(".goal-note a").Select(a => a.TextContent.Trim()));
    }

    [Theory]
    [ProviderInlineData(Roles.Counselor)]
    [ProviderInlineData(Roles.ProgramDirector)]
    [ProviderInlineData(Roles.Auditor)]
    public async Task A_sensitive_linked_note_shows_date_type_and_author_only(string role, DatabaseProvider provider)
    {
        const string secret = "Invented sensitive detail 5521 about the goal.";
        await using var app = await SafeHomeApp.StartAsync(provider);
        var home = await SeedAsync(app);
        var id = await app.AddNoteAsync(home.ResidentId, home.Counselor.Id, new DateTime(2026, 6, 5, 10, 0, 0, DateTimeKind.Utc), secret, NoteType.Crisis, sensitive: true, links: [LinkTo(home.Goal)]);
        var browser = role == Roles.Counselor ? home.Browser : (await app.SignInNewAsync(role)).Browser;

        var response = await browser.GetAsync($"/Plans/Details/{home.PlanId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var item = GoalNotes(await HtmlForms.ParseAsync(response), home.Goal.LineageId).QuerySelector($".goal-note[data-note='{id}']")!;
        Assert.Equal("2026-06-05 10:00", item.QuerySelector("a")!.TextContent.Trim());
        Assert.Equal("Crisis", item.QuerySelector(".note-type")!.TextContent.Trim());
        Assert.Equal("Test Counselor", item.QuerySelector(".note-author")!.TextContent.Trim());
        Assert.Contains("Sensitive", item.QuerySelector(".badge")!.TextContent, StringComparison.Ordinal);
    }

    /// Reported to the lead: SQLite hands DateTime back with Kind Unspecified, and ComputeContentHash formats the
    /// service times with "O", which writes a trailing "Z" only for Kind Utc, so every reloaded note fails its check.
    [Theory, Providers]
    public async Task A_signed_note_reloaded_from_the_database_still_matches_its_content_hash(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var home = await SeedAsync(app);
        var id = await app.AddNoteAsync(home.ResidentId, home.Counselor.Id, new DateTime(2026, 6, 5, 10, 0, 0, DateTimeKind.Utc), "Hash check.", links: [LinkTo(home.Goal)]);

        var (matches, kind) = await app.WithDbAsync(async db =>
        {
            var note = await db.ProgressNotes.Include(n => n.Links).SingleAsync(n => n.Id == id);
            return (note.ContentHashMatches(), note.ServiceStartUtc.Kind);
        });

        Assert.True(matches, $"kind after reload: {kind}");
    }
}
