using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using static SafeHome.IntegrationTests.Pages.Notes.NoteFormFields;

namespace SafeHome.IntegrationTests.Pages.Notes;

/// SECURITY.md §4 on the note forms: a refused input re-renders the form (200, never 500) with the message next to
/// the field and the typing kept, and no note row changes. Dangerous-looking text that is allowed is stored
/// byte-identical and renders inert. The cases share one app (<see cref="NoteFormHome"/>): a refused post changes
/// nothing, and each case compares every note row before and after.
public sealed class NoteFormBadInputTests(NoteFormHome home) : IClassFixture<NoteFormHome>
{
    private sealed record BadCase(string Form, string Field, string Value, string ErrorField, string? MessageContains = null, bool KeepsValue = true, Dictionary<string, string>? Extra = null);

    private const string Rtl = "Kind\u202Eevil.exe";
    private const int Megabyte = 1024 * 1024;

    private static readonly Dictionary<string, string> Dap = new() { ["Input.Format"] = nameof(NoteFormat.Dap) };

    // Times are minutes relative to the app clock's "now" ({t:N}); ids come from the fixture ({goal}, {foreignGoal}, …).
    private static readonly Dictionary<string, BadCase> Cases = new()
    {
        ["Narrative of 1 MB"] = new("Write", "Input.Narrative", new string('x', Megabyte), "Input.Narrative", $"at most {ProgressNote.MaxLength.Section} characters"),
        ["Narrative of 10 times the limit"] = new("Write", "Input.Narrative", new string('x', ProgressNote.MaxLength.Section * 10), "Input.Narrative", $"at most {ProgressNote.MaxLength.Section} characters"),
        ["DAP data section max+1"] = new("Write", "Input.Data", new string('d', ProgressNote.MaxLength.Section + 1), "Input.Data", $"at most {ProgressNote.MaxLength.Section}", Extra: Dap),
        ["Youth words max+1"] = new("Write", "Input.YouthWords", new string('y', ProgressNote.MaxLength.YouthWords + 1), "Input.YouthWords", $"at most {ProgressNote.MaxLength.YouthWords}"),
        ["Strengths max+1"] = new("Write", "Input.StrengthsObserved", new string('s', ProgressNote.MaxLength.Strengths + 1), "Input.StrengthsObserved", $"at most {ProgressNote.MaxLength.Strengths}"),
        ["Interventions max+1"] = new("Write", "Input.InterventionsUsed", new string('i', ProgressNote.MaxLength.Interventions + 1), "Input.InterventionsUsed", $"at most {ProgressNote.MaxLength.Interventions}"),
        ["Follow-up max+1"] = new("Write", "Input.RiskFollowUp", new string('f', ProgressNote.MaxLength.FollowUp + 1), "Input.RiskFollowUp", $"at most {ProgressNote.MaxLength.FollowUp}"),
        ["Strengths with an RTL override"] = new("Write", "Input.StrengthsObserved", Rtl, "Input.StrengthsObserved", "U+202E"),
        ["Narrative with an RTL override"] = new("Write", "Input.Narrative", "Calm\u202E today", "Input.Narrative", "U+202E"),
        ["Interventions with a zero-width space"] = new("Write", "Input.InterventionsUsed", "Ground\u200Bing", "Input.InterventionsUsed", "U+200B"),
        ["Youth words with a zero-width no-break space"] = new("Write", "Input.YouthWords", "I said\uFEFF it", "Input.YouthWords", "U+FEFF"),
        ["Follow-up with a bidi isolate"] = new("Write", "Input.RiskFollowUp", "Told \u2067the supervisor", "Input.RiskFollowUp", "U+2067", Extra: new() { ["Input.RiskSelfHarm"] = "true" }),
        ["Service end before start"] = new("Write", "Input.ServiceEnd", "{t:-100}", "Input.ServiceEnd", "at or after its start", Extra: new() { ["Input.ServiceStart"] = "{t:-60}" }),
        ["Service start in the future"] = new("Write", "Input.ServiceStart", "{t:10}", "Input.ServiceStart", "future", Extra: new() { ["Input.ServiceEnd"] = "{t:20}" }),
        ["Service end in the future"] = new("Write", "Input.ServiceEnd", "{t:30}", "Input.ServiceEnd", "future", Extra: new() { ["Input.ServiceStart"] = "{t:-30}" }),
        ["Service longer than a day"] = new("Write", "Input.ServiceStart", "{t:-1560}", "Input.ServiceEnd", "24 hours"),
        ["Service before the resident's stay"] = new("Write", "Input.ServiceStart", "{t:-1051200}", "Input.ServiceStart", "stays", Extra: new() { ["Input.ServiceEnd"] = "{t:-1051140}" }),
        ["Service in year 0001"] = new("Write", "Input.ServiceStart", "0001-01-01 00:00", "Input.ServiceStart", "stays", Extra: new() { ["Input.ServiceEnd"] = "0001-01-01 01:00" }),
        ["Service in year 9999"] = new("Write", "Input.ServiceStart", "9999-12-31 22:00", "Input.ServiceStart", "future", Extra: new() { ["Input.ServiceEnd"] = "9999-12-31 23:00" }),
        ["Start culture-formatted 03/04/2025"] = new("Write", "Input.ServiceStart", "03/04/2025", "Input.ServiceStart", "year-month-day"),
        ["Start in month 13"] = new("Write", "Input.ServiceStart", "2025-13-01 10:00", "Input.ServiceStart", "year-month-day"),
        ["Start on Feb 29 of a non-leap year"] = new("Write", "Input.ServiceStart", "2026-02-29 10:00", "Input.ServiceStart", "year-month-day"),
        ["End with a UTC offset"] = new("Write", "Input.ServiceEnd", "2026-06-15T14:00+02:00", "Input.ServiceEnd", "year-month-day"),
        ["End empty"] = new("Write", "Input.ServiceEnd", "", "Input.ServiceEnd", "when the service ended", KeepsValue: false),
        ["Type Nope"] = new("Write", "Input.Type", "Nope", "Input.Type", KeepsValue: false),
        ["Type 999"] = new("Write", "Input.Type", "999", "Input.Type", "invalid", KeepsValue: false),
        ["Type empty"] = new("Write", "Input.Type", "", "Input.Type", "kind of service", KeepsValue: false),
        ["Format Nope"] = new("Write", "Input.Format", "Nope", "Input.Format", KeepsValue: false),
        ["Format 42"] = new("Write", "Input.Format", "42", "Input.Format", "invalid", KeepsValue: false),
        ["Format -1"] = new("Write", "Input.Format", "-1", "Input.Format", "invalid", KeepsValue: false),
        ["Risk answer maybe"] = new("Write", "Input.RiskSelfHarm", "maybe", "Input.RiskSelfHarm", KeepsValue: false),
        ["Risk yes without a follow-up"] = new("Write", "Input.RiskExploiterContact", "true", "Input.RiskFollowUp", "follow-up action", KeepsValue: false),
        ["Goal id in no plan"] = new("Write", "Input.GoalIds", "{random}", "Input.GoalIds", "active plan", KeepsValue: false),
        ["Goal id of another resident's active plan"] = new("Write", "Input.GoalIds", "{foreignGoal}", "Input.GoalIds", "active plan", KeepsValue: false),
        ["Objective id of another resident's active plan"] = new("Write", "Input.ObjectiveIds", "{foreignObjective}", "Input.ObjectiveIds", "active plan", KeepsValue: false),
        ["Goal id that is a resident id"] = new("Write", "Input.GoalIds", "{resident}", "Input.GoalIds", "active plan", KeepsValue: false),
        ["Goal id that is not an id"] = new("Write", "Input.GoalIds", "' OR 1=1--", "Input.GoalIds", KeepsValue: false),
        ["Edit: narrative of 1 MB"] = new("Edit", "Input.Narrative", new string('x', Megabyte), "Input.Narrative", $"at most {ProgressNote.MaxLength.Section} characters"),
        ["Edit: strengths with an RTL override"] = new("Edit", "Input.StrengthsObserved", Rtl, "Input.StrengthsObserved", "U+202E"),
        ["Edit: service end before start"] = new("Edit", "Input.ServiceEnd", "{t:-200}", "Input.ServiceEnd", "at or after its start"),
        ["Edit: service end in the future"] = new("Edit", "Input.ServiceEnd", "{t:1}", "Input.ServiceEnd", "future"),
        ["Edit: start culture-formatted"] = new("Edit", "Input.ServiceStart", "03/04/2025", "Input.ServiceStart", "year-month-day"),
        ["Edit: type 999"] = new("Edit", "Input.Type", "999", "Input.Type", "invalid", KeepsValue: false),
        ["Edit: goal of another resident's plan"] = new("Edit", "Input.GoalIds", "{foreignGoal}", "Input.GoalIds", "active plan", KeepsValue: false),
        ["Sign: reason with an RTL override"] = new("Sign", "SignInput.LanguageOverrideReason", Rtl, "SignInput.LanguageOverrideReason", "U+202E"),
        ["Sign: reason max+1"] = new("Sign", "SignInput.LanguageOverrideReason", new string('r', ProgressNote.MaxLength.Reason + 1), "SignInput.LanguageOverrideReason", $"at most {ProgressNote.MaxLength.Reason}"),
        ["Sign: version not a number"] = new("Sign", "SignInput.Version", "1e3", "SignInput.Version", KeepsValue: false),
    };

