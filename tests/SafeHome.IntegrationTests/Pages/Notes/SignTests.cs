using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using static SafeHome.IntegrationTests.Pages.Notes.NoteFormFields;

namespace SafeHome.IntegrationTests.Pages.Notes;

/// Signing a draft (DOMAIN.md §6A steps 2–4): the required parts are named next to their fields, a signature locks
/// the saved text with its hash, and staff who need supervision go to the co-signer.
public sealed class SignTests
{
    public static TheoryData<string, string, string, string> MissingParts() => new()
    {
        // case, field to clear (or format to switch to), field the message is next to, words in the message
        { "narrative section empty", "Input.Narrative", "Input.Narrative", "narrative section" },
        { "DAP without its assessment", "Format=Dap", "Input.Assessment", "assessment section" },
        { "strengths empty", "Input.StrengthsObserved", "Input.StrengthsObserved", "strength" },
        { "self-harm question unanswered", "Input.RiskSelfHarm", "Input.RiskSelfHarm", "Answer each risk question" },
        { "exploiter question unanswered", "Input.RiskExploiterContact", "Input.RiskExploiterContact", "Answer each risk question" },
        { "missing question unanswered", "Input.RiskMissing", "Input.RiskMissing", "Answer each risk question" },
    };

    [Theory]
    [ProviderMemberData(nameof(MissingParts))]
    public async Task A_missing_part_is_named_next_to_its_field_and_the_note_stays_a_draft(string name, string change, string field, string message, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var fields = Complete(app);
        if (change.StartsWith("Format=", StringComparison.Ordinal))
        {
            fields = fields.With(("Input.Format", change["Format=".Length..]), ("Input.Data", "What the youth said and did, in context."), ("Input.Plan", "Meet again on Monday."));
        }
        else
        {
            fields.Remove(change);
        }

        var noteId = await browser.WriteDraftAsync(residentId, fields);
        var before = await SnapshotAsync(app);

        var response = await browser.SignAsync(noteId);

        AssertOk(response);
        var page = await HtmlForms.ParseAsync(response);
        Assert.True(page.FieldError(field)?.Contains(message, StringComparison.OrdinalIgnoreCase) == true, $"{name}: message next to {field} was '{page.FieldError(field)}'");
        Assert.Contains("not signed", page.QuerySelector("#sign-problem")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#note-form"));
        Assert.Equal(before, await SnapshotAsync(app));
        Assert.Equal(NoteStatus.Draft, (await LoadAsync(app, noteId)).Status);
    }

    [Theory, Providers]
    public async Task A_yes_to_a_risk_question_needs_the_follow_up_action(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);

        var refused = await browser.SubmitFormAsync($"/Notes/Write/{residentId}", Complete(app).With(("Input.RiskMissing", "true"), ("Input.RiskFollowUp", "   ")));

        AssertOk(refused);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Contains("follow-up action", page.FieldError("Input.RiskFollowUp"), StringComparison.Ordinal);
        Assert.True(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#RiskMissing-yes")!.IsChecked);
        Assert.Equal(0, await CountAsync(app));

        var noteId = await browser.WriteDraftAsync(residentId, Complete(app).With(("Input.RiskMissing", "true"), ("Input.RiskFollowUp", "Missing-from-care plan reviewed; supervisor told.")));
        (await browser.SignAsync(noteId)).AssertRedirectTo($"/Notes/Details/{noteId}");
        var note = await LoadAsync(app, noteId);
        Assert.Equal((true, "Missing-from-care plan reviewed; supervisor told."), (note.RiskMissing, note.RiskFollowUp));
        Assert.Equal(NoteStatus.Signed, note.Status);
    }

    [Theory, Providers]
    public async Task Signing_locks_the_saved_text_with_the_signer_the_time_and_the_content_hash(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var noteId = await browser.WriteDraftAsync(residentId, Complete(app));
        app.Clock.Advance(TimeSpan.FromMinutes(7));

        // Unsaved typing posted along with the sign form is not what gets signed.
        var response = await browser.SubmitFormAsync($"/Notes/Edit/{noteId}", new() { ["Input.Narrative"] = "Typed but never saved" }, handler: "Sign");

        response.AssertRedirectTo($"/Notes/Details/{noteId}");
        var note = await LoadAsync(app, noteId);
        Assert.Equal(NoteStatus.Signed, note.Status);
        Assert.Equal(Now(app), note.SignedAtUtc);
        Assert.Equal(counselor.Id, note.SignedById);
        Assert.Equal("Talked about the week ahead and planned the art class together.", note.Narrative);
        Assert.Equal(note.ComputeContentHash(), note.ContentHash);
        Assert.True(note.ContentHashMatches());
        Assert.Null(note.LanguageOverrideReason);
        Assert.Empty(note.LanguageFindings);

        // From now on the edit page is the way to an amendment, not a form.
        Assert.NotNull((await browser.GetDocumentAsync($"/Notes/Edit/{noteId}")).QuerySelector("#signed-notice"));
    }

    [Theory, Providers]
    public async Task A_counselor_who_needs_supervision_signs_into_waiting_for_co_signature(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == counselor.Id);
            user.RequiresCosign = true;
            return await db.SaveChangesAsync();
        });
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var noteId = await browser.WriteDraftAsync(residentId, Complete(app));

        (await browser.SignAsync(noteId)).AssertRedirectTo($"/Notes/Details/{noteId}");

        var note = await LoadAsync(app, noteId);
        Assert.Equal(NoteStatus.CosignPending, note.Status);
        Assert.Equal(counselor.Id, note.SignedById);
        Assert.True(note.ContentHashMatches());
        Assert.Null(note.CosignedAtUtc);
    }

    [Theory, Providers]
    public async Task Signing_from_a_page_opened_before_the_last_save_signs_nothing_and_shows_the_saved_draft(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var noteId = await browser.WriteDraftAsync(residentId, Complete(app));
        var url = $"/Notes/Edit/{noteId}";
        var stale = await browser.GetDocumentAsync(url);
        (await browser.SubmitFormAsync(url, new() { ["Input.Narrative"] = "Saved in another tab" })).AssertRedirectTo(url);
        var before = await SnapshotAsync(app);

        var response = await browser.SubmitFormAsync(stale, url, [], handler: "Sign");

        AssertOk(response);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("saved again", page.QuerySelector("#sign-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Saved in another tab", page.QuerySelector("#Input_Narrative")!.TextContent.Trim());
        Assert.Equal(before, await SnapshotAsync(app));

        // The re-rendered sign form carries the current version.
        (await browser.SubmitFormAsync(page, url, [], handler: "Sign")).AssertRedirectTo($"/Notes/Details/{noteId}");
        Assert.Equal(NoteStatus.Signed, (await LoadAsync(app, noteId)).Status);
    }

    [Theory, Providers]
    public async Task A_sign_post_without_the_version_signs_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var noteId = await app.CreateNoteAsync(residentId, counselor.Id);
        var before = await SnapshotAsync(app);
        var token = await browser.AntiforgeryTokenAsync($"/Notes/Edit/{noteId}");

        var response = await browser.PostAsync($"/Notes/Edit/{noteId}?handler=Sign", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Reload the page", (await HtmlForms.ParseAsync(response)).FieldError("SignInput.Version"), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(app));
    }
}
