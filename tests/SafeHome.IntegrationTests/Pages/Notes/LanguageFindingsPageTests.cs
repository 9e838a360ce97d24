using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using static SafeHome.IntegrationTests.Pages.Notes.NoteFormFields;

namespace SafeHome.IntegrationTests.Pages.Notes;

/// The language guidance of DOMAIN.md §5 as the author meets it: each finding next to the field it is in, with what
/// to write instead and why; quotes and look-alike words left alone; "Block on sign" terms needing a stored reason;
/// a director's new term applying from the next save. The cases share one app (<see cref="LanguageFindingsHome"/>).
public sealed class LanguageFindingsPageTests(LanguageFindingsHomes homes) : IClassFixture<LanguageFindingsHomes>
{
    public static TheoryData<string, string> IssueTerms() => new()
    {
        { "child prostitute", "She was described to us as a child prostitute by the referral." },
        { "john", "The youth said a john called her phone twice." },
        { "pimp", "Talked about the pimp who still texts her." },
        { "runaway", "Staff called her a runaway at intake." },
        { "AWOL", "She went AWOL on Tuesday night and came back at noon." },
        { "chose to", "Staff wrote that she chose to go with the buyer." },
        { "promiscuous", "The old file calls her promiscuous." },
        { "admit", "She did admit that she had been at the motel." },
    };

    [Theory]
    [ProviderMemberData(nameof(IssueTerms))]
    public async Task Each_flagged_term_is_shown_next_to_its_field_with_the_suggestion_and_the_reason(string term, string sentence, DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var seeded = LexiconSeed.Terms.Single(t => t.Term == term);
        var noteId = await home.Counselor.WriteDraftAsync(home.ResidentId, Complete(home.App, sentence).With(("Input.StrengthsObserved", $"Kept going; earlier notes said {term.ToUpperInvariant()} about her and the buyer.")));

        var page = await home.Counselor.GetDocumentAsync($"/Notes/Edit/{noteId}");

        var finding = Finding(page, "Narrative", term);
        Assert.Equal(seeded.Preferred, finding.QuerySelector(".preferred")!.TextContent.Trim());
        Assert.Equal(seeded.Explanation, finding.QuerySelector(".explanation")!.TextContent.Trim());
        Assert.Equal(seeded.Severity.ToString(), finding.GetAttribute("data-severity"));
        Assert.Equal(seeded.Severity == LexiconSeverity.BlockOnSign ? "Block on sign" : "Warn", finding.QuerySelector(".severity")!.TextContent.Trim());
        Assert.Equal(term, finding.QuerySelector(".matched")!.TextContent, ignoreCase: true);

        // The same term in capitals in another field is found there, and only there.
        var inStrengths = Finding(page, "StrengthsObserved", term);
        Assert.Equal(term.ToUpperInvariant(), inStrengths.QuerySelector(".matched")!.TextContent);
        Assert.Single(page.QuerySelector("#section-Narrative")!.QuerySelectorAll($"[data-term='{term}']"));
        Assert.NotNull(page.QuerySelector("#language-summary"));
    }

    [Theory, Providers]
    public async Task The_youths_quoted_words_and_look_alike_words_are_not_flagged(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var noteId = await home.Counselor.WriteDraftAsync(home.ResidentId, Complete(
            home.App,
            "She said \"my pimp made me\" and then asked for water. Met Ms. Johnson from school; she called it “the john’s car”."));

        var page = await home.Counselor.GetDocumentAsync($"/Notes/Edit/{noteId}");

        Assert.Empty(page.QuerySelectorAll(".language-finding"));
        Assert.Null(page.QuerySelector("#language-summary"));
    }

