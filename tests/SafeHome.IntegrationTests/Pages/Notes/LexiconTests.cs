using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Notes;

/// The language guidance pages (/Notes/Lexicon): directors list, add, edit, retire and reactivate terms; nobody
/// deletes one; a second spelling of an existing term is refused; a stale form does not overwrite; bad input is
/// answered next to the field and dangerous-looking text renders inert. Everyone else is refused.
public sealed class LexiconTests
{
    private const string Rtl = "jo\u202Ehn";

    private static readonly Dictionary<string, string> NewTerm = new()
    {
        ["Input.Term"] = "Streetwise",
        ["Input.Severity"] = ((int)LexiconSeverity.Suggest).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Preferred"] = "describe the skills the youth used to stay safe",
        ["Input.Explanation"] = "Invented explanation: a label that hides what the youth survived.",
    };

    private static Task<LexiconTerm> TermAsync(SafeHomeApp app, string normalized) =>
        app.WithDbAsync(db => db.LexiconTerms.AsNoTracking().SingleAsync(t => t.NormalizedTerm == normalized));

    private static Task<int> CountAsync(SafeHomeApp app) => app.WithDbAsync(db => db.LexiconTerms.CountAsync());

    [Theory, Providers]
    public async Task The_seeded_guidance_is_listed_with_severity_wording_explanation_and_state(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);

        var page = await director.GetDocumentAsync("/Notes/Lexicon");

        Assert.Equal(LexiconSeed.Terms.Count, page.QuerySelectorAll("#terms tr.term").Length);
        var pimp = LexiconSeed.Terms.Single(t => t.Term == "pimp");
        var row = page.QuerySelector($"#term-{pimp.Id}")!;
        Assert.Equal("pimp", row.QuerySelector(".term-text")!.TextContent.Trim());
        Assert.Equal("Block on sign", row.QuerySelector(".severity")!.TextContent.Trim());
        Assert.Equal(pimp.Preferred, row.QuerySelector(".preferred")!.TextContent.Trim());
        Assert.Equal(pimp.Explanation, row.QuerySelector(".explanation")!.TextContent.Trim());
        Assert.Equal("Active", row.QuerySelector(".state")!.TextContent.Trim());
        Assert.Equal($"/Notes/Lexicon/Term?termId={pimp.Id}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("header a[href='/Notes/Lexicon']"));
    }

    [Theory, Providers]
    public async Task A_director_adds_a_term_which_then_appears_and_is_checked(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);

        var response = await director.SubmitFormAsync("/Notes/Lexicon/Term", NewTerm);

        response.AssertRedirectTo("/Notes/Lexicon");
        var term = await TermAsync(app, "streetwise");
        Assert.Equal("Streetwise", term.Term);
        Assert.Equal(LexiconSeverity.Suggest, term.Severity);
        Assert.True(term.IsActive);
        var page = await director.GetDocumentAsync("/Notes/Lexicon");
        var row = page.QuerySelector($"#term-{term.Id}")!;
        Assert.Equal("Streetwise", row.QuerySelector(".term-text")!.TextContent.Trim());
        Assert.Equal("Suggest", row.QuerySelector(".severity")!.TextContent.Trim());
        Assert.Contains("The term is added.", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        var check = await app.WithDbAsync(db => SafeHome.Web.Pages.Notes.NoteAccess.LanguageCheckAsync(db));
        Assert.Contains(check.Check("Narrative", "She is streetwise."), f => f.Term == "Streetwise");
    }

    [Theory]
    [ProviderInlineData("pimp")]
    [ProviderInlineData("PIMP")]
    [ProviderInlineData("  Pimp  ")]
    [ProviderInlineData("chose   to")]
    [ProviderInlineData("Chose  To")]
    public async Task Another_spelling_of_an_existing_term_is_refused_next_to_the_field(string spelling, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var before = await CountAsync(app);

        var response = await director.SubmitFormAsync("/Notes/Lexicon/Term", new(NewTerm) { ["Input.Term"] = spelling });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("already in the guidance", page.FieldError("Input.Term"), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(app));
    }

