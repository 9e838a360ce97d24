using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Notes;

/// The note page: the note as signed, its integrity re-checked on every view, and a sensitive note's text shown only
/// to the resident's caseload, the directors and the auditors.
public sealed class NoteDetailsTests
{
    [Theory, Providers]
    public async Task A_signed_note_shows_its_header_sections_and_a_verified_content_hash_and_the_view_is_audited(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id, "Nova Invented");
        var id = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.Signed);

        var page = await browser.GetDocumentAsync($"/Notes/Details/{id}");

        Assert.Contains("Nova Invented", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#hash-status")!.GetAttribute("data-verified"));
        Assert.Contains("Content hash verified", page.QuerySelector("#hash-status")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Individual", page.QuerySelector("#note-type")!.TextContent.Trim());
        Assert.Equal("2026-06-15 13:00 – 2026-06-15 14:00", page.QuerySelector("#service-time")!.TextContent.Trim());
        Assert.Equal("2026-06-15 15:00 by Test Counselor", page.QuerySelector("#signed")!.TextContent.Trim());
        Assert.Equal(NoteSeeding.SeededNarrative, page.QuerySelector("#sections [data-part=Narrative]")!.TextContent.Trim());
        Assert.Equal("“I liked the drawing part.”", page.QuerySelector("#youth-words blockquote")!.TextContent.Trim());
        Assert.Contains("Asked for help when stuck", page.QuerySelector("#strengths")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Art-based check-in", page.QuerySelector("#interventions")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#amend-link"));
        Assert.Null(page.QuerySelector("#edit-link"));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e =>
            e.Action == AuditActions.View && e.EntityType == nameof(ProgressNote) && e.EntityKey == id.ToString() && e.UserId == counselor.Id)));
    }

    [Theory, Providers]
    public async Task A_section_changed_in_the_database_after_signing_shows_the_mismatch_warning(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.Signed);
        Assert.Equal("true", (await browser.GetDocumentAsync($"/Notes/Details/{id}")).QuerySelector("#hash-status")!.GetAttribute("data-verified"));

        var changed = await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"ProgressNotes\" SET \"Narrative\" = 'Quietly rewritten after signing.' WHERE \"Id\" = {0}", id));

        Assert.Equal(1, changed);
        var page = await browser.GetDocumentAsync($"/Notes/Details/{id}");
        var warning = page.QuerySelector("#hash-status")!;
        Assert.Equal("false", warning.GetAttribute("data-verified"));
        Assert.Contains("alert-danger", warning.ClassName, StringComparison.Ordinal);
        Assert.Contains("the content does not match its signature", warning.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Content hash verified", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_sensitive_note_is_restricted_for_a_supervisor_outside_the_caseload_and_readable_for_the_caseload_directors_and_auditors(DatabaseProvider provider)
    {
        const string secret = "Invented sensitive detail 7731 about the week.";
        await using var app = await SafeHomeApp.StartAsync(provider);
        var author = await app.CreateStaffAsync(Roles.Counselor);
        var supervisor = await app.CreateStaffAsync(Roles.Counselor);
        var outsider = await app.CreateStaffAsync(Roles.Counselor);
        await NoteReview.DesignateSupervisorAsync(app, author.Id, supervisor.Id);
        var residentId = await app.CreateResidentAsync(author.Id, "Wren Invented");
        var id = await app.CreateNoteAsync(residentId, author.Id, NoteStatus.CosignPending, sensitive: true, narrative: secret);

        var restricted = await (await app.SignInAsync(supervisor)).GetAsync($"/Notes/Details/{id}");

        Assert.Equal(HttpStatusCode.OK, restricted.StatusCode);
        var html = await restricted.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("I liked the drawing part.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Asked for help when stuck", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Wren Invented", html, StringComparison.Ordinal);
        var page = await HtmlForms.ParseAsync(restricted);
        Assert.Contains("restricted", page.QuerySelector("#restricted")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Test Counselor", page.QuerySelector("#note-header")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#cosign-link"));

        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        foreach (var reader in new[] { await app.SignInAsync(author), director, auditor })
        {
            var readable = await reader.GetDocumentAsync($"/Notes/Details/{id}");
            Assert.Equal(secret, readable.QuerySelector("#sections [data-part=Narrative]")!.TextContent.Trim());
            Assert.Null(readable.QuerySelector("#restricted"));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync(outsider)).GetAsync($"/Notes/Details/{id}")).StatusCode);
    }

    [Theory, Providers]
    public async Task Action_links_follow_the_status_and_the_reader_and_auditors_get_none(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, author) = await app.SignInNewAsync(Roles.Counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var draft = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.Draft);
        var pending = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.CosignPending);

        var draftPage = await author.GetDocumentAsync($"/Notes/Details/{draft}");
        Assert.NotNull(draftPage.QuerySelector("#edit-link"));
        Assert.Null(draftPage.QuerySelector("#amend-link"));
        Assert.Null(draftPage.QuerySelector("#hash-status"));
        Assert.Equal("Not signed yet", draftPage.QuerySelector("#signed")!.TextContent.Trim());

        var authorPending = await author.GetDocumentAsync($"/Notes/Details/{pending}");
        Assert.NotNull(authorPending.QuerySelector("#amend-link"));
        Assert.Null(authorPending.QuerySelector("#cosign-link"));
        Assert.NotNull((await director.GetDocumentAsync($"/Notes/Details/{pending}")).QuerySelector("#cosign-link"));

        foreach (var id in new[] { draft, pending })
        {
            var page = await auditor.GetDocumentAsync($"/Notes/Details/{id}");
            Assert.Empty(page.QuerySelectorAll("#note-actions a.btn-primary"));
            Assert.Contains(NoteSeeding.SeededNarrative, page.QuerySelector("#sections")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Theory, Providers]
    public async Task Script_in_the_note_text_is_rendered_inert(DatabaseProvider provider)
    {
        const string script = "<script>alert(1)</script>\"><svg onload=alert(2)>";
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.Signed, narrative: script);

        var response = await browser.GetAsync($"/Notes/Details/{id}");
        var html = await response.Content.ReadAsStringAsync();
        var page = await HtmlForms.ParseAsync(response);

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg onload", html, StringComparison.Ordinal);
        Assert.Equal(script, page.QuerySelector("#sections [data-part=Narrative]")!.TextContent.Trim());
    }

    [Theory, Providers]
    public async Task Unknown_and_malformed_note_ids_answer_404(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);

        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync($"/Notes/Details/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync("/Notes/Details/' OR 1=1--")).StatusCode);
    }
}

