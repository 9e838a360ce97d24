using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Notes;

/// The notes list of one resident (/Notes/Index): newest service first, each filter narrowing it, notes entered in
/// error only on request, a sensitive note's text never on the page for any reader, and bad filter values answered
/// with a message next to the filter. The cases share one home (<see cref="NoteListHome"/>) because they only read.
public sealed class IndexTests(NoteListHomes homes) : IClassFixture<NoteListHomes>
{
    private static string Url(NoteListHome home, string query = "") => $"/Notes/Index/{home.ResidentId}{query}";

    private static List<string> Listed(NoteListHome home, IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#notes tbody tr.note").Select(r => home.LetterOf(Guid.Parse(r.GetAttribute("data-note")!)))];

    public static TheoryData<string, string[]> Filters() => new()
    {
        { "", ["C", "E", "B", "A"] },
        { "?from=2026-06-10", ["C", "E", "B"] },
        { "?to=2026-06-10", ["B", "A"] },
        { "?from=2026-06-10&to=2026-06-12", ["B"] },
        { "?from=2026-06-13&to=2026-06-13", ["E"] },
        { "?type=Crisis", ["C"] },
        { "?type=Family", ["E"] },
        { "?author={second}", ["C"] },
        { "?author={counselor}", ["E", "B", "A"] },
        { "?goal={goal}", ["C", "A"] },
        { "?status=Draft", ["B"] },
        { "?status=CosignPending", ["C"] },
        { "?status=Signed", ["E", "A"] },
        { "?inError=true", ["C", "E", "D", "B", "A"] },
        { "?inError=true&status=Signed&author={counselor}", ["E", "D", "A"] },
        { "?type=Individual&goal={goal}&from=2026-06-01&to=2026-06-01", ["A"] },
        { "?type=MedicalEscort", [] },
        { "?p=abc", ["C", "E", "B", "A"] },
        { "?p=-5&inError=maybe", ["C", "E", "B", "A"] },
    };

    [Theory]
    [ProviderMemberData(nameof(Filters))]
    public async Task Each_filter_narrows_the_list_which_stays_newest_first(string query, string[] expected, DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var page = await home.Counselor.GetDocumentAsync(Url(home, home.Resolve(query)));

        Assert.Equal(expected, Listed(home, page));
        Assert.Null(page.QuerySelector("#filters-invalid"));
        if (expected.Length == 0)
        {
            Assert.NotNull(page.QuerySelector("#no-notes"));
        }
    }

    [Theory, Providers]
    public async Task Each_row_shows_service_time_type_format_author_status_and_a_preview_linked_to_the_note(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var page = await home.Counselor.GetDocumentAsync(Url(home));

        var row = page.QuerySelector($"#note-{home.Notes["C"]}")!;
        Assert.Equal("2026-06-14 09:00–10:30", row.QuerySelector(".service")!.TextContent.Trim());
        Assert.Equal($"/Notes/Details/{home.Notes["C"]}", row.QuerySelector(".service a")!.GetAttribute("href"));
        Assert.Equal("Crisis", row.QuerySelector(".type")!.TextContent.Trim());
        Assert.Equal("Narrative", row.QuerySelector(".format")!.TextContent.Trim());
        Assert.Equal("Invented Second", row.QuerySelector(".author")!.TextContent.Trim());
        Assert.Contains("Waiting for co-signature", row.QuerySelector(".status")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(NoteListHome.Narrative("C"), row.QuerySelector(".preview")!.TextContent.Trim());
        Assert.Equal("Test Counselor", page.QuerySelector($"#note-{home.Notes["A"]} .author")!.TextContent.Trim());
        Assert.Equal($"/Notes/Write/{home.ResidentId}", page.QuerySelector("#write-note")?.GetAttribute("href"));
        Assert.Equal("4 notes", page.QuerySelector("#note-count")!.TextContent.Trim());
    }

    [Theory, Providers]
    public async Task A_long_note_is_previewed_briefly_and_the_late_signature_is_flagged(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var page = await home.Counselor.GetDocumentAsync(Url(home));

        var preview = page.QuerySelector($"#note-{home.Notes["A"]} .preview")!.TextContent.Trim();
        Assert.EndsWith("…", preview, StringComparison.Ordinal);
        Assert.True(preview.Length <= SafeHome.Web.Pages.Notes.IndexModel.PreviewLength + 1, preview);
        Assert.StartsWith(preview.TrimEnd('…'), NoteListHome.Narrative("A"), StringComparison.Ordinal);
        Assert.Equal("Signed late", page.QuerySelector($"#note-{home.Notes["A"]} .late")?.TextContent.Trim());
        Assert.Equal("Signature overdue", page.QuerySelector($"#note-{home.Notes["B"]} .late")?.TextContent.Trim());
        Assert.Null(page.QuerySelector($"#note-{home.Notes["C"]} .late"));
    }

    [Theory, Providers]
    public async Task A_note_entered_in_error_is_hidden_by_default_and_shown_struck_and_labelled_when_asked_for(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var hidden = await home.Counselor.GetAsync(Url(home));
        Assert.DoesNotContain(NoteListHome.Narrative("D"), await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var page = await home.Counselor.GetDocumentAsync(Url(home, "?inError=true"));

        var row = page.QuerySelector($"#note-{home.Notes["D"]}")!;
        Assert.Contains("entered-in-error", row.ClassName, StringComparison.Ordinal);
        Assert.Contains("Entered in error", row.QuerySelector(".preview")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(NoteListHome.Narrative("D"), row.QuerySelector(".preview s")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#inError[checked]"));
    }

    [Theory]
    [ProviderInlineData("counselor")]
    [ProviderInlineData("second")]
    [ProviderInlineData("director")]
    [ProviderInlineData("auditor")]
    public async Task A_sensitive_notes_text_is_never_in_the_list_while_its_type_date_and_author_are(string reader, DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var browser = home.Reader(reader);

        var response = await browser.GetAsync(Url(home, "?inError=true"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(NoteListHome.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Invented secret", html, StringComparison.Ordinal);
        var row = (await HtmlForms.ParseAsync(response)).QuerySelector($"#note-{home.Notes["E"]}")!;
        Assert.Equal("Family", row.QuerySelector(".type")!.TextContent.Trim());
        Assert.StartsWith("2026-06-13 11:00", row.QuerySelector(".service")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Test Counselor", row.QuerySelector(".author")!.TextContent.Trim());
        Assert.Contains("Sensitive", row.QuerySelector(".preview .badge")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_list_filtered_down_to_the_sensitive_note_still_holds_no_text(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var rows = await home.App.WithDbAsync(db => db.ProgressNotes.CountAsync(n => n.IsSensitive));
        var page = await home.Director.GetDocumentAsync(Url(home, "?type=Family"));

        Assert.Equal(1, rows);
        Assert.Equal(["E"], Listed(home, page));
        Assert.DoesNotContain(NoteListHome.Secret, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task Only_counselors_get_the_link_to_write_a_note(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        Assert.NotNull((await home.Counselor.GetDocumentAsync(Url(home))).QuerySelector("#write-note"));
        Assert.Null((await home.Director.GetDocumentAsync(Url(home))).QuerySelector("#write-note"));
        Assert.Null((await home.Auditor.GetDocumentAsync(Url(home))).QuerySelector("#write-note"));
    }

    [Theory, Providers]
    public async Task The_author_and_goal_filters_offer_only_this_residents_authors_and_goals(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var page = await home.Counselor.GetDocumentAsync(Url(home, $"?goal={home.GoalLineageId}"));

        Assert.Equal(new[] { "", home.SecondId, home.CounselorId }.Order(StringComparer.Ordinal), page.QuerySelectorAll("#author option").Select(o => o.GetAttribute("value")).OrderBy(v => v, StringComparer.Ordinal));
        Assert.Equal(["", home.GoalLineageId.ToString()], page.QuerySelectorAll("#goal option").Select(o => o.GetAttribute("value")));
        Assert.NotNull(page.QuerySelector($"#goal option[value='{home.GoalLineageId}'][selected]"));
    }

    [Theory, Providers]
    public async Task Paging_keeps_the_filters(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var first = new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc);
        for (var day = 0; day < 23; day++)
        {
            await app.AddNoteAsync(residentId, counselor.Id, first.AddDays(day), $"Group session {day:00}.", NoteType.Group);
        }

        await app.AddNoteAsync(residentId, counselor.Id, first.AddDays(30), "An individual session.");

        var page = await browser.GetDocumentAsync($"/Notes/Index/{residentId}?type=Group&from=2026-05-01");

        Assert.Equal(20, page.QuerySelectorAll("#notes tbody tr.note").Length);
        Assert.Contains("Group session 22.", page.QuerySelector("#notes tbody tr.note .preview")!.TextContent, StringComparison.Ordinal);
        var next = page.QuerySelectorAll(".pagination a").Single(a => a.TextContent.Trim() == "Next").GetAttribute("href")!;
        Assert.Contains("type=Group", next, StringComparison.Ordinal);
        Assert.Contains("from=2026-05-01", next, StringComparison.Ordinal);
        Assert.Contains("p=2", next, StringComparison.Ordinal);

        var second = await browser.GetDocumentAsync(System.Net.WebUtility.HtmlDecode(next));
        Assert.Equal(
            ["Group session 02.", "Group session 01.", "Group session 00."],
            second.QuerySelectorAll("#notes tbody tr.note .preview").Select(p => p.TextContent.Trim()));
    }

    [Theory, Providers]
    public async Task The_resident_overview_links_to_the_notes_with_their_count_and_counselors_to_writing_one(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var counselor = await home.Counselor.GetDocumentAsync($"/Residents/Details/{home.ResidentId}");
        var director = await home.Director.GetDocumentAsync($"/Residents/Details/{home.ResidentId}");
        var auditor = await home.Auditor.GetDocumentAsync($"/Residents/Details/{home.ResidentId}");

        // The list is the folder's index page, so its shortest address is /Notes/{residentId}.
        Assert.Equal($"/Notes/{home.ResidentId}", counselor.QuerySelector("#notes-link")!.GetAttribute("href"));
        Assert.Equal("4", counselor.QuerySelector("#note-count")!.TextContent.Trim());
        Assert.Equal($"/Notes/Write/{home.ResidentId}", counselor.QuerySelector("#write-note")!.GetAttribute("href"));
        Assert.Equal("4", director.QuerySelector("#note-count")!.TextContent.Trim());
        Assert.Null(director.QuerySelector("#write-note"));
        Assert.NotNull(auditor.QuerySelector("#notes-link"));
        Assert.Null(auditor.QuerySelector("#write-note"));
    }

    [Theory, Providers]
    public async Task The_menu_offers_unsigned_notes_to_counselors_and_directors_and_the_guidance_to_directors(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        static (bool Unsigned, bool Guidance) Menu(IHtmlDocument page) =>
            (page.QuerySelector("header a[href='/Notes/Unsigned']") is not null, page.QuerySelector("header a[href='/Notes/Lexicon']") is not null);

        Assert.Equal((true, false), Menu(await home.Counselor.GetDocumentAsync("/Residents")));
        Assert.Equal((true, true), Menu(await home.Director.GetDocumentAsync("/Residents")));
        Assert.Equal((false, false), Menu(await home.Auditor.GetDocumentAsync("/Residents")));
        Assert.Equal((false, false), Menu(await home.Admin.GetDocumentAsync("/Admin/Staff")));
    }

    [Theory, Providers]
    public async Task Viewing_the_list_is_recorded_in_the_audit_log(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        await home.Auditor.GetDocumentAsync(Url(home));

        Assert.True(await home.App.WithDbAsync(db => db.AuditEntries.AnyAsync(e =>
            e.Action == AuditActions.View && e.EntityType == "ProgressNoteList" && e.EntityKey == home.ResidentId.ToString() && e.UserId == home.AuditorId)));
    }

    [Theory, Providers]
    public async Task A_resident_outside_the_caseload_answers_404_and_lists_nothing(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var response = await home.Outsider.GetAsync(Url(home));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(NoteListHome.Narrative("A"), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await home.Counselor.GetAsync($"/Notes/Index/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory, Providers]
    public async Task An_administrator_is_refused(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var response = await home.Admin.GetAsync(Url(home));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(NoteListHome.Narrative("A"), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadFilters() => new()
    {
        { "?from=2026-06-12&to=2026-06-10", "to", "before its start" },
        { "?from=2026-13-01", "from", "real date" },
        { "?to=03/04/2026", "to", "real date" },
        { "?from=2027-02-29", "from", "real date" },
        { "?from=0001-01-01", "from", "between 1900-01-01" },
        { "?to=9999-12-31", "to", "between 1900-01-01" },
        { "?from=%27%20OR%201=1--", "from", "real date" },
        { "?type=Nope", "type", "from the list" },
        { "?type=999", "type", "from the list" },
        { "?type=%3Cscript%3Ealert(1)%3C/script%3E", "type", "from the list" },
        { "?status=Archived", "status", "from the list" },
        { "?status=-1", "status", "from the list" },
        { "?author=someone-else", "author", "from the list" },
        { "?author={outsider}", "author", "from the list" },
        { "?goal=not-a-guid", "goal", "from the list" },
        { "?goal={random}", "goal", "from the list" },
    };

    [Theory]
    [ProviderMemberData(nameof(BadFilters))]
    public async Task A_bad_filter_value_gets_a_message_next_to_the_filter_and_never_a_500(string query, string field, string message, DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var response = await home.Counselor.GetAsync(Url(home, home.Resolve(query)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        var error = page.FieldError(field);
        Assert.True(error is not null, $"No message next to {field}");
        Assert.Contains(message, error, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(page.QuerySelector("#filters-invalid"));
        Assert.Empty(Listed(home, page));
        page.AssertOnlyOwnScripts();
    }

    [Theory, Providers]
    public async Task A_bad_date_is_shown_back_as_typed(DatabaseProvider provider)
    {
        var home = await homes.On(provider);
        var page = await home.Counselor.GetDocumentAsync(Url(home, "?from=2026-13-01&to=2026-06-10"));

        Assert.Equal("2026-13-01", page.QuerySelector("#from")!.GetAttribute("value"));
        Assert.Equal("2026-06-10", page.QuerySelector("#to")!.GetAttribute("value"));
    }
}

/// One resident on two counselors' caseload, with an active plan of one goal and five notes:
/// A (2026-06-01, individual, signed two days late, linked to the goal, a long text),
/// B (2026-06-10, group, a draft past its signing deadline),
/// C (2026-06-14, crisis, by the second counselor, waiting for co-signature, linked to the goal),
/// D (2026-06-12, individual, entered in error),
/// E (2026-06-13, family, signed and sensitive).
public sealed class NoteListHomes : PerProvider<NoteListHome>;

public sealed class NoteListHome : IProviderHome
{
    public DatabaseProvider Provider { get; init; }

    public const string Secret = "Invented secret detail 4412 about the exploiter.";

    private readonly Dictionary<string, HttpClient> _readers = [];

    public SafeHomeApp App { get; private set; } = null!;

    public Guid ResidentId { get; private set; }

    public Guid GoalLineageId { get; private set; }

    public string CounselorId { get; private set; } = string.Empty;

    public string SecondId { get; private set; } = string.Empty;

    public string AuditorId { get; private set; } = string.Empty;

    public string OutsiderId { get; private set; } = string.Empty;

    public Dictionary<string, Guid> Notes { get; } = [];

    public HttpClient Counselor => _readers["counselor"];

    public HttpClient Director => _readers["director"];

    public HttpClient Auditor => _readers["auditor"];

    public HttpClient Admin => _readers["admin"];

    public HttpClient Outsider => _readers["outsider"];

    public HttpClient Reader(string name) => _readers[name];

    public static string Narrative(string letter) => letter switch
    {
        "A" => "Alpha note: walked to the library and talked about the reading list, the upcoming school week, the bus route and who to call when a ride falls through; agreed to try the bus on Monday.",
        "E" => Secret,
        _ => $"{letter} note: an invented session about the week ahead.",
    };

    public string LetterOf(Guid id) => Notes.Single(n => n.Value == id).Key;

    public string Resolve(string query) => query
        .Replace("{counselor}", CounselorId, StringComparison.Ordinal)
        .Replace("{second}", SecondId, StringComparison.Ordinal)
        .Replace("{outsider}", OutsiderId, StringComparison.Ordinal)
        .Replace("{goal}", GoalLineageId.ToString(), StringComparison.Ordinal)
        .Replace("{random}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

    public async ValueTask InitializeAsync()
    {
        App = await SafeHomeApp.StartAsync(Provider);
        var counselor = await App.CreateStaffAsync(Roles.Counselor);
        var second = await App.CreateStaffAsync(Roles.Counselor);
        var outsider = await App.CreateStaffAsync(Roles.Counselor);
        var auditor = await App.CreateStaffAsync(Roles.Auditor);
        (CounselorId, SecondId, OutsiderId, AuditorId) = (counselor.Id, second.Id, outsider.Id, auditor.Id);
        await App.RenameStaffAsync(second.Id, "Invented Second");
        ResidentId = await App.CreateResidentAsync(counselor.Id, "Iris Invented");
        await App.WithDbAsync(async db =>
        {
            var resident = await db.Residents.Include(r => r.Assignments).SingleAsync(r => r.Id == ResidentId);
            resident.AssignCaseload(counselor.Id, [second.Id], App.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        var planId = await App.CreatePlanAsync(ResidentId, PlanStatus.Active, counselor.Id);
        var goal = await App.WithDbAsync(db => db.PlanGoals.AsNoTracking().SingleAsync(g => g.PlanId == planId));
        GoalLineageId = goal.LineageId;
        var link = new NoteLinkTarget(goal.Id, goal.LineageId, null, null);

        Notes["A"] = await App.AddNoteAsync(ResidentId, counselor.Id, new DateTime(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc), Narrative("A"), links: [link], signedAfter: TimeSpan.FromDays(3));
        Notes["B"] = await App.AddNoteAsync(ResidentId, counselor.Id, new DateTime(2026, 6, 10, 10, 0, 0, DateTimeKind.Utc), Narrative("B"), NoteType.Group, NoteStatus.Draft);
        Notes["C"] = await App.AddNoteAsync(ResidentId, second.Id, new DateTime(2026, 6, 14, 9, 0, 0, DateTimeKind.Utc), Narrative("C"), NoteType.Crisis, NoteStatus.CosignPending, links: [link], length: TimeSpan.FromMinutes(90));
        Notes["D"] = await App.AddNoteAsync(ResidentId, counselor.Id, new DateTime(2026, 6, 12, 10, 0, 0, DateTimeKind.Utc), Narrative("D"), enteredInError: true);
        Notes["E"] = await App.AddNoteAsync(ResidentId, counselor.Id, new DateTime(2026, 6, 13, 11, 0, 0, DateTimeKind.Utc), Narrative("E"), NoteType.Family, sensitive: true);

        _readers["counselor"] = await App.SignInAsync(counselor);
        _readers["second"] = await App.SignInAsync(second);
        _readers["outsider"] = await App.SignInAsync(outsider);
        _readers["auditor"] = await App.SignInAsync(auditor);
        _readers["director"] = (await App.SignInNewAsync(Roles.ProgramDirector)).Browser;
        _readers["admin"] = (await App.SignInNewAsync(Roles.Admin)).Browser;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var browser in _readers.Values)
        {
            browser.Dispose();
        }

        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

/// Notes at a chosen past time, with links, sensitivity and an entered-in-error amendment, built through the domain,
/// which is told that "now" is the end of the service and signing follows it (late when asked).
internal static class NoteListSeeding
{
    public static async Task<Guid> AddNoteAsync(
        this SafeHomeApp app,
        Guid residentId,
        string authorId,
        DateTime startUtc,
        string narrative,
        NoteType type = NoteType.Individual,
        NoteStatus status = NoteStatus.Signed,
        bool sensitive = false,
        NoteLinkTarget[]? links = null,
        bool enteredInError = false,
        TimeSpan? length = null,
        TimeSpan? signedAfter = null)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var end = startUtc + (length ?? TimeSpan.FromHours(1));
        var signedAt = signedAfter is { } delay ? end + delay : end.AddMinutes(30);
        return await app.WithDbAsync(async db =>
        {
            var stays = await db.Stays.Where(s => s.ResidentId == residentId).Select(s => new { s.Id, s.AdmittedOn, s.DischargedOn }).ToListAsync();
            var window = new ServiceWindow([.. stays.Select(s => (s.Id, s.AdmittedOn, s.DischargedOn))], TimeZoneInfo.Utc);
            var content = new NoteContent(
                type, NoteFormat.Narrative, startUtc, end,
                new Dictionary<NoteSection, string?> { [NoteSection.Narrative] = narrative },
                "I want to keep going.", "Planned the route", "Walk and talk", false, false, false, null);
            var note = ProgressNote.Start(residentId, authorId, content, links ?? [], window, end);
            note.MarkSensitive(sensitive);
            if (status != NoteStatus.Draft)
            {
                note.Sign(authorId, [], null, needsCosign: status is NoteStatus.CosignPending or NoteStatus.Cosigned, signedAt);
            }

            if (status == NoteStatus.Cosigned)
            {
                note.Cosign("seeded-director", signedAt);
            }

            if (enteredInError)
            {
                note.Amend(authorId, new AmendmentRequest(AmendmentKind.EnteredInError, "Written for the wrong resident.", null, null, null), DateOnly.FromDateTime(now), now);
            }

            db.ProgressNotes.Add(note);
            await db.SaveChangesAsync();
            return note.Id;
        });
    }

    public static Task RenameStaffAsync(this SafeHomeApp app, string staffId, string displayName) =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == staffId);
            user.DisplayName = displayName;
            return await db.SaveChangesAsync();
        });
}
