using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Notes;

/// The unsigned-notes list: what each role sees, the signing deadline and overdue marking, and no note text in it.
public sealed class UnsignedTests
{
    [Theory, Providers]
    public async Task The_author_sees_their_draft_with_its_due_time_and_it_is_marked_overdue_after_the_deadline(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id, "Juniper Invented");
        var id = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.Draft);

        var row = Single(await (await app.SignInAsync(counselor)).GetDocumentAsync("/Notes/Unsigned"), id);
        Assert.Contains("Juniper Invented", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Individual", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-06-15 13:00", row.TextContent, StringComparison.Ordinal);

        // Service ended at 14:00; the default deadline is 24 hours after that.
        Assert.Equal("2026-06-16 14:00", row.QuerySelector(".due-at")!.TextContent.Trim());
        Assert.Null(row.QuerySelector(".overdue"));
        Assert.DoesNotContain("Overdue", row.TextContent, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromHours(23).Add(TimeSpan.FromMinutes(1)));
        var late = Single(await (await app.SignInAsync(counselor)).GetDocumentAsync("/Notes/Unsigned"), id);
        var overdue = late.QuerySelector(".overdue")!;
        Assert.Equal("Overdue", overdue.TextContent.Trim());
        Assert.Contains("text-danger", overdue.ClassName, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_director_sees_every_draft_and_every_pending_note_of_all_authors_and_nothing_signed(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var first = await app.CreateStaffAsync(Roles.Counselor);
        var second = await app.CreateStaffAsync(Roles.Counselor);
        var firstResident = await app.CreateResidentAsync(first.Id, "First Invented");
        var secondResident = await app.CreateResidentAsync(second.Id, "Second Invented");
        var drafts = new[] { await app.CreateNoteAsync(firstResident, first.Id), await app.CreateNoteAsync(secondResident, second.Id) };
        var pending = new[] { await app.CreateNoteAsync(firstResident, first.Id, NoteStatus.CosignPending), await app.CreateNoteAsync(secondResident, second.Id, NoteStatus.CosignPending) };
        var done = new[] { await app.CreateNoteAsync(firstResident, first.Id, NoteStatus.Signed), await app.CreateNoteAsync(secondResident, second.Id, NoteStatus.Cosigned) };
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);

        var page = await director.GetDocumentAsync("/Notes/Unsigned");

        Assert.Equal([.. drafts, .. pending], Listed(page).Order());
        Assert.All(done, id => Assert.DoesNotContain(id, Listed(page)));
        foreach (var id in pending)
        {
            Assert.NotNull(Single(page, id).QuerySelector($"a[href='/Notes/Cosign/{id}']"));
        }

        // Signing a draft takes it off the list.
        await app.WithDbAsync(async db =>
        {
            var note = await db.ProgressNotes.SingleAsync(n => n.Id == drafts[0]);
            note.Sign(first.Id, [], null, needsCosign: false, app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        Assert.DoesNotContain(drafts[0], Listed(await director.GetDocumentAsync("/Notes/Unsigned")));
    }

    [Theory, Providers]
    public async Task A_counselor_sees_their_own_drafts_on_their_caseload_and_the_notes_waiting_for_their_co_signature(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var supervisee = await app.CreateStaffAsync(Roles.Counselor);
        var stranger = await app.CreateStaffAsync(Roles.Counselor);
        await NoteReview.DesignateSupervisorAsync(app, supervisee.Id, counselor.Id);
        var own = await app.CreateResidentAsync(counselor.Id, "Own Invented");
        var theirs = await app.CreateResidentAsync(supervisee.Id, "Their Invented");
        var strangers = await app.CreateResidentAsync(stranger.Id, "Stranger Invented");
        var ownDraft = await app.CreateNoteAsync(own, counselor.Id);
        var ownPending = await app.CreateNoteAsync(own, counselor.Id, NoteStatus.CosignPending);
        var offCaseloadDraft = await app.CreateNoteAsync(strangers, counselor.Id);
        var superviseeDraft = await app.CreateNoteAsync(theirs, supervisee.Id);
        var superviseePending = await app.CreateNoteAsync(theirs, supervisee.Id, NoteStatus.CosignPending);
        var strangerPending = await app.CreateNoteAsync(strangers, stranger.Id, NoteStatus.CosignPending);

        var page = await (await app.SignInAsync(counselor)).GetDocumentAsync("/Notes/Unsigned");

        Assert.Equal(new[] { ownDraft, superviseePending }.Order(), Listed(page).Order());
        Assert.All(new[] { ownPending, offCaseloadDraft, superviseeDraft, strangerPending }, id => Assert.DoesNotContain(id, Listed(page)));
        Assert.NotNull(Single(page, ownDraft).QuerySelector($"a[href='/Notes/Edit/{ownDraft}']"));
        Assert.NotNull(Single(page, superviseePending).QuerySelector($"a[href='/Notes/Cosign/{superviseePending}']"));
    }

    [Theory, Providers]
    public async Task A_returned_draft_is_marked_with_the_comments_for_its_author(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var id = await CosignTests.PendingNoteAsync(app, counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        (await director.SubmitFormAsync($"/Notes/Cosign/{id}", new() { ["Input.ReturnComments"] = "Name the strength you saw." }, handler: "Return"))
            .AssertRedirectTo($"/Notes/Details/{id}");

        var row = Single(await (await app.SignInAsync(counselor)).GetDocumentAsync("/Notes/Unsigned"), id);

        Assert.Contains("returned for changes", row.QuerySelector(".status")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Name the strength you saw.", row.QuerySelector(".return-comments")!.TextContent.Trim());
    }

    [Theory, Providers]
    public async Task No_sensitive_note_text_appears_in_the_list_for_anyone(DatabaseProvider provider)
    {
        const string secret = "Invented sensitive detail 4410.";
        const string comments = "Invented sensitive comment 5521.";
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var supervisor = await app.CreateStaffAsync(Roles.Counselor);
        await NoteReview.DesignateSupervisorAsync(app, counselor.Id, supervisor.Id);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var draft = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.Draft, sensitive: true, narrative: secret);
        var pending = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.CosignPending, sensitive: true, narrative: secret);
        var returned = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.CosignPending, sensitive: true, narrative: secret);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        (await director.SubmitFormAsync($"/Notes/Cosign/{returned}", new() { ["Input.ReturnComments"] = comments }, handler: "Return"))
            .AssertRedirectTo($"/Notes/Details/{returned}");

        var lists = new Dictionary<string, (HttpClient Browser, Guid[] Expected)>
        {
            ["author"] = (await app.SignInAsync(counselor), [draft, returned]),
            ["supervisor"] = (await app.SignInAsync(supervisor), [pending]),
            ["director"] = (director, [draft, pending, returned]),
        };
        foreach (var (who, (browser, expected)) in lists)
        {
            var response = await browser.GetAsync("/Notes/Unsigned");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.False(html.Contains(secret, StringComparison.Ordinal), $"{who} saw the note text");
            Assert.False(html.Contains(comments, StringComparison.Ordinal), $"{who} saw the return comments");
            Assert.False(html.Contains("I liked the drawing part.", StringComparison.Ordinal), $"{who} saw the youth's words");
            Assert.Equal(expected.Order(), Listed(await HtmlForms.ParseAsync(response)).Order());
        }
    }

    [Theory, Providers]
    public async Task The_list_is_paged_twenty_at_a_time(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var ids = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            ids.Add(await app.CreateNoteAsync(residentId, counselor.Id));
        }

        var browser = await app.SignInAsync(counselor);
        var first = await browser.GetDocumentAsync("/Notes/Unsigned");
        var second = await browser.GetDocumentAsync("/Notes/Unsigned?p=2");

        Assert.Equal(20, Listed(first).Count);
        Assert.Equal(3, Listed(second).Count);
        Assert.Equal(ids.Order(), Listed(first).Concat(Listed(second)).Order());
        Assert.Contains("Page 1 of 2", first.QuerySelector("nav[aria-label=Pages]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, Listed(await browser.GetDocumentAsync("/Notes/Unsigned?p=999")).Count);
        Assert.Equal(20, Listed(await browser.GetDocumentAsync("/Notes/Unsigned?p=-5")).Count);
    }

    private static List<Guid> Listed(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#unsigned tr.unsigned-row").Select(r => Guid.Parse(r.GetAttribute("data-note")!))];

    private static AngleSharp.Dom.IElement Single(IHtmlDocument page, Guid id)
    {
        var row = page.QuerySelector($"#unsigned tr[data-note='{id}']");
        Assert.True(row is not null, $"note {id} is not listed");
        return row;
    }
}