/// Shared steps of the note review tests (details, amend, co-sign, unsigned).
internal static class NoteReview
{
    public static Task<ProgressNote> LoadAsync(SafeHomeApp app, Guid noteId) =>
        app.WithDbAsync(db => db.ProgressNotes.AsNoTracking().Include(n => n.Amendments).AsSplitQuery().SingleAsync(n => n.Id == noteId));

    /// Every note and amendment as text: equal snapshots mean a refused post changed nothing.
    public static Task<string> SnapshotAsync(SafeHomeApp app) => app.WithDbAsync(async db =>
    {
        var notes = await db.ProgressNotes.AsNoTracking().OrderBy(n => n.Id).Select(n => new
        {
            n.Id, n.Status, n.Version, n.ContentHash, n.Narrative, n.SignedById, n.SignedAtUtc, n.CosignedById, n.CosignedAtUtc,
            n.ReturnComments, n.ReturnedById, n.IsEnteredInError,
        }).ToListAsync();
        var amendments = await db.NoteAmendments.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.NoteId, a.Kind, a.Text, a.Reason }).ToListAsync();
        return JsonSerializer.Serialize(new { notes, amendments });
    });

    public static Task DesignateSupervisorAsync(SafeHomeApp app, string staffId, string? supervisorId, bool requiresCosign = true) =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == staffId);
            user.SupervisorId = supervisorId;
            user.RequiresCosign = requiresCosign;
            return await db.SaveChangesAsync();
        });

    /// Adds a secondary counselor to the resident's caseload, next to the primary one.
    public static Task AddToCaseloadAsync(SafeHomeApp app, Guid residentId, string primaryId, string secondaryId) =>
        app.WithDbAsync(async db =>
        {
            var resident = await db.Residents.Include(r => r.Assignments).SingleAsync(r => r.Id == residentId);
            resident.AssignCaseload(primaryId, [secondaryId], app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });

    public static string FieldErrors(AngleSharp.Html.Dom.IHtmlDocument page) =>
        string.Join(" | ", page.QuerySelectorAll(".field-validation-error, .validation-summary-errors").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
}
