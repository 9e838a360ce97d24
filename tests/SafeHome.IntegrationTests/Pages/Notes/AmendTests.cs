using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Notes;

/// Amendments to a signed note (DOMAIN.md §6A step 5) through the real form: each kind stored and shown as the
/// domain brief says, entry time always the clock's now, the note's own text and hash never touched, and only the
/// author amending.
public sealed class AmendTests
{
    [Theory, Providers]
    public async Task An_addendum_is_stored_with_the_current_time_and_shown_with_the_note_which_keeps_its_text_and_hash(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var id = await SignedNoteAsync(app, counselor);
        var before = await NoteReview.LoadAsync(app, id);

        // Signed 40 minutes ago; the session starts after the clock moves, so it is still fresh.
        app.Clock.Advance(TimeSpan.FromMinutes(40));
        var browser = await app.SignInAsync(counselor);

        var response = await browser.SubmitFormAsync($"/Notes/Amend/{id}", new()
        {
            ["Input.Kind"] = nameof(AmendmentKind.Addendum),
            ["Input.Text"] = "The youth called back later to say the class went well.",
        });

        response.AssertRedirectTo($"/Notes/Details/{id}");
        var note = await NoteReview.LoadAsync(app, id);
        var addendum = Assert.Single(note.Amendments);
        Assert.Equal((AmendmentKind.Addendum, counselor.Id, "The youth called back later to say the class went well."), (addendum.Kind, addendum.AuthorId, addendum.Text));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, addendum.CreatedAtUtc);
        Assert.True(addendum.ContentHashMatches());
        Assert.Equal((before.Narrative, before.ContentHash), (note.Narrative, note.ContentHash));
        Assert.True(note.ContentHashMatches());