    [Theory, Providers]
    public async Task Terms_in_capitals_are_flagged_and_the_save_message_counts_the_findings(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var response = await home.Counselor.SubmitFormAsync($"/Notes/Write/{home.ResidentId}", Complete(home.App, "Her PIMP came to the school gate. Staff called it AWOL."));

        response.AssertRedirectTo("/Notes/Edit/");
        var page = await home.Counselor.GetDocumentAsync(response.Location());
        Assert.Equal("PIMP", Finding(page, "Narrative", "pimp").QuerySelector(".matched")!.TextContent);
        Assert.Contains("found 2 terms to review; 1 must be changed", page.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_refused_save_still_shows_the_findings_for_the_typed_text(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var count = await CountAsync(home.App);

        var response = await home.Counselor.SubmitFormAsync($"/Notes/Write/{home.ResidentId}", Complete(home.App, "The john was outside.").With(("Input.ServiceEnd", "not a time")));

        AssertOk(response);
        var page = await HtmlForms.ParseAsync(response);
        Assert.NotNull(page.FieldError("Input.ServiceEnd"));
        Assert.Equal("sex buyer; exploiter", Finding(page, "Narrative", "john").QuerySelector(".preferred")!.TextContent.Trim());
        Assert.Equal(count, await CountAsync(home.App));
    }

    [Theory, Providers]
    public async Task A_block_on_sign_term_needs_a_reason_which_is_stored_with_the_findings_log(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var noteId = await home.Counselor.WriteDraftAsync(home.ResidentId, Complete(home.App, "Her pimp texted twice; staff noted she chose to delete the buyer's number."));
        var before = await SnapshotAsync(home.App);

        var refused = await home.Counselor.SignAsync(noteId);

        AssertOk(refused);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Contains("must be changed before signing", page.FieldError("SignInput.LanguageOverrideReason"), StringComparison.Ordinal);
        Assert.Contains("Needed to sign this note", page.QuerySelector("#override-hint")!.TextContent, StringComparison.Ordinal);
        Finding(page, "Narrative", "pimp");
        Assert.Equal(before, await SnapshotAsync(home.App));

        const string reason = "Clinical relevance: the youth's own term for the trafficker, discussed with the supervisor.";
        (await home.Counselor.SubmitFormAsync(page, $"/Notes/Edit/{noteId}", new() { ["SignInput.LanguageOverrideReason"] = reason }, handler: "Sign"))
            .AssertRedirectTo($"/Notes/Details/{noteId}");

        var note = await LoadAsync(home.App, noteId);
        Assert.Equal(NoteStatus.Signed, note.Status);
        Assert.Equal(reason, note.LanguageOverrideReason);
        Assert.Equal(
            [("Narrative", "pimp", LexiconSeverity.BlockOnSign, "pimp"), ("Narrative", "chose to", LexiconSeverity.Warn, "chose to")],
            note.LanguageFindings.OrderBy(f => f.Severity).Select(f => (f.Field, f.Term, f.Severity, f.Matched)));
    }

    [Theory, Providers]
    public async Task Warnings_alone_do_not_stop_signing_and_no_reason_is_kept(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var noteId = await home.Counselor.WriteDraftAsync(home.ResidentId, Complete(home.App, "Staff said she was AWOL; she admitted being scared."));

        (await home.Counselor.SignAsync(noteId, "Not needed")).AssertRedirectTo($"/Notes/Details/{noteId}");

        var note = await LoadAsync(home.App, noteId);
        Assert.Equal(NoteStatus.Signed, note.Status);
        Assert.Null(note.LanguageOverrideReason);
        Assert.Equal(["AWOL", "admit"], note.LanguageFindings.Select(f => f.Term).Order(StringComparer.Ordinal));
    }

    [Theory, Providers]
    public async Task A_term_a_director_adds_applies_from_the_next_save(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var noteId = await browser.WriteDraftAsync(residentId, Complete(app, "She described the zorblax crew that waits by the store."));
        var url = $"/Notes/Edit/{noteId}";
        Assert.Empty((await browser.GetDocumentAsync(url)).QuerySelectorAll(".language-finding"));

        await app.WithDbAsync(async db =>
        {
            db.LexiconTerms.Add(new LexiconTerm("zorblax crew", "the people the youth calls \"the zorblax crew\" (quoted)", "An invented term for this test.", LexiconSeverity.Suggest));
            return await db.SaveChangesAsync();
        });
        var saved = await browser.SubmitFormAsync(url, []);

        saved.AssertRedirectTo(url);
        var page = await browser.GetDocumentAsync(url);
        Assert.Contains("found 1 term to review", page.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        var finding = Finding(page, "Narrative", "zorblax crew");
        Assert.Equal("Suggest", finding.QuerySelector(".severity")!.TextContent.Trim());
        Assert.Equal("An invented term for this test.", finding.QuerySelector(".explanation")!.TextContent.Trim());
    }

    /// The finding for <paramref name="term"/> inside the block of the field it belongs to.
    private static IElement Finding(IHtmlDocument page, string field, string term)
    {
        var container = field switch
        {
            "StrengthsObserved" => page.QuerySelector("#Input_StrengthsObserved")!.ParentElement!,
            _ => page.QuerySelector($"#section-{field}")!,
        };
        var finding = container.QuerySelectorAll(".language-finding").FirstOrDefault(f => f.GetAttribute("data-term") == term && f.GetAttribute("data-field") == field);
        Assert.True(finding is not null, $"No finding for '{term}' next to {field}. Findings on the page: {string.Join(" | ", page.QuerySelectorAll(".language-finding").Select(f => $"{f.GetAttribute("data-field")}:{f.GetAttribute("data-term")}"))}");
        return finding!;
    }
}

/// One app for the language cases: a counselor signed in with a resident on the caseload. Each case writes its own note.
public sealed class LanguageFindingsHomes : PerProvider<LanguageFindingsHome>;

public sealed class LanguageFindingsHome : IProviderHome
{
    public DatabaseProvider Provider { get; init; }

    public SafeHomeApp App { get; private set; } = null!;

    public HttpClient Counselor { get; private set; } = null!;

    public Guid ResidentId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        App = await SafeHomeApp.StartAsync(Provider);
        var (counselor, browser) = await App.SignInNewAsync(Roles.Counselor);
        Counselor = browser;
        ResidentId = await App.CreateResidentAsync(counselor.Id);
    }

    public async ValueTask DisposeAsync()
    {
        Counselor?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