    /// Text that looks dangerous but is a legitimate thing to type; it must be kept exactly and shown inert.
    public static TheoryData<string> AllowedButDangerous() =>
    [
        "<script>alert(1)</script>",
        "\"><svg onload=alert(1)>",
        "{{7*7}} @(1+1)",
        "' OR 1=1--",
        "=HYPERLINK(\"http://example.invalid\")",
        "</textarea><script>alert(2)</script>",
    ];

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_is_refused_next_to_the_field_keeps_the_typing_and_changes_nothing(string caseName)
    {
        var bad = Cases[caseName];
        var before = await SnapshotAsync(home.App);
        var value = Resolve(bad.Value);
        var fields = bad.Form == "Write" ? Complete(home.App) : [];
        foreach (var (name, extra) in bad.Extra ?? [])
        {
            fields[name] = Resolve(extra);
        }

        fields[bad.Field] = value;
        var (url, handler) = bad.Form switch
        {
            "Write" => ($"/Notes/Write/{home.ResidentId}", null),
            "Edit" => ($"/Notes/Edit/{home.DraftId}", (string?)null),
            _ => ($"/Notes/Edit/{home.DraftId}", "Sign"),
        };

        var response = await home.Counselor.SubmitFormAsync(url, fields, handler);

        AssertOk(response);
        var page = await HtmlForms.ParseAsync(response);
        var error = page.FieldError(bad.ErrorField);
        Assert.True(error is not null, $"No message next to {bad.ErrorField}. Messages: {string.Join(" | ", page.QuerySelectorAll(".field-validation-error, .validation-summary-errors").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0))}");
        if (bad.MessageContains is not null)
        {
            Assert.Contains(bad.MessageContains, error, StringComparison.OrdinalIgnoreCase);
        }

        if (bad.KeepsValue)
        {
            var element = page.QuerySelector($"[name='{bad.Field}']")!;
            var shown = element is IHtmlTextAreaElement area ? area.Value : element.GetAttribute("value");
            Assert.True(value == shown, $"The typing was not kept in {bad.Field}: '{Shorten(shown)}'");
        }

        Assert.Equal(before, await SnapshotAsync(home.App));
    }

