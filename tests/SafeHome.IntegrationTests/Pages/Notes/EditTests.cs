using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using static SafeHome.IntegrationTests.Pages.Notes.NoteFormFields;

namespace SafeHome.IntegrationTests.Pages.Notes;

/// Editing a draft (DOMAIN.md §6A step 1): only by its author, never once signed, and never over someone else's save.
public sealed class EditTests
{
    [Theory, Providers]
    public async Task The_author_edits_a_draft_and_the_changes_are_stored(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id, "Edita Example");
        var noteId = await app.CreateNoteAsync(residentId, counselor.Id);
        var url = $"/Notes/Edit/{noteId}";

        var page = await browser.GetDocumentAsync(url);
        Assert.Equal(NoteSeeding.SeededNarrative, page.QuerySelector("#Input_Narrative")!.TextContent.Trim());
        Assert.Equal(Local(Now(app).AddHours(-2)), page.QuerySelector("#Input_ServiceStart")!.GetAttribute("value"));
        Assert.Equal(nameof(NoteFormat.Narrative), ((IHtmlSelectElement)page.QuerySelector("#Input_Format")!).Value);
        Assert.Contains("Edita Example", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#return-comments"));

        var response = await browser.SubmitFormAsync(page, url, new()
        {
            ["Input.Format"] = nameof(NoteFormat.Birp),
            ["Input.Type"] = nameof(NoteType.Crisis),
            ["Input.Behavior"] = "Left the group after the court date was mentioned.",
            ["Input.Intervention"] = "Offered a walk and a choice of who to talk to.",
            ["Input.Response"] = "Chose to talk with the counselor; breathing slowed.",
            ["Input.Plan"] = "Check in before the court date.",
            ["Input.StrengthsObserved"] = "Asked for space and came back",
            ["Input.IsSensitive"] = "true",
        });

        response.AssertRedirectTo(url);
        var note = await LoadAsync(app, noteId);
        Assert.Equal((NoteFormat.Birp, NoteType.Crisis, NoteStatus.Draft), (note.Format, note.Type, note.Status));
        Assert.Equal("Left the group after the court date was mentioned.", note.Behavior);
        Assert.Equal("Check in before the court date.", note.Plan);
        Assert.Null(note.Narrative);
        Assert.Equal("Asked for space and came back", note.StrengthsObserved);
        Assert.True(note.IsSensitive);
        Assert.Equal(1, note.Version);

        // The sensitive mark comes off the same way.
        (await browser.SubmitFormAsync(url, new() { ["Input.IsSensitive"] = "false" })).AssertRedirectTo(url);
        Assert.False((await LoadAsync(app, noteId)).IsSensitive);
    }

    [Theory, Providers]
    public async Task Links_follow_the_ticked_boxes_and_an_objective_brings_its_goal(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var (goalId, objectiveId) = await ActivePlanItemsAsync(app, await CreateActivePlanAsync(app, residentId, counselor.Id));
        var noteId = await app.CreateNoteAsync(residentId, counselor.Id);
        var url = $"/Notes/Edit/{noteId}";

        (await browser.SubmitFormAsync(url, new() { ["Input.GoalIds"] = goalId.ToString() })).AssertRedirectTo(url);
        var goalOnly = Assert.Single((await LoadAsync(app, noteId)).Links);
        Assert.Equal((goalId, (Guid?)null), (goalOnly.GoalId, goalOnly.ObjectiveId));

        // The edit page now has the goal ticked; ticking the objective too makes one link to the objective.
        (await browser.SubmitFormAsync(url, new() { ["Input.ObjectiveIds"] = objectiveId.ToString() })).AssertRedirectTo(url);
        var both = Assert.Single((await LoadAsync(app, noteId)).Links);
        Assert.Equal((goalId, (Guid?)objectiveId), (both.GoalId, both.ObjectiveId));

        // Unticking both removes the link.
        var page = await browser.GetDocumentAsync(url);
        var fields = HtmlForms.FieldsOf(page.QuerySelector<IHtmlFormElement>("#note-form")!);
        fields.RemoveAll(f => f.Key is "Input.GoalIds" or "Input.ObjectiveIds");
        (await browser.PostAsync(url, new FormUrlEncodedContent(fields))).AssertRedirectTo(url);
        Assert.Empty((await LoadAsync(app, noteId)).Links);
    }