    [Theory, Providers]
    public async Task Renaming_a_term_to_another_existing_term_is_refused_but_keeping_its_own_name_is_fine(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var client = LexiconSeed.Terms.Single(t => t.Term == "client");
        var url = $"/Notes/Lexicon/Term?termId={client.Id}";

        var clash = await director.SubmitFormAsync(url, new() { ["Input.Term"] = "Customer" });
        Assert.Equal(HttpStatusCode.OK, clash.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(clash)).FieldError("Input.Term"));

        var same = await director.SubmitFormAsync(url, new() { ["Input.Term"] = "Client", ["Input.Severity"] = ((int)LexiconSeverity.Warn).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        same.AssertRedirectTo("/Notes/Lexicon");
        var saved = await TermAsync(app, "client");
        Assert.Equal("Client", saved.Term);
        Assert.Equal(LexiconSeverity.Warn, saved.Severity);
        Assert.Equal(1, saved.Version);
    }

    [Theory, Providers]
    public async Task A_term_is_retired_and_reactivated_and_never_deleted(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var bottom = LexiconSeed.Terms.Single(t => t.Term == "bottom");
        var url = $"/Notes/Lexicon/Term?termId={bottom.Id}";
        var count = await CountAsync(app);

        (await director.SubmitFormAsync(url, new() { ["Input.IsActive"] = "false" })).AssertRedirectTo("/Notes/Lexicon");

        Assert.False((await TermAsync(app, "bottom")).IsActive);
        var page = await director.GetDocumentAsync("/Notes/Lexicon");
        Assert.Equal("Retired", page.QuerySelector($"#term-{bottom.Id} .state")!.TextContent.Trim());
        Assert.Contains("retired", page.QuerySelector($"#term-{bottom.Id}")!.ClassName, StringComparison.Ordinal);
        var check = await app.WithDbAsync(db => SafeHome.Web.Pages.Notes.NoteAccess.LanguageCheckAsync(db));
        Assert.DoesNotContain(check.Check("Narrative", "At the bottom of the page."), f => f.Term == "bottom");

        (await director.SubmitFormAsync(url, new() { ["Input.IsActive"] = "true" })).AssertRedirectTo("/Notes/Lexicon");

        Assert.True((await TermAsync(app, "bottom")).IsActive);
        Assert.Equal(count, await CountAsync(app));
        var form = await director.GetDocumentAsync(url);
        Assert.DoesNotContain("delete", form.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Single(form.QuerySelectorAll("main form[method=post]"));
    }

    [Theory, Providers]
    public async Task Saving_a_stale_form_shows_the_conflict_and_overwrites_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var trick = LexiconSeed.Terms.Single(t => t.Term == "trick");
        var url = $"/Notes/Lexicon/Term?termId={trick.Id}";
        var stale = await director.GetDocumentAsync(url);
        (await director.SubmitFormAsync(url, new() { ["Input.Explanation"] = "Changed first in another tab." })).AssertRedirectTo("/Notes/Lexicon");

        var response = await director.SubmitFormAsync(stale, url, new() { ["Input.Preferred"] = "Changed second from a stale form." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("Someone else saved this record", page.QuerySelector("#conflict")!.TextContent, StringComparison.Ordinal);
        var saved = await TermAsync(app, "trick");
        Assert.Equal("Changed first in another tab.", saved.Explanation);
        Assert.Equal(trick.Preferred, saved.Preferred);
        Assert.Equal(saved.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("input[name='Input.Version']")!.GetAttribute("value"));
        Assert.Equal("Changed second from a stale form.", page.QuerySelector("input[name='Input.Preferred']")!.GetAttribute("value"));

        (await director.SubmitFormAsync(page, url, [])).AssertRedirectTo("/Notes/Lexicon");
        Assert.Equal("Changed second from a stale form.", (await TermAsync(app, "trick")).Preferred);
    }

    public static TheoryData<string, string, string, string> BadInputs() => new()
    {
        { "empty term", "Input.Term", "", "Enter the word" },
        { "spaces-only term", "Input.Term", " \u00A0 ", "Enter the word" },
        { "punctuation-only term", "Input.Term", "---", "Enter the word" },
        { "term max+1", "Input.Term", new string('t', LexiconTerm.MaxLength.Term + 1), $"at most {LexiconTerm.MaxLength.Term}" },
        { "RTL override in the term", "Input.Term", Rtl, "U+202E" },
        { "zero-width space in the term", "Input.Term", "pi\u200Bmp", "U+200B" },
        { "line break in the term", "Input.Term", "chose\r\nto", "U+000D" },
        { "tab in the term", "Input.Term", "chose\tto", "U+0009" },
        { "RTL override in the wording", "Input.Preferred", "evil\u202Etxt", "U+202E" },
        { "wording max+1", "Input.Preferred", new string('p', LexiconTerm.MaxLength.Preferred + 1), $"at most {LexiconTerm.MaxLength.Preferred}" },
        { "empty explanation", "Input.Explanation", "  ", "Explain why" },
        { "1 MB explanation", "Input.Explanation", new string('e', 1024 * 1024), $"at most {LexiconTerm.MaxLength.Explanation}" },
        { "bidi isolate in the explanation", "Input.Explanation", "why\u2067not", "U+2067" },
        { "unknown severity name", "Input.Severity", "Nope", "from the list" },
        { "unknown severity number", "Input.Severity", "42", "from the list" },
        { "no severity", "Input.Severity", "", "how firmly" },
        { "source max+1", "Input.Source", new string('s', LexiconTerm.MaxLength.Source + 1), $"at most {LexiconTerm.MaxLength.Source}" },
        { "RTL override in an irregular form", "Input.OtherForms", "run\u202Eaway", "U+202E" },
        { "punctuation-only phrase", "Input.PrecededBy", "in, --", "no letters" },
        { "phrase of seven words", "Input.FollowedBy", "to the big old red brick home", "longer than 6 words" },
        { "list max+1", "Input.NotFollowedBy", string.Join(", ", Enumerable.Repeat("hospital", 70)), $"at most {LexiconContext.ListMaxLength}" },
        { "a phrase among the near words", "Input.NearWords", "buyer, paid money", "single words" },
        { "followed within 6", "Input.FollowedWithin", "6", "from 0 to 5" },
        { "followed within -1", "Input.FollowedWithin", "-1", "from 0 to 5" },
        { "near within 0", "Input.NearWithin", "0", "from 1 to 20" },
        { "near within 21", "Input.NearWithin", "21", "from 1 to 20" },
        { "near within a word", "Input.NearWithin", "eight", "not valid" },
    };

    [Theory, Providers]
    public async Task Editing_an_entrys_context_changes_what_a_note_is_flagged_for(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var (counselor, writer) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        const string Narrative = "She showed the group a card trick. Later the buyer texted her about a trick.";
        var noteId = await writer.WriteDraftAsync(residentId, NoteFormFields.Complete(app, Narrative));
        var card = $"trick@{Narrative.IndexOf("trick", StringComparison.Ordinal)}";
        var buyer = $"trick@{Narrative.LastIndexOf("trick", StringComparison.Ordinal)}";
        var trick = LexiconSeed.Terms.Single(t => t.Term == "trick").Id;
        var url = $"/Notes/Lexicon/Term?termId={trick}";

        // Seeded: "trick" only near words of exploitation, so the card trick passes and the second sentence is flagged.
        Assert.Equal([buyer], await FlaggedAsync(writer, noteId, "trick"));

        // Without the condition, both are.
        (await director.SubmitFormAsync(url, new() { ["Input.NearWords"] = string.Empty })).AssertRedirectTo("/Notes/Lexicon");
        Assert.Equal([card, buyer], await FlaggedAsync(writer, noteId, "trick"));

        // "Not right after: card" puts the card trick back to ordinary use.
        (await director.SubmitFormAsync(url, new() { ["Input.NotPrecededBy"] = "card" })).AssertRedirectTo("/Notes/Lexicon");
        Assert.Equal([buyer], await FlaggedAsync(writer, noteId, "trick"));
        Assert.Equal("card", (await TermAsync(app, "trick")).NotPrecededBy);
    }

    [Theory, Providers]
    public async Task The_preview_shows_what_the_entry_as_typed_would_flag_and_saves_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var john = LexiconSeed.Terms.Single(t => t.Term == "john").Id;
        var url = $"/Notes/Lexicon/Term?termId={john}";
        const string Sample = "Her teacher, John Miller, called. She said a john paid the trafficker. The johns left.";
        var before = await TermAsync(app, "john");

        var asSeeded = await HtmlForms.ParseAsync(await director.PressAsync(await director.GetDocumentAsync(url), "#preview-button", new() { ["Sample"] = Sample }));
        Assert.Equal(["john", "johns"], asSeeded.QuerySelectorAll("#preview-result mark").Select(m => m.TextContent));
        Assert.Equal(Sample.IndexOf("a john", StringComparison.Ordinal) + 2, int.Parse(asSeeded.QuerySelector("#preview-result mark")!.GetAttribute("data-index")!, System.Globalization.CultureInfo.InvariantCulture));

        // Clearing "not as a person's name" on the form, unsaved, shows the name flagged too.
        var unticked = await HtmlForms.ParseAsync(await director.PressAsync(asSeeded, "#preview-button", new() { ["Input.SkipNames"] = "false" }));
        Assert.Equal(["John", "john", "johns"], unticked.QuerySelectorAll("#preview-result mark").Select(m => m.TextContent));
        Assert.Equal(Sample, unticked.QuerySelector("#preview-result .preview-text")!.TextContent);

        // An invalid entry is refused beside its field and previews nothing.
        var refused = await director.PressAsync(unticked, "#preview-button", new() { ["Input.NearWords"] = "paid money" });
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("single words", page.FieldError("Input.NearWords"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#preview-result"));

        var after = await TermAsync(app, "john");
        Assert.Equal((before.Version, before.SkipNames, before.NearWords), (after.Version, after.SkipNames, after.NearWords));
    }

    [Theory, Providers]
    public async Task Directors_see_per_term_how_often_it_was_flagged_changed_and_overridden_with_the_reasons(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var (counselor, writer) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var complete = NoteFormFields.Complete(app, "Her pimp texted twice; staff called her a runaway.");
        var noteId = await writer.WriteDraftAsync(residentId, complete);
        (await writer.SubmitFormAsync($"/Notes/Edit/{noteId}", new() { ["Input.Narrative"] = "Her pimp texted twice; she was missing from care." }))
            .AssertRedirectTo($"/Notes/Edit/{noteId}");
        const string Reason = "Invented reason: the youth's own word for the man, discussed in supervision.";
        (await writer.SignAsync(noteId, Reason)).AssertRedirectTo($"/Notes/Details/{noteId}");

        var pimp = LexiconSeed.Terms.Single(t => t.Term == "pimp").Id;
        var runaway = LexiconSeed.Terms.Single(t => t.Term == "runaway").Id;
        var list = await director.GetDocumentAsync("/Notes/Lexicon");
        string Cell(Guid id, string name) => list.QuerySelector($"#term-{id} .{name}")!.TextContent.Trim();
        Assert.Equal(("1", "0", "1"), (Cell(pimp, "flagged"), Cell(pimp, "changed"), Cell(pimp, "overridden")));
        Assert.Equal(("1", "1", "0"), (Cell(runaway, "flagged"), Cell(runaway, "changed"), Cell(runaway, "overridden")));

        var term = await director.GetDocumentAsync($"/Notes/Lexicon/Term?termId={pimp}");
        Assert.Equal(("1", "1", "0"), (term.QuerySelector("#usage-flagged")!.TextContent, term.QuerySelector("#usage-overridden")!.TextContent, term.QuerySelector("#usage-changed")!.TextContent));
        var reason = Assert.Single(term.QuerySelectorAll("#override-reasons li"));
        Assert.Contains(Reason, reason.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/Notes/Details/{noteId}", reason.QuerySelector("a")!.GetAttribute("href"));
    }

    /// Saves the draft again as it is and lists where the term is flagged on the page ("trick@27").
    private static async Task<List<string>> FlaggedAsync(HttpClient writer, Guid noteId, string term)
    {
        var url = $"/Notes/Edit/{noteId}";
        (await writer.SubmitFormAsync(url, [])).AssertRedirectTo(url);
        var page = await writer.GetDocumentAsync(url);
        return [.. page.QuerySelectorAll(".language-finding").Where(f => f.GetAttribute("data-term") == term).Select(f => $"{f.QuerySelector(".matched")!.TextContent}@{f.GetAttribute("data-index")}")];
    }

    [Theory]
    [ProviderMemberData(nameof(BadInputs))]
    public async Task Bad_input_is_refused_next_to_the_field_and_adds_nothing(string name, string field, string value, string message, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var before = await CountAsync(app);

        var response = await director.SubmitFormAsync("/Notes/Lexicon/Term", new(NewTerm) { [field] = value });

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode}");
        var error = (await HtmlForms.ParseAsync(response)).FieldError(field);
        Assert.True(error is not null, $"{name}: no message next to {field}");
        Assert.Contains(message, error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await CountAsync(app));
    }

    [Theory, Providers]
    public async Task Script_and_template_text_is_stored_as_typed_and_renders_inert(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        const string script = "<script>alert(1)</script>";
        const string svg = "\"><svg onload=alert(1)>";

        var response = await director.SubmitFormAsync("/Notes/Lexicon/Term", new(NewTerm)
        {
            ["Input.Term"] = "x<script>y",
            ["Input.Preferred"] = svg + " {{7*7}} @(1+1)",
            ["Input.Explanation"] = script + "\n=HYPERLINK(\"http://example.invalid\")",
        });

        response.AssertRedirectTo("/Notes/Lexicon");
        var term = await TermAsync(app, "x<script>y");
        Assert.Equal(svg + " {{7*7}} @(1+1)", term.Preferred);
        var page = await director.GetDocumentAsync("/Notes/Lexicon");
        Assert.Empty(page.QuerySelectorAll("svg, [onload]"));
        page.AssertOnlyOwnScripts();
        var row = page.QuerySelector($"#term-{term.Id}")!;
        Assert.Equal("x<script>y", row.QuerySelector(".term-text")!.TextContent.Trim());
        Assert.Equal(svg + " {{7*7}} @(1+1)", row.QuerySelector(".preferred")!.TextContent.Trim());
        Assert.StartsWith(script, row.QuerySelector(".explanation")!.TextContent.Trim(), StringComparison.Ordinal);
        var edit = await director.GetDocumentAsync($"/Notes/Lexicon/Term?termId={term.Id}");
        Assert.Empty(edit.QuerySelectorAll("svg, [onload]"));
        edit.AssertOnlyOwnScripts();
        Assert.Equal("x<script>y", edit.QuerySelector("input[name='Input.Term']")!.GetAttribute("value"));
    }

    [Theory, Providers]
    public async Task An_unknown_term_id_answers_404_and_a_malformed_one_is_not_a_500(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);

        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync($"/Notes/Lexicon/Term?termId={Guid.NewGuid()}")).StatusCode);
        var malformed = await director.GetAsync("/Notes/Lexicon/Term?termId=%27%20OR%201=1--");
        Assert.True(malformed.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{(int)malformed.StatusCode}");
    }

    [Theory]
    [ProviderInlineData(Roles.Counselor)]
    [ProviderInlineData(Roles.Auditor)]
    [ProviderInlineData(Roles.Admin)]
    public async Task Everyone_but_directors_is_refused(string role, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(role);
        var pimp = LexiconSeed.Terms.Single(t => t.Term == "pimp");
        var token = await browser.AntiforgeryTokenAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Notes/Lexicon")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Notes/Lexicon/Term")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/Notes/Lexicon/Term?termId={pimp.Id}")).StatusCode);
        var post = await browser.PostAsync($"/Notes/Lexicon/Term?termId={pimp.Id}", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("Input.Term", "pimp"),
            new("Input.Severity", "2"),
            new("Input.Preferred", "forged"),
            new("Input.Explanation", "forged"),
            new("Input.IsActive", "false"),
        ]));

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var saved = await TermAsync(app, "pimp");
        Assert.True(saved.IsActive);
        Assert.Equal(pimp.Preferred, saved.Preferred);
        Assert.Null((await browser.GetDocumentAsync(role == Roles.Admin ? "/Admin/Staff" : "/Residents")).QuerySelector("a[href='/Notes/Lexicon']"));
    }
}