    [Fact]
    public async Task A_NUL_character_is_named_next_to_its_field_and_nothing_is_saved()
    {
        var before = await SnapshotAsync(home.App);

        var response = await home.Counselor.SubmitFormAsync($"/Notes/Write/{home.ResidentId}", Complete(home.App, "Before\0after"));

        // Issue 15: the form comes back with a message next to the field that says what was wrong, and nothing is saved.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("contained a NUL character", System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(home.App));
    }

    [Fact]
    public async Task Text_exactly_at_each_limit_is_accepted_and_stored_whole()
    {
        var fields = Complete(home.App).With(
            ("Input.Narrative", new string('n', ProgressNote.MaxLength.Section)),
            ("Input.YouthWords", new string('y', ProgressNote.MaxLength.YouthWords)),
            ("Input.StrengthsObserved", new string('s', ProgressNote.MaxLength.Strengths)),
            ("Input.InterventionsUsed", new string('i', ProgressNote.MaxLength.Interventions)),
            ("Input.RiskSelfHarm", "true"),
            ("Input.RiskFollowUp", new string('f', ProgressNote.MaxLength.FollowUp)));

        var noteId = await home.Counselor.WriteDraftAsync(home.ResidentId, fields);

        var note = await LoadAsync(home.App, noteId);
        Assert.Equal(fields["Input.Narrative"], note.Narrative);
        Assert.Equal(fields["Input.YouthWords"], note.YouthWords);
        Assert.Equal(fields["Input.StrengthsObserved"], note.StrengthsObserved);
        Assert.Equal(fields["Input.InterventionsUsed"], note.InterventionsUsed);
        Assert.Equal(fields["Input.RiskFollowUp"], note.RiskFollowUp);

        // A sign reason exactly at its limit is accepted too.
        var blocked = await home.Counselor.WriteDraftAsync(home.ResidentId, Complete(home.App, "The pimp called."));
        (await home.Counselor.SignAsync(blocked, new string('r', ProgressNote.MaxLength.Reason))).AssertRedirectTo($"/Notes/Details/{blocked}");
        Assert.Equal(ProgressNote.MaxLength.Reason, (await LoadAsync(home.App, blocked)).LanguageOverrideReason!.Length);
    }