        var page = await browser.GetDocumentAsync($"/Notes/Details/{id}");
        var shown = page.QuerySelector("#amendments .amendment[data-kind=Addendum]")!;
        Assert.Equal("Addendum", shown.QuerySelector(".kind")!.TextContent.Trim());
        Assert.Equal("2026-06-15 15:40", shown.QuerySelector(".entered-at")!.TextContent.Trim());
        Assert.Equal("true", shown.QuerySelector(".hash-status")!.GetAttribute("data-verified"));
        Assert.Contains("class went well", shown.QuerySelector(".text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#hash-status")!.GetAttribute("data-verified"));
    }

    [Theory, Providers]
    public async Task A_correction_shows_the_original_struck_through_next_to_the_corrected_text_and_the_reason(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var id = await SignedNoteAsync(app, counselor);
        var before = await NoteReview.LoadAsync(app, id);

        var form = await browser.GetDocumentAsync($"/Notes/Amend/{id}");
        Assert.Equal(NoteSeeding.SeededNarrative, form.QuerySelector("#current-text [data-part=Narrative]")!.TextContent.Trim());
        var options = form.QuerySelectorAll("select[name='Input.Section'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", "Narrative", "YouthWords", "StrengthsObserved", "InterventionsUsed", "RiskFollowUp"], options);
        var response = await browser.SubmitFormAsync(form, $"/Notes/Amend/{id}", new()
        {
            ["Input.Kind"] = nameof(AmendmentKind.Correction),
            ["Input.Section"] = "Narrative",
            ["Input.Text"] = "Talked about the music class and the week ahead.",
            ["Input.Reason"] = "The class was music, not art.",
        });

        response.AssertRedirectTo($"/Notes/Details/{id}");
        var note = await NoteReview.LoadAsync(app, id);
        var correction = Assert.Single(note.Amendments);
        Assert.Equal((AmendmentKind.Correction, "Narrative", "The class was music, not art."), (correction.Kind, correction.Section, correction.Reason));
        Assert.True(correction.ContentHashMatches());
        Assert.Equal((before.Narrative, before.ContentHash), (note.Narrative, note.ContentHash));

        var page = await browser.GetDocumentAsync($"/Notes/Details/{id}");
        var part = page.QuerySelector("#sections .correction[data-part=Narrative]")!;
        Assert.Equal(NoteSeeding.SeededNarrative, part.QuerySelector("del")!.TextContent.Trim());
        Assert.Equal("Talked about the music class and the week ahead.", part.QuerySelector("ins")!.TextContent.Trim());
        Assert.Equal("The class was music, not art.", part.QuerySelector(".reason")!.TextContent.Trim());
        Assert.Equal("Correction of Narrative", page.QuerySelector("#amendments .amendment[data-kind=Correction] h3")!.TextContent.Trim());
        Assert.Equal("true", page.QuerySelector("#hash-status")!.GetAttribute("data-verified"));
    }

    [Theory, Providers]
    public async Task A_late_entry_shows_the_service_day_and_the_entry_day_and_is_never_backdated(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var id = await SignedNoteAsync(app, counselor);
        app.Clock.Advance(TimeSpan.FromHours(2));
        var browser = await app.SignInAsync(counselor);
        var serviceOn = app.Today.AddDays(-3);

        var response = await browser.SubmitFormAsync($"/Notes/Amend/{id}", new()
        {
            ["Input.Kind"] = nameof(AmendmentKind.LateEntry),
            ["Input.ServiceOn"] = serviceOn.ToString("yyyy-MM-dd"),
            ["Input.Text"] = "Three days ago the youth asked to join the choir.",

            // A forged entry date, in every shape a form could carry it: none may be used.
            ["Input.CreatedAtUtc"] = "2026-06-01 09:00",
            ["Input.EnteredAt"] = "2026-06-01 09:00",
            ["Input.EntryDate"] = "2026-06-01",
            ["CreatedAtUtc"] = "2026-06-01 09:00",
        });

        response.AssertRedirectTo($"/Notes/Details/{id}");
        var entry = Assert.Single((await NoteReview.LoadAsync(app, id)).Amendments);
        Assert.Equal(AmendmentKind.LateEntry, entry.Kind);
        Assert.Equal(serviceOn, entry.ServiceOn);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, entry.CreatedAtUtc);
        Assert.True(entry.ContentHashMatches());

        var shown = (await browser.GetDocumentAsync($"/Notes/Details/{id}")).QuerySelector("#amendments .amendment[data-kind=LateEntry]")!;
        Assert.Equal("Late entry", shown.QuerySelector(".kind")!.TextContent.Trim());
        Assert.Equal(serviceOn.ToString("yyyy-MM-dd"), shown.QuerySelector(".service-on")!.TextContent.Trim());
        Assert.Equal("2026-06-15 17:00", shown.QuerySelector(".entered-at")!.TextContent.Trim());
        Assert.Contains("Late entry about", shown.TextContent, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task Entered_in_error_needs_a_reason_and_then_marks_the_note_and_shows_a_banner(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var id = await SignedNoteAsync(app, counselor);
        var before = await NoteReview.SnapshotAsync(app);

        var refused = await browser.SubmitFormAsync($"/Notes/Amend/{id}", new() { ["Input.Kind"] = nameof(AmendmentKind.EnteredInError), ["Input.Reason"] = "   " });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Say why this note was entered in error", (await HtmlForms.ParseAsync(refused)).FieldError("Input.Reason"), StringComparison.Ordinal);
        Assert.Equal(before, await NoteReview.SnapshotAsync(app));

        var response = await browser.SubmitFormAsync($"/Notes/Amend/{id}", new() { ["Input.Kind"] = nameof(AmendmentKind.EnteredInError), ["Input.Reason"] = "Written for the wrong resident." });

        response.AssertRedirectTo($"/Notes/Details/{id}");
        var note = await NoteReview.LoadAsync(app, id);
        Assert.True(note.IsEnteredInError);
        var marked = Assert.Single(note.Amendments);
        Assert.Equal((AmendmentKind.EnteredInError, "Written for the wrong resident.", (string?)null), (marked.Kind, marked.Reason, marked.Text));
        Assert.True(marked.ContentHashMatches());
        Assert.True(note.ContentHashMatches());
        var page = await browser.GetDocumentAsync($"/Notes/Details/{id}");
        Assert.Equal("Written for the wrong resident.", page.QuerySelector("#entered-in-error .reason")!.TextContent.Trim());
        Assert.Contains(NoteSeeding.SeededNarrative, page.QuerySelector("#sections")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#amend-link"));

        // Nothing more can be added to a note entered in error.
        Assert.NotNull((await browser.GetDocumentAsync($"/Notes/Amend/{id}")).QuerySelector("#not-amendable"));
    }

    [Theory, Providers]
    public async Task A_draft_is_not_amended_the_page_says_to_edit_the_draft_instead(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.Draft);
        var before = await NoteReview.SnapshotAsync(app);

        var page = await browser.GetDocumentAsync($"/Notes/Amend/{id}");
        Assert.Contains("edit the draft instead", page.QuerySelector("#not-amendable")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("textarea"));

        var token = await browser.AntiforgeryTokenAsync($"/Notes/Details/{id}");
        var response = await browser.PostAsync($"/Notes/Amend/{id}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Input.Kind", nameof(AmendmentKind.Addendum)), new("Input.Text", "More information.")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("edit the draft instead", (await HtmlForms.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await NoteReview.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task Only_the_author_amends_other_readers_are_refused_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var author = await app.CreateStaffAsync(Roles.Counselor);
        var colleague = await app.CreateStaffAsync(Roles.Counselor);
        var outsider = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(author.Id);
        await NoteReview.AddToCaseloadAsync(app, residentId, author.Id, colleague.Id);
        var id = await app.CreateNoteAsync(residentId, author.Id, NoteStatus.Signed);
        var before = await NoteReview.SnapshotAsync(app);

        var colleagueBrowser = await app.SignInAsync(colleague);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleagueBrowser.GetAsync($"/Notes/Amend/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAddendumAsync(app, colleagueBrowser, id, $"/Notes/Details/{id}")).StatusCode);

        var outsiderBrowser = await app.SignInAsync(outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderBrowser.GetAsync($"/Notes/Amend/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAddendumAsync(app, outsiderBrowser, id, "/Notes/Unsigned")).StatusCode);

        Assert.Equal(before, await NoteReview.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task A_complete_valid_amendment_from_an_auditor_is_refused_with_403_and_nothing_changes(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.Signed);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var before = await NoteReview.SnapshotAsync(app);

        var response = await PostAddendumAsync(app, auditor, id, $"/Notes/Details/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await NoteReview.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task A_stale_form_is_refused_with_a_conflict_message_and_saves_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var id = await SignedNoteAsync(app, counselor);
        var stale = await browser.GetDocumentAsync($"/Notes/Amend/{id}");
        (await browser.SubmitFormAsync($"/Notes/Amend/{id}", new() { ["Input.Kind"] = nameof(AmendmentKind.Addendum), ["Input.Text"] = "First." }))
            .AssertRedirectTo($"/Notes/Details/{id}");
        var before = await NoteReview.SnapshotAsync(app);

        var response = await browser.SubmitFormAsync(stale, $"/Notes/Amend/{id}", new() { ["Input.Kind"] = nameof(AmendmentKind.Addendum), ["Input.Text"] = "Second, from an old tab." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(response)).QuerySelector("#conflict"));
        Assert.Equal(before, await NoteReview.SnapshotAsync(app));
    }

    internal static async Task<Guid> SignedNoteAsync(SafeHomeApp app, StaffMember counselor)
    {
        var residentId = await app.CreateResidentAsync(counselor.Id);
        return await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.Signed);
    }

    /// A complete, valid addendum posted directly with a token the user got from a page they can open.
    private static async Task<HttpResponseMessage> PostAddendumAsync(SafeHomeApp app, HttpClient browser, Guid id, string tokenPage)
    {
        var token = await browser.AntiforgeryTokenAsync(tokenPage);
        var version = (await NoteReview.LoadAsync(app, id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await browser.PostAsync($"/Notes/Amend/{id}", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("Input.Kind", nameof(AmendmentKind.Addendum)),
            new("Input.Text", "Forged addition."),
            new("Input.Version", version),
        ]));
    }
}

/// SECURITY.md §4 on the amendment form: each refused input answers 200 with a message next to its field, and no
/// note or amendment row changes. Text that only looks dangerous is stored as typed and rendered inert.
public sealed class AmendBadInputTests
{
    private const string Rtl = "Wrong\u202Etxt.exe resident";

    public static TheoryData<string, string, string, string, string?> Cases() => new()
    {
        // kind, field, value, error field, message contains
        { nameof(AmendmentKind.Addendum), "Input.Text", new string('x', 1024 * 1024), "Input.Text", "at most 10000 characters" },
        { nameof(AmendmentKind.Addendum), "Input.Text", "   ", "Input.Text", "Write the new information" },
        { nameof(AmendmentKind.Correction), "Input.Reason", Rtl, "Input.Reason", "U+202E" },
        { nameof(AmendmentKind.EnteredInError), "Input.Reason", "Wrong\r\nForged: line", "Input.Reason", "U+000D" },
        { nameof(AmendmentKind.Correction), "Input.Reason", new string('r', 1001), "Input.Reason", "at most 1000 characters" },
        { nameof(AmendmentKind.Correction), "Input.Reason", "", "Input.Reason", "Say why the text is being corrected" },
        { nameof(AmendmentKind.LateEntry), "Input.ServiceOn", "{tomorrow}", "Input.ServiceOn", "cannot be in the future" },
        { nameof(AmendmentKind.LateEntry), "Input.ServiceOn", "9999-12-31", "Input.ServiceOn", "cannot be in the future" },
        { nameof(AmendmentKind.LateEntry), "Input.ServiceOn", "2027-02-29", "Input.ServiceOn", "real date" },
        { nameof(AmendmentKind.LateEntry), "Input.ServiceOn", "03/04/2026", "Input.ServiceOn", "real date" },
        { nameof(AmendmentKind.LateEntry), "Input.ServiceOn", "", "Input.ServiceOn", "Enter the day" },
        { "Bogus", "Input.Kind", "Bogus", "Input.Kind", null },
        { "99", "Input.Kind", "99", "Input.Kind", null },
        { "", "Input.Kind", "", "Input.Kind", "Choose the kind" },
        { nameof(AmendmentKind.Correction), "Input.Section", "Goal", "Input.Section", "Choose a part of this note" },
        { nameof(AmendmentKind.Correction), "Input.Section", "ContentHash", "Input.Section", "Choose a part of this note" },
        { nameof(AmendmentKind.Correction), "Input.Section", "", "Input.Section", "Choose the part" },
        { nameof(AmendmentKind.Correction), "Input.Section", new string('s', 41), "Input.Section", "from the list" },
    };

    [Theory]
    [ProviderMemberData(nameof(Cases))]
    public async Task Bad_input_is_refused_next_to_the_field_and_nothing_is_saved(string kind, string field, string value, string errorField, string? message, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var id = await AmendTests.SignedNoteAsync(app, counselor);
        var before = await NoteReview.SnapshotAsync(app);
        var fields = new Dictionary<string, string>
        {
            ["Input.Kind"] = kind,
            ["Input.Section"] = "Narrative",
            ["Input.ServiceOn"] = app.Today.AddDays(-1).ToString("yyyy-MM-dd"),
            ["Input.Reason"] = "A valid reason.",
            ["Input.Text"] = "Valid text.",
        };
        fields[field] = value == "{tomorrow}" ? app.Today.AddDays(1).ToString("yyyy-MM-dd") : value;

        var response = await browser.SubmitFormAsync($"/Notes/Amend/{id}", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        var error = page.FieldError(errorField);
        Assert.True(error is not null, $"no message next to {errorField}; messages: {NoteReview.FieldErrors(page)}");
        if (message is not null)
        {
            Assert.Contains(message, error, StringComparison.Ordinal);
        }

        Assert.Equal(before, await NoteReview.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task Script_in_an_amendment_is_stored_as_typed_and_rendered_inert(DatabaseProvider provider)
    {
        const string script = "<script>alert(1)</script>";
        const string svg = "\"><svg onload=alert(1)> {{7*7}} @(1+1)";
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var id = await AmendTests.SignedNoteAsync(app, counselor);

        (await browser.SubmitFormAsync($"/Notes/Amend/{id}", new()
        {
            ["Input.Kind"] = nameof(AmendmentKind.Correction),
            ["Input.Section"] = "StrengthsObserved",
            ["Input.Reason"] = svg,
            ["Input.Text"] = script,
        })).AssertRedirectTo($"/Notes/Details/{id}");

        var stored = Assert.Single((await NoteReview.LoadAsync(app, id)).Amendments);
        Assert.Equal((script, svg), (stored.Text, stored.Reason));
        var response = await browser.GetAsync($"/Notes/Details/{id}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg onload", html, StringComparison.Ordinal);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Equal(script, page.QuerySelector("#strengths ins")!.TextContent.Trim());
        Assert.Equal("Asked for help when stuck", page.QuerySelector("#strengths del")!.TextContent.Trim());
        Assert.Equal(svg, page.QuerySelector("#strengths .reason")!.TextContent.Trim());
    }

    [Theory, Providers]
    public async Task A_correction_of_a_part_not_in_the_format_is_refused_even_as_a_forged_post(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var id = await AmendTests.SignedNoteAsync(app, counselor);
        var before = await NoteReview.SnapshotAsync(app);
        var note = await NoteReview.LoadAsync(app, id);

        var response = await browser.SubmitFormAsync($"/Notes/Amend/{id}", new()
        {
            ["Input.Kind"] = nameof(AmendmentKind.Correction),
            ["Input.Section"] = nameof(NoteSection.Assessment),
            ["Input.Reason"] = "Forged part.",
            ["Input.Text"] = "Replacement.",
            ["Input.Version"] = note.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Choose a part of this note to correct.", (await HtmlForms.ParseAsync(response)).FieldError("Input.Section"));
        Assert.Equal(before, await NoteReview.SnapshotAsync(app));
        Assert.Equal(0, await app.WithDbAsync(db => db.NoteAmendments.CountAsync()));
    }
}
