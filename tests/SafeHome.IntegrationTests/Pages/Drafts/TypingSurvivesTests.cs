using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Authorization;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace SafeHome.IntegrationTests.Pages.Drafts;

/// Issue 18, "typing survives": a form posted after the session ended comes back, exactly as typed, after signing in
/// again, for that person only; what the page's script keeps while someone types comes back too; neither is readable
/// in the database file, and neither keeps a session alive.
public sealed class TypingSurvivesTests
{
    private static readonly TimeSpan PastIdle = TimeSpan.FromMinutes(16);

    [Theory, Providers]
    public async Task A_note_posted_after_the_idle_timeout_is_back_in_the_form_after_signing_in_and_nothing_else_was_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var browser = await app.SignInAsync(counselor);
        var page = $"/Notes/Write/{residentId}";
        var form = NoteForm(await browser.GetDocumentAsync(page));
        var typed = Typed(form);

        app.Clock.Advance(PastIdle);
        var posted = await browser.PostAsync(page, new FormUrlEncodedContent(typed));

        // Sent to sign in, told the typing is kept, and nothing was saved as a note.
        posted.AssertRedirectTo($"/Account/Login?ReturnUrl={Uri.EscapeDataString(page)}&kept=1");
        var login = await browser.GetDocumentAsync(posted.Location());
        Assert.NotNull(login.QuerySelector("#typing-kept"));
        Assert.Equal(0, await app.WithDbAsync(db => db.ProgressNotes.CountAsync()));