    [Theory]
    [MemberData(nameof(AllowedButDangerous))]
    public async Task Dangerous_looking_text_is_stored_byte_identical_and_renders_inert_on_the_edit_page(string text)
    {
        var noteId = await home.Counselor.WriteDraftAsync(home.ResidentId, Complete(home.App, text).With(
            ("Input.YouthWords", text),
            ("Input.StrengthsObserved", text),
            ("Input.InterventionsUsed", text),
            ("Input.RiskMissing", "true"),
            ("Input.RiskFollowUp", text)));

        var note = await LoadAsync(home.App, noteId);
        Assert.All(new[] { note.Narrative, note.YouthWords, note.StrengthsObserved, note.InterventionsUsed, note.RiskFollowUp }, stored => Assert.Equal(text, stored));

        var response = await home.Counselor.GetAsync($"/Notes/Edit/{noteId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var encoded = HtmlEncoder.Default.Encode(text);
        Assert.Contains(encoded, html, StringComparison.Ordinal);
        if (encoded != text)
        {
            Assert.DoesNotContain(text, html, StringComparison.Ordinal);
        }

        var page = await HtmlForms.ParseAsync(response);
        Assert.Empty(page.QuerySelectorAll("svg, [onload], [onerror]"));
        page.AssertOnlyOwnScripts();
        Assert.Equal(text, page.QuerySelector<IHtmlTextAreaElement>("#Input_Narrative")!.Value);
        Assert.Equal(text, page.QuerySelector<IHtmlTextAreaElement>("#Input_YouthWords")!.Value);

        // Saving the form unchanged alters no byte.
        (await home.Counselor.SubmitFormAsync(page, $"/Notes/Edit/{noteId}", [])).AssertRedirectTo($"/Notes/Edit/{noteId}");
        var resaved = await LoadAsync(home.App, noteId);
        Assert.Equal(note.ComputeContentHash(), resaved.ComputeContentHash());
    }

    private string Resolve(string value)
    {
        if (value.StartsWith("{t:", StringComparison.Ordinal))
        {
            return Local(Now(home.App).AddMinutes(int.Parse(value[3..^1], CultureInfo.InvariantCulture)));
        }

        return value switch
        {
            "{random}" => Guid.NewGuid().ToString(),
            "{foreignGoal}" => home.ForeignGoalId.ToString(),
            "{foreignObjective}" => home.ForeignObjectiveId.ToString(),
            "{resident}" => home.ResidentId.ToString(),
            _ => value,
        };
    }

    private static string Shorten(string? text) => text is null ? "(none)" : text.Length > 80 ? text[..80] + "…" : text;
}

/// One app for the note form cases: a counselor signed in with a resident on the caseload (active plan, one goal and
/// one objective) and a DRAFT note of theirs; and another counselor's resident with an active plan of its own.
public sealed class NoteFormHome : IAsyncLifetime
{
    public SafeHomeApp App { get; private set; } = null!;

    public HttpClient Counselor { get; private set; } = null!;

    public Guid ResidentId { get; private set; }

    public Guid DraftId { get; private set; }

    public Guid ForeignGoalId { get; private set; }

    public Guid ForeignObjectiveId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        App = await SafeHomeApp.StartAsync();
        var (counselor, browser) = await App.SignInNewAsync(Roles.Counselor);
        Counselor = browser;
        ResidentId = await App.CreateResidentAsync(counselor.Id);
        await NoteFormFields.CreateActivePlanAsync(App, ResidentId, counselor.Id);
        DraftId = await App.CreateNoteAsync(ResidentId, counselor.Id);
        var other = await App.CreateStaffAsync(Roles.Counselor);
        var otherResident = await App.CreateResidentAsync(other.Id, "Othera Example");
        (ForeignGoalId, ForeignObjectiveId) = await NoteFormFields.ActivePlanItemsAsync(App, await NoteFormFields.CreateActivePlanAsync(App, otherResident, other.Id));
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
