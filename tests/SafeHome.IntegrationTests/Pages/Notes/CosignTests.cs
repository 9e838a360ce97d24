using System.Globalization;
using System.Net;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Notes;

/// Co-signing (DOMAIN.md §6A step 4) through the real page: a director or the author's designated supervisor
/// co-signs or returns the note with comments; the author never co-signs their own note; everyone else is refused
/// and nothing changes.
public sealed class CosignTests
{
    [Theory, Providers]
    public async Task A_director_co_signs_a_pending_note(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var id = await PendingNoteAsync(app, counselor);
        var before = await NoteReview.LoadAsync(app, id);
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var (director, browser) = await app.SignInNewAsync(Roles.ProgramDirector);

        var page = await browser.GetDocumentAsync($"/Notes/Cosign/{id}");
        Assert.Contains(NoteSeeding.SeededNarrative, page.QuerySelector("#note-content")!.TextContent, StringComparison.Ordinal);
        var response = await browser.SubmitFormAsync(page, $"/Notes/Cosign/{id}", new());

        response.AssertRedirectTo($"/Notes/Details/{id}");
        var note = await NoteReview.LoadAsync(app, id);
        Assert.Equal(NoteStatus.Cosigned, note.Status);
        Assert.Equal(director.Id, note.CosignedById);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, note.CosignedAtUtc);
        Assert.Equal((before.SignedById, before.SignedAtUtc, before.ContentHash), (note.SignedById, note.SignedAtUtc, note.ContentHash));
        var details = await browser.GetDocumentAsync($"/Notes/Details/{id}");
        Assert.Equal("2026-06-15 15:20 by Test ProgramDirector", details.QuerySelector("#cosigned")!.TextContent.Trim());
        Assert.Equal("true", details.QuerySelector("#hash-status")!.GetAttribute("data-verified"));
    }

    [Theory, Providers]
    public async Task A_return_needs_comments_and_then_sends_the_note_back_to_draft_without_its_signature(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var id = await PendingNoteAsync(app, counselor);
        var (director, browser) = await app.SignInNewAsync(Roles.ProgramDirector);
        var before = await NoteReview.SnapshotAsync(app);

        var refused = await browser.SubmitFormAsync($"/Notes/Cosign/{id}", new() { ["Input.ReturnComments"] = " \r\n " }, handler: "Return");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Say what the author should change.", (await HtmlForms.ParseAsync(refused)).FieldError("Input.ReturnComments"));
        Assert.Equal(before, await NoteReview.SnapshotAsync(app));

        var response = await browser.SubmitFormAsync($"/Notes/Cosign/{id}", new() { ["Input.ReturnComments"] = "Add what the youth chose for next week." }, handler: "Return");

        response.AssertRedirectTo($"/Notes/Details/{id}");
        var note = await NoteReview.LoadAsync(app, id);
        Assert.Equal(NoteStatus.Draft, note.Status);
        Assert.Equal("Add what the youth chose for next week.", note.ReturnComments);
        Assert.Equal(director.Id, note.ReturnedById);
        Assert.Null(note.SignedAtUtc);
        Assert.Null(note.SignedById);
        Assert.Null(note.ContentHash);
        Assert.Null(note.CosignedById);

        var authorPage = await (await app.SignInAsync(counselor)).GetDocumentAsync($"/Notes/Details/{id}");
        Assert.Contains("Add what the youth chose for next week.", authorPage.QuerySelector("#return-comments")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(authorPage.QuerySelector("#edit-link"));
    }

    [Theory, Providers]
    public async Task A_designated_supervisor_outside_the_caseload_co_signs_the_note_of_the_person_they_supervise(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var supervisor = await app.CreateStaffAsync(Roles.Counselor);
        await NoteReview.DesignateSupervisorAsync(app, counselor.Id, supervisor.Id);
        var id = await PendingNoteAsync(app, counselor);
        var browser = await app.SignInAsync(supervisor);

        var response = await browser.SubmitFormAsync($"/Notes/Cosign/{id}", new());

        response.AssertRedirectTo($"/Notes/Details/{id}");
        var note = await NoteReview.LoadAsync(app, id);
        Assert.Equal((NoteStatus.Cosigned, supervisor.Id), (note.Status, note.CosignedById));
    }

    [Theory, Providers]
    public async Task The_author_never_co_signs_their_own_note_even_as_a_director(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var director = await app.CreateStaffAsync(Roles.ProgramDirector);
        var counselorNote = await PendingNoteAsync(app, counselor);
        var directorNote = await app.CreateNoteAsync(await app.CreateResidentAsync(counselor.Id, "Second Invented"), director.Id, NoteStatus.CosignPending);
        var before = await NoteReview.SnapshotAsync(app);

        foreach (var (member, id) in new[] { (counselor, counselorNote), (director, directorNote) })
        {
            var browser = await app.SignInAsync(member);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/Notes/Cosign/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostCosignAsync(app, browser, id, $"/Notes/Details/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostCosignAsync(app, browser, id, $"/Notes/Details/{id}", "Return")).StatusCode);
        }

        Assert.Equal(before, await NoteReview.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task A_counselor_who_is_not_the_supervisor_is_refused_403_on_the_caseload_and_404_outside_it(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var author = await app.CreateStaffAsync(Roles.Counselor);
        var colleague = await app.CreateStaffAsync(Roles.Counselor);
        var outsider = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(author.Id);
        await NoteReview.AddToCaseloadAsync(app, residentId, author.Id, colleague.Id);
        var id = await app.CreateNoteAsync(residentId, author.Id, NoteStatus.CosignPending);
        var before = await NoteReview.SnapshotAsync(app);

        var colleagueBrowser = await app.SignInAsync(colleague);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleagueBrowser.GetAsync($"/Notes/Cosign/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostCosignAsync(app, colleagueBrowser, id, $"/Notes/Details/{id}")).StatusCode);

        var outsiderBrowser = await app.SignInAsync(outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderBrowser.GetAsync($"/Notes/Cosign/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostCosignAsync(app, outsiderBrowser, id, "/Notes/Unsigned")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostCosignAsync(app, outsiderBrowser, id, "/Notes/Unsigned", "Return")).StatusCode);

        Assert.Equal(before, await NoteReview.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task A_note_not_waiting_for_a_co_signature_shows_a_clear_message_and_a_post_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var signed = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.Signed);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var before = await NoteReview.SnapshotAsync(app);

        var page = await director.GetDocumentAsync($"/Notes/Cosign/{signed}");
        Assert.Contains("not waiting for a co-signature", page.QuerySelector("#not-pending")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(page.QuerySelectorAll("form[method=post]"), f => f.GetAttribute("action")?.Contains("/Notes/Cosign", StringComparison.Ordinal) == true);

        foreach (var handler in new string?[] { null, "Return" })
        {
            var response = await PostCosignAsync(app, director, signed, $"/Notes/Details/{signed}", handler);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("not waiting for a co-signature", (await HtmlForms.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(before, await NoteReview.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task A_supervisor_who_may_not_read_a_sensitive_note_cannot_co_sign_it_blind(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var supervisor = await app.CreateStaffAsync(Roles.Counselor);
        await NoteReview.DesignateSupervisorAsync(app, counselor.Id, supervisor.Id);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.CosignPending, sensitive: true);
        var browser = await app.SignInAsync(supervisor);
        var before = await NoteReview.SnapshotAsync(app);

        var response = await browser.GetAsync($"/Notes/Cosign/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(NoteSeeding.SeededNarrative, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("A program director can", (await HtmlForms.ParseAsync(response)).QuerySelector("#restricted")!.TextContent, StringComparison.Ordinal);

        var post = await PostCosignAsync(app, browser, id, $"/Notes/Details/{id}");
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.DoesNotContain(NoteSeeding.SeededNarrative, await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await NoteReview.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task A_complete_valid_co_signature_or_return_from_an_auditor_is_refused_with_403_and_nothing_changes(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var id = await PendingNoteAsync(app, counselor);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var before = await NoteReview.SnapshotAsync(app);

        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/Notes/Cosign/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostCosignAsync(app, auditor, id, $"/Notes/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostCosignAsync(app, auditor, id, $"/Notes/Details/{id}", "Return")).StatusCode);
        Assert.Equal(before, await NoteReview.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task A_co_signature_on_a_page_older_than_an_amendment_is_refused_with_a_conflict_message(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var id = await PendingNoteAsync(app, counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var stale = await director.GetDocumentAsync($"/Notes/Cosign/{id}");
        (await (await app.SignInAsync(counselor)).SubmitFormAsync($"/Notes/Amend/{id}", new() { ["Input.Kind"] = nameof(AmendmentKind.Addendum), ["Input.Text"] = "The youth added a goal." }))
            .AssertRedirectTo($"/Notes/Details/{id}");
        var before = await NoteReview.SnapshotAsync(app);

        var response = await director.SubmitFormAsync(stale, $"/Notes/Cosign/{id}", new());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("#conflict"));
        Assert.Equal(before, await NoteReview.SnapshotAsync(app));

        // The page now carries the new version, so a second look and a second click co-sign.
        (await director.SubmitFormAsync(page, $"/Notes/Cosign/{id}", new())).AssertRedirectTo($"/Notes/Details/{id}");
        Assert.Equal(NoteStatus.Cosigned, (await NoteReview.LoadAsync(app, id)).Status);
    }

    internal static async Task<Guid> PendingNoteAsync(SafeHomeApp app, StaffMember counselor)
    {
        var residentId = await app.CreateResidentAsync(counselor.Id);
        return await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.CosignPending);
    }

    /// A complete, valid decision (current version, comments) posted with the user's own antiforgery token.
    internal static async Task<HttpResponseMessage> PostCosignAsync(SafeHomeApp app, HttpClient browser, Guid id, string tokenPage, string? handler = null)
    {
        var token = await browser.AntiforgeryTokenAsync(tokenPage);
        var version = (await NoteReview.LoadAsync(app, id)).Version.ToString(CultureInfo.InvariantCulture);
        return await browser.PostAsync($"/Notes/Cosign/{id}{(handler is null ? "" : $"?handler={handler}")}", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("Input.Version", version),
            new("Input.ReturnComments", "Please add the youth's plan for the weekend."),
        ]));
    }
}

/// SECURITY.md §4 on the return comments: refused input answers 200 with the message next to the field and changes
/// nothing; text that only looks dangerous is kept as typed and rendered inert.
public sealed class CosignBadInputTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { new string('c', 1024 * 1024), "at most 2000 characters" },
        { new string('c', 2001), "at most 2000 characters" },
        { "Please fix\u202Etxt.exe", "U+202E" },
        { "Please fix\u200Bthis", "U+200B" },
        { "", "Say what the author should change" },
        { "\u00A0\u2003 ", "Say what the author should change" },
    };

    [Theory]
    [ProviderMemberData(nameof(Cases))]
    public async Task Bad_return_comments_are_refused_next_to_the_field_and_nothing_changes(string comments, string message, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var id = await CosignTests.PendingNoteAsync(app, counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var before = await NoteReview.SnapshotAsync(app);

        var response = await director.SubmitFormAsync($"/Notes/Cosign/{id}", new() { ["Input.ReturnComments"] = comments }, handler: "Return");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.True(page.FieldError("Input.ReturnComments") is { } error && error.Contains(message, StringComparison.Ordinal), NoteReview.FieldErrors(page));
        Assert.Equal(before, await NoteReview.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task A_NUL_character_is_named_next_to_its_field_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var id = await CosignTests.PendingNoteAsync(app, counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var before = await NoteReview.SnapshotAsync(app);

        // The framework's form reader rejects U+0000 outright, so the friendly 400 page answers, not the form.
        var response = await director.SubmitFormAsync($"/Notes/Cosign/{id}", new() { ["Input.ReturnComments"] = "Please fix\0this" }, handler: "Return");

        // Issue 15: the form comes back with a message next to the field that says what was wrong, and nothing is saved.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("contained a NUL character", System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await NoteReview.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task Script_in_the_return_comments_is_stored_as_typed_and_rendered_inert(DatabaseProvider provider)
    {
        const string script = "<script>alert(1)</script> \"><svg onload=alert(1)>";
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var id = await CosignTests.PendingNoteAsync(app, counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);

        (await director.SubmitFormAsync($"/Notes/Cosign/{id}", new() { ["Input.ReturnComments"] = script }, handler: "Return"))
            .AssertRedirectTo($"/Notes/Details/{id}");

        Assert.Equal(script, (await NoteReview.LoadAsync(app, id)).ReturnComments);
        foreach (var (browser, url) in new[] { (director, $"/Notes/Details/{id}"), (await app.SignInAsync(counselor), "/Notes/Unsigned") })
        {
            var response = await browser.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<svg onload", html, StringComparison.Ordinal);
            Assert.Contains(script, (await HtmlForms.ParseAsync(response)).Body!.TextContent, StringComparison.Ordinal);
        }
    }
}