        // The stolen database file shows none of it.
        var stored = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Fields\" AS \"Value\" FROM \"FormDrafts\"").ToListAsync());
        var sealedText = Assert.Single(stored);
        Assert.StartsWith("v1:", sealedText, StringComparison.Ordinal);
        Assert.DoesNotContain("lantern", sealedText, StringComparison.OrdinalIgnoreCase);

        // Another counselor opening the same page gets an empty form.
        var colleague = await app.CreateStaffAsync(Roles.Counselor);
        await app.WithDbAsync(async db =>
        {
            var resident = await db.Residents.Include(r => r.Assignments).SingleAsync(r => r.Id == residentId);
            resident.AssignCaseload(counselor.Id, [colleague.Id], app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        var theirs = await (await app.SignInAsync(colleague)).GetDocumentAsync(page);
        Assert.Null(theirs.QuerySelector("#draft-restored"));
        Assert.DoesNotContain(HtmlForms.FieldsOf(NoteForm(theirs)), f => f.Value.Contains("lantern", StringComparison.Ordinal));

        // The person signs in again and finds every field as typed.
        var again = await app.SignInAsync(counselor);
        var restored = await again.GetDocumentAsync(page);
        Assert.Contains("Your session ended", restored.QuerySelector("#draft-restored")!.TextContent, StringComparison.Ordinal);
        AssertSameFields(typed, HtmlForms.FieldsOf(NoteForm(restored)));

        // Saving it makes the note from exactly that text, and the kept copy goes.
        (await again.SubmitFormAsync(restored, page, [])).AssertRedirectTo("/Notes/Edit/");
        var note = await app.WithDbAsync(db => db.ProgressNotes.SingleAsync());
        Assert.Contains(note.CheckedTexts(), t => t.Text.Contains("lantern by the north window", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.FormDrafts.CountAsync()));
        Assert.Null((await again.GetDocumentAsync(page)).QuerySelector("#draft-restored"));
    }

    [Fact]
    public async Task A_form_posted_after_signing_out_or_with_another_persons_token_keeps_nothing()
    {
        await using var app = await SafeHomeApp.StartAsync();
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var page = $"/Notes/Write/{residentId}";

        // Signed out on purpose (another tab): the old page's post is not kept.
        var browser = await app.SignInAsync(counselor);
        var typed = Typed(NoteForm(await browser.GetDocumentAsync(page)));
        (await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent([new("__RequestVerificationToken", await browser.AntiforgeryTokenAsync("/"))]))).Dispose();
        var afterSignOut = await browser.PostAsync(page, new FormUrlEncodedContent(typed));
        Assert.DoesNotContain("kept=1", afterSignOut.Location(), StringComparison.Ordinal);

        // An expired session, but the form carries a token issued to someone else (a forged cross-site post).
        var victim = await app.SignInAsync(counselor);
        var (_, other) = await app.SignInNewAsync(Roles.ProgramDirector);
        var forged = Typed(NoteForm(await victim.GetDocumentAsync(page)));
        forged.RemoveAll(f => f.Key == "__RequestVerificationToken");
        forged.Add(new("__RequestVerificationToken", await other.AntiforgeryTokenAsync("/")));
        app.Clock.Advance(PastIdle);
        var planted = await victim.PostAsync(page, new FormUrlEncodedContent(forged));
        Assert.DoesNotContain("kept=1", planted.Location(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.FormDrafts.CountAsync()));
    }

    [Fact]
    public async Task Autosave_keeps_a_draft_without_keeping_the_session_alive_and_the_draft_expires()
    {
        await using var app = await SafeHomeApp.StartAsync();
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var browser = await app.SignInAsync(counselor);
        var page = $"/Notes/Write/{residentId}";
        var typed = Typed(NoteForm(await browser.GetDocumentAsync(page)));

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var answer = await Autosave(browser, page, typed);
        Assert.True(answer.GetProperty("kept").GetBoolean());
        Assert.StartsWith("Draft saved at ", answer.GetProperty("message").GetString(), StringComparison.Ordinal);

        // 6 more minutes: 16 since the last page, although 6 since the autosave. The session is over.
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        (await browser.GetAsync("/Residents")).AssertRedirectTo("/Account/Login?ReturnUrl");

        var again = await app.SignInAsync(counselor);
        var restored = await again.GetDocumentAsync(page);
        Assert.Contains("is back in the form", restored.QuerySelector("#draft-restored")!.TextContent, StringComparison.Ordinal);
        AssertSameFields(typed, HtmlForms.FieldsOf(NoteForm(restored)));

        // Short-lived: a day later it is not given back, and the hourly job deletes the row.
        app.Clock.Advance(TimeSpan.FromHours(24));
        var later = await app.SignInAsync(counselor);
        Assert.Null((await later.GetDocumentAsync(page)).QuerySelector("#draft-restored"));
        Assert.Equal(1, await app.WithDbAsync(db => db.FormDrafts.CountAsync()));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DraftsExpireJob>().RunAsync(CancellationToken.None));
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.FormDrafts.CountAsync()));
    }

    [Fact]
    public async Task Discarding_the_restored_typing_shows_the_saved_form_again()
    {
        await using var app = await SafeHomeApp.StartAsync();
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var browser = await app.SignInAsync(counselor);
        var page = $"/Notes/Write/{residentId}";
        await Autosave(browser, page, Typed(NoteForm(await browser.GetDocumentAsync(page))));

        var restored = await browser.GetDocumentAsync(page);
        (await browser.SubmitFormAsync(restored, page, [], handler: "Discard")).AssertRedirectTo(page);
        var fresh = await browser.GetDocumentAsync(page);
        Assert.Null(fresh.QuerySelector("#draft-restored"));
        Assert.DoesNotContain(HtmlForms.FieldsOf(NoteForm(fresh)), f => f.Value.Contains("lantern", StringComparison.Ordinal));
    }

    /// Every form that keeps drafts gives back every one of its fields exactly: each field is changed (text typed,
    /// another option chosen, a box ticked or cleared), kept, and read back from the next GET of the page.
    [Fact]
    public async Task Every_autosaving_form_gives_back_every_field_exactly_as_typed()
    {
        await using var app = await SafeHomeApp.StartAsync();
        var (counselor, residentId, ids) = await PageHandlers.SeedCaseAsync(app);
        var browser = await app.SignInAsync(counselor);
        var tested = new List<string>();
        foreach (var (page, url) in await PageHandlers.PagesAsync(app, counselor, residentId, ids))
        {
            var response = await browser.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK
                || (await HtmlForms.ParseAsync(response)).QuerySelector("form[data-autosave]") is not IHtmlFormElement form)
            {
                continue;
            }

            var typed = Changed(form);
            Assert.True((await Autosave(browser, url, typed)).GetProperty("kept").GetBoolean(), url);
            var back = (IHtmlFormElement)(await browser.GetDocumentAsync(url)).QuerySelector("form[data-autosave]")!;
            AssertSameFields(typed, HtmlForms.FieldsOf(back), url);
            tested.Add(page);
        }

        Assert.Superset(
            new HashSet<string> { "/Notes/Write", "/Notes/Edit", "/Plans/Goal", "/Plans/Strength", "/Plans/Overview", "/Missing/Debrief" },
            tested.ToHashSet());
    }

    private static IHtmlFormElement NoteForm(IHtmlDocument document) => (IHtmlFormElement)document.QuerySelector("#note-form")!;

    /// The note form with every text area filled in (non-ASCII included) and the sensitive box ticked.
    private static List<KeyValuePair<string, string>> Typed(IHtmlFormElement form)
    {
        var fields = HtmlForms.FieldsOf(form);
        var n = 0;
        foreach (var area in form.QuerySelectorAll("textarea").Cast<IHtmlTextAreaElement>())
        {
            fields.RemoveAll(f => f.Key == area.Name);
            fields.Add(new(area.Name!, $"Sat with the lantern by the north window, part {++n}: “calmer now” — Zoë.\r\nSecond line."));
        }

        return fields;
    }

    /// Every visible field of a form set to something other than what the page showed.
    private static List<KeyValuePair<string, string>> Changed(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var n = 0;
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name, Type: "hidden" } hidden:
                    fields.Add(new(name, hidden.Value));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name }:
                    fields.Add(new(name, $"Kept words {++n}: “ünïcode” and a second line.\r\nEnd."));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name, IsDisabled: false } select when select.Options.Length > 0:
                    var current = select.Options.FirstOrDefault(o => o.IsSelected) ?? select.Options[0];
                    fields.Add(new(name, select.Options.Select(o => o.Value).LastOrDefault(v => v != current.Value) ?? current.Value));
                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name, IsDisabled: false } input when input.Type is "checkbox":
                    if (!input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name, IsDisabled: false } input when input.Type is "radio":
                    if (!fields.Any(f => f.Key == name))
                    {
                        var group = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Name == name).ToList();
                        fields.Add(new(name, (group.LastOrDefault(i => !i.IsChecked) ?? group[^1]).Value));
                    }

                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name, IsDisabled: false } input when input.Type is not ("hidden" or "submit" or "button"):
                    fields.Add(new(name, input.Type switch
                    {
                        "date" => "2026-11-30",
                        "datetime-local" => "2026-11-30 09:15",
                        "number" => "3",
                        _ => $"kept {++n}",
                    }));
                    break;
            }
        }

        // In the form's order, as a browser posts it: a ticked box's "true" before its hidden "false".
        return fields;
    }

    private static async Task<JsonElement> Autosave(HttpClient browser, string page, List<KeyValuePair<string, string>> fields)
    {
        var response = await browser.PostAsync("/Drafts", new FormUrlEncodedContent([.. fields, new("path", page)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static void AssertSameFields(List<KeyValuePair<string, string>> typed, List<KeyValuePair<string, string>> shown, string? where = null)
    {
        static string Normal(string value) => value.Replace("\r\n", "\n", StringComparison.Ordinal);
        var expected = typed.Where(f => f.Key != "__RequestVerificationToken").GroupBy(f => f.Key).ToDictionary(g => g.Key, g => string.Join("|", g.Select(f => Normal(f.Value))));
        var actual = shown.Where(f => f.Key != "__RequestVerificationToken").GroupBy(f => f.Key).ToDictionary(g => g.Key, g => string.Join("|", g.Select(f => Normal(f.Value))));
        var differences = expected.Where(e => !actual.TryGetValue(e.Key, out var a) || a != e.Value)
            .Select(e => $"{e.Key}: typed [{e.Value}], shown [{(actual.TryGetValue(e.Key, out var a) ? a : "(missing)")}]").ToList();
        Assert.True(differences.Count == 0, $"{where}: {string.Join("; ", differences)}");
    }
}