    [Theory, Providers]
    public async Task Another_counselor_on_the_same_caseload_is_refused_and_nothing_changes(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (author, authorBrowser) = await app.SignInNewAsync(Roles.Counselor);
        var (colleague, colleagueBrowser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(author.Id);
        await app.WithDbAsync(async db =>
        {
            var resident = await db.Residents.Include(r => r.Assignments).SingleAsync(r => r.Id == residentId);
            resident.AssignCaseload(author.Id, [colleague.Id], Now(app));
            return await db.SaveChangesAsync();
        });
        var noteId = await app.CreateNoteAsync(residentId, author.Id);
        var url = $"/Notes/Edit/{noteId}";
        var authorsForm = await authorBrowser.GetDocumentAsync(url);
        var before = await SnapshotAsync(app);

        var get = await colleagueBrowser.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        var refusal = await HtmlForms.ParseAsync(get);
        Assert.Contains("Only the author", refusal.QuerySelector("#not-author")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(refusal.QuerySelectorAll("main form[method=post]"));
        Assert.DoesNotContain(NoteSeeding.SeededNarrative, refusal.DocumentElement.OuterHtml, StringComparison.Ordinal);

        // The author's complete forms, posted with the colleague's own token, change nothing.
        var token = await colleagueBrowser.AntiforgeryTokenAsync($"/Notes/Write/{residentId}");
        foreach (var (form, target) in new[] { ("#note-form", url), ("#sign-form", $"{url}?handler=Sign") })
        {
            var fields = HtmlForms.FieldsOf(authorsForm.QuerySelector<IHtmlFormElement>(form)!);
            fields.RemoveAll(f => f.Key is "__RequestVerificationToken" or "Input.Narrative");
            fields.Add(new("Input.Narrative", "Rewritten by a colleague"));
            fields.Add(new("__RequestVerificationToken", token));

            var response = await colleagueBrowser.PostAsync(target, new FormUrlEncodedContent(fields));

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.NotNull((await HtmlForms.ParseAsync(response)).QuerySelector("#not-author"));
        }

        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Theory]
    [ProviderInlineData(NoteStatus.Signed)]
    [ProviderInlineData(NoteStatus.CosignPending)]
    [ProviderInlineData(NoteStatus.Cosigned)]
    public async Task A_signed_note_shows_where_changes_go_and_refuses_even_a_complete_forged_post(NoteStatus state, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var draftId = await app.CreateNoteAsync(residentId, counselor.Id);
        var signedId = await app.CreateNoteAsync(residentId, counselor.Id, state);
        var url = $"/Notes/Edit/{signedId}";
        var signedBefore = await LoadAsync(app, signedId);
        var before = await SnapshotAsync(app);

        var page = await browser.GetDocumentAsync(url);
        Assert.Contains("signed — add an amendment", page.QuerySelector("#signed-notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/Notes/Amend/{signedId}", page.QuerySelector("#amend-link")!.GetAttribute("href"));
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));

        // A draft's complete forms, retargeted at the signed note, with its current version.
        var draftForm = await browser.GetDocumentAsync($"/Notes/Edit/{draftId}");
        foreach (var (form, target) in new[] { ("#note-form", url), ("#sign-form", $"{url}?handler=Sign") })
        {
            var fields = HtmlForms.FieldsOf(draftForm.QuerySelector<IHtmlFormElement>(form)!);
            fields.RemoveAll(f => f.Key is "Input.Narrative" or "Input.Version" or "SignInput.Version" or "SignInput.LanguageOverrideReason");
            fields.AddRange(
            [
                new("Input.Narrative", "Rewritten after signing"),
                new("Input.Version", signedBefore.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("SignInput.Version", signedBefore.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("SignInput.LanguageOverrideReason", "Forged"),
            ]);

            var response = await browser.PostAsync(target, new FormUrlEncodedContent(fields));

            AssertOk(response);
            Assert.NotNull((await HtmlForms.ParseAsync(response)).QuerySelector("#signed-notice"));
        }

        Assert.Equal(before, await SnapshotAsync(app));
        var after = await LoadAsync(app, signedId);
        Assert.Equal(signedBefore.ContentHash, after.ContentHash);
        Assert.Equal(signedBefore.ComputeContentHash(), after.ComputeContentHash());
        Assert.Equal(NoteSeeding.SeededNarrative, after.Narrative);
    }

    [Theory, Providers]
    public async Task Two_saves_from_the_same_version_the_second_gets_the_conflict_and_keeps_its_typing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var noteId = await app.CreateNoteAsync(residentId, counselor.Id);
        var url = $"/Notes/Edit/{noteId}";
        var firstTab = await browser.GetDocumentAsync(url);
        var secondTab = await browser.GetDocumentAsync(url);

        var winner = await browser.SubmitFormAsync(firstTab, url, new() { ["Input.Narrative"] = "First tab's wording" });
        var loser = await browser.SubmitFormAsync(secondTab, url, new() { ["Input.Narrative"] = "Second tab's wording", ["Input.StrengthsObserved"] = "Typed in the second tab" });

        winner.AssertRedirectTo(url);
        AssertOk(loser);
        var page = await HtmlForms.ParseAsync(loser);
        var conflict = page.QuerySelector("#conflict")!.TextContent;
        Assert.Contains("First tab's wording", conflict, StringComparison.Ordinal);
        Assert.Contains("Second tab's wording", conflict, StringComparison.Ordinal);
        Assert.Equal("Second tab's wording", page.QuerySelector("#Input_Narrative")!.TextContent.Trim());
        Assert.Equal("Typed in the second tab", page.QuerySelector("#Input_StrengthsObserved")!.TextContent.Trim());
        var saved = await LoadAsync(app, noteId);
        Assert.Equal("First tab's wording", saved.Narrative);
        Assert.Equal("Asked for help when stuck", saved.StrengthsObserved);

        // The re-rendered form carries the current version, so saving again after review succeeds.
        (await browser.SubmitFormAsync(page, url, [])).AssertRedirectTo(url);
        Assert.Equal("Second tab's wording", (await LoadAsync(app, noteId)).Narrative);
    }

    [Theory, Providers]
    public async Task A_note_returned_by_the_co_signer_shows_the_comments_to_the_author(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var director = await app.CreateStaffAsync(Roles.ProgramDirector);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var noteId = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.CosignPending);
        await app.WithDbAsync(async db =>
        {
            var note = await db.ProgressNotes.SingleAsync(n => n.Id == noteId);
            note.ReturnToAuthor(director.Id, "Describe what happened before she left the room.\nAdd the strength you saw.", Now(app));
            return await db.SaveChangesAsync();
        });

        var page = await browser.GetDocumentAsync($"/Notes/Edit/{noteId}");

        var comments = page.QuerySelector("#return-comments")!.TextContent;
        Assert.Contains("Describe what happened before she left the room.", comments, StringComparison.Ordinal);
        Assert.Contains("Add the strength you saw.", comments, StringComparison.Ordinal);
        Assert.Contains("Test ProgramDirector", comments, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#note-form"));
        Assert.NotNull(page.QuerySelector("#sign-form"));
    }
}
