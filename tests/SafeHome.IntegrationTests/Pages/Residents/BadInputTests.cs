using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Residents;

/// SECURITY.md I1, I2, I3 and the §4 catalogue, fed to the intake, edit, discharge and readmit forms. A refused
/// input re-renders the form (200, never 500) with a message next to the field and the typed value kept, and no
/// row changes. Dangerous-looking text that is allowed is stored byte-identical and renders inert for every reader.
/// The cases share one app (see <see cref="ResidentFormsHome"/>): a refused post changes nothing, and each test
/// compares the whole database before and after its own post.
public sealed class BadInputTests(ResidentFormsHome home) : IClassFixture<ResidentFormsHome>
{
    private sealed record BadCase(string Field, string Value, string ErrorField, string? MessageContains = null, bool KeepsValue = true);

    /// Characters a single-line field refuses (Text.FindForbiddenSingleLineCharacter), each inside ordinary text.
    private static readonly (string Label, string Text, string CodePoint)[] Forbidden =
    [
        ("U+202E right-to-left override", "Ana\u202Egpj.exe", "U+202E"),
        ("U+202A left-to-right embedding", "Ana\u202AExample", "U+202A"),
        ("U+202B right-to-left embedding", "Ana\u202BExample", "U+202B"),
        ("U+202C pop directional formatting", "Ana\u202CExample", "U+202C"),
        ("U+202D left-to-right override", "Ana\u202DExample", "U+202D"),
        ("U+2066 left-to-right isolate", "Ana\u2066Example", "U+2066"),
        ("U+2067 right-to-left isolate", "Ana\u2067Example", "U+2067"),
        ("U+2068 first strong isolate", "Ana\u2068Example", "U+2068"),
        ("U+2069 pop directional isolate", "Ana\u2069Example", "U+2069"),
        ("U+200E left-to-right mark", "Ana\u200EExample", "U+200E"),
        ("U+200F right-to-left mark", "Ana\u200FExample", "U+200F"),
        ("U+061C arabic letter mark", "Ana\u061CExample", "U+061C"),
        ("U+200B zero-width space", "An\u200Ba Example", "U+200B"),
        ("U+200C zero-width non-joiner", "An\u200Ca Example", "U+200C"),
        ("U+200D zero-width joiner", "An\u200Da Example", "U+200D"),
        ("U+2060 word joiner", "An\u2060a Example", "U+2060"),
        ("U+FEFF zero-width no-break space", "An\uFEFFa Example", "U+FEFF"),
        ("CR LF", "Ana\r\nForged: line", "U+000D"),
        ("LF", "Ana\nForged: line", "U+000A"),
        ("CR", "Ana\rForged: line", "U+000D"),
        ("TAB", "Ana\tExample", "U+0009"),
        ("U+001B escape", "Ana\u001B[31mExample", "U+001B"),
        ("U+007F delete", "Ana\u007FExample", "U+007F"),
        ("U+0085 next line", "Ana\u0085Example", "U+0085"),
        ("U+2028 line separator", "Ana\u2028Example", "U+2028"),
        ("U+2029 paragraph separator", "Ana\u2029Example", "U+2029"),
    ];

    /// The ones every single-line field is tried with; the names on intake get the whole list. (NUL has its own
    /// test: the framework refuses a form holding one before any page sees it.)
    private static readonly string[] Headline = ["U+202E right-to-left override", "U+200B zero-width space", "CR LF"];

    // Dates are written {years,days} relative to the app's fake today, so the cases stay right if the clock moves.
    private static readonly Dictionary<string, BadCase> IntakeCases = Cases(
        TextCases("Input.LegalName", Resident.MaxLength.LegalName, required: true, allForbidden: true),
        TextCases("Input.PreferredName", Resident.MaxLength.PreferredName, required: true, allForbidden: true),
        TextCases("Input.Pronouns", Resident.MaxLength.Pronouns, required: false, allForbidden: false),
        TextCases("Input.GenderIdentity", Resident.MaxLength.GenderIdentity, required: false, allForbidden: false),
        TextCases("Input.PrimaryLanguage", Resident.MaxLength.PrimaryLanguage, required: false, allForbidden: false),
        TextCases("Input.TribalAffiliation", Resident.MaxLength.TribalAffiliation, required: false, allForbidden: false),
        TextCases("Input.CourtCaseNumber", Resident.MaxLength.CourtCaseNumber, required: false, allForbidden: false),
        TextCases("Input.Stay.PlacingAgency", Stay.MaxLength.PlacingAgency, required: true, allForbidden: false),
        TextCases("Input.Stay.PriorLivingSituation", Stay.MaxLength.PriorLivingSituation, required: false, allForbidden: false),
        DateOfBirthCases("Input.Stay.AdmittedOn", admittedYearsAgo: 0),
        [
            new("LegalName one megabyte", new("Input.LegalName", new string('x', 1 << 20), "Input.LegalName", "at most 200")),
            new("AdmittedOn empty", new("Input.Stay.AdmittedOn", "", "Input.Stay.AdmittedOn", "admission date")),
            new("AdmittedOn not a date", new("Input.Stay.AdmittedOn", "2025-13-01", "Input.Stay.AdmittedOn")),
            new("AdmittedOn Feb 29 of a non-leap year", new("Input.Stay.AdmittedOn", "2025-02-29", "Input.Stay.AdmittedOn")),
            new("AdmittedOn tomorrow", new("Input.Stay.AdmittedOn", "{0,1}", "Input.Stay.AdmittedOn", "future")),
            new("AdmittedOn 9999-12-31", new("Input.Stay.AdmittedOn", "9999-12-31", "Input.Stay.AdmittedOn", "future")),
            new("AdmittedOn 0001-01-01 before birth", new("Input.Stay.AdmittedOn", "0001-01-01", "Input.Stay.AdmittedOn", "after the date of birth")),
            new("Sex 999", new("Input.Sex", "999", "Input.Sex", KeepsValue: false)),
            new("Sex Nope", new("Input.Sex", "Nope", "Input.Sex", KeepsValue: false)),
            new("CustodyStatus -1", new("Input.CustodyStatus", "-1", "Input.CustodyStatus", KeepsValue: false)),
            new("ReferralSource Nope", new("Input.Stay.ReferralSource", "Nope", "Input.Stay.ReferralSource", KeepsValue: false)),
            new("ReferralSource 999", new("Input.Stay.ReferralSource", "999", "Input.Stay.ReferralSource", KeepsValue: false)),
        ]);

    private static readonly Dictionary<string, BadCase> EditCases = Cases(
        TextCases("Input.LegalName", Resident.MaxLength.LegalName, required: true, allForbidden: false),
        TextCases("Input.PreferredName", Resident.MaxLength.PreferredName, required: true, allForbidden: false),
        TextCases("Input.Pronouns", Resident.MaxLength.Pronouns, required: false, allForbidden: false),
        TextCases("Input.GenderIdentity", Resident.MaxLength.GenderIdentity, required: false, allForbidden: false),
        TextCases("Input.PrimaryLanguage", Resident.MaxLength.PrimaryLanguage, required: false, allForbidden: false),
        TextCases("Input.TribalAffiliation", Resident.MaxLength.TribalAffiliation, required: false, allForbidden: false),
        TextCases("Input.CourtCaseNumber", Resident.MaxLength.CourtCaseNumber, required: false, allForbidden: false),
        DateOfBirthCases("Input.DateOfBirth", admittedYearsAgo: 1),
        [
            new("Sex 999", new("Input.Sex", "999", "Input.Sex", KeepsValue: false)),
            new("CustodyStatus Nope", new("Input.CustodyStatus", "Nope", "Input.CustodyStatus", KeepsValue: false)),
        ]);

    // The in-care resident was admitted a year ago and is 15 today.
    private static readonly Dictionary<string, BadCase> DischargeCases = Cases((KeyValuePair<string, BadCase>[])
    [
        new("DischargedOn empty", new("Input.DischargedOn", "", "Input.DischargedOn", "discharge date")),
        new("DischargedOn whitespace", new("Input.DischargedOn", "   ", "Input.DischargedOn")),
        new("DischargedOn not a date", new("Input.DischargedOn", "2025-13-01", "Input.DischargedOn")),
        new("DischargedOn Feb 29 of a non-leap year", new("Input.DischargedOn", "2025-02-29", "Input.DischargedOn")),
        new("DischargedOn day before admission", new("Input.DischargedOn", "{-1,-1}", "Input.DischargedOn", "on or after the admission date")),
        new("DischargedOn 0001-01-01", new("Input.DischargedOn", "0001-01-01", "Input.DischargedOn", "on or after the admission date")),
        new("DischargedOn tomorrow", new("Input.DischargedOn", "{0,1}", "Input.DischargedOn", "future")),
        new("DischargedOn 9999-12-31", new("Input.DischargedOn", "9999-12-31", "Input.DischargedOn", "future")),
        new("DischargeType 999", new("Input.DischargeType", "999", "Input.DischargeType", KeepsValue: false)),
        new("DischargeReason Nope", new("Input.DischargeReason", "Nope", "Input.DischargeReason", KeepsValue: false)),
        new("DischargeDestination -1", new("Input.DischargeDestination", "-1", "Input.DischargeDestination", KeepsValue: false)),
    ]);

    // The discharged resident stayed from a year ago until 30 days ago, and is 15 today.
    private static readonly Dictionary<string, BadCase> ReadmitCases = Cases(
        TextCases("Input.Stay.PlacingAgency", Stay.MaxLength.PlacingAgency, required: true, allForbidden: false),
        TextCases("Input.Stay.PriorLivingSituation", Stay.MaxLength.PriorLivingSituation, required: false, allForbidden: false),
        [
            new("AdmittedOn empty", new("Input.Stay.AdmittedOn", "", "Input.Stay.AdmittedOn", "admission date")),
            new("AdmittedOn not a date", new("Input.Stay.AdmittedOn", "2025-13-01", "Input.Stay.AdmittedOn")),
            new("AdmittedOn Feb 29 of a non-leap year", new("Input.Stay.AdmittedOn", "2025-02-29", "Input.Stay.AdmittedOn")),
            new("AdmittedOn tomorrow", new("Input.Stay.AdmittedOn", "{0,1}", "Input.Stay.AdmittedOn", "future")),
            new("AdmittedOn 9999-12-31", new("Input.Stay.AdmittedOn", "9999-12-31", "Input.Stay.AdmittedOn", "future")),
            new("AdmittedOn 0001-01-01 before birth", new("Input.Stay.AdmittedOn", "0001-01-01", "Input.Stay.AdmittedOn", "after the date of birth")),
            new("AdmittedOn inside the earlier stay", new("Input.Stay.AdmittedOn", "{0,-60}", "Input.Stay.AdmittedOn", "overlap")),
            new("AdmittedOn on the earlier admission day", new("Input.Stay.AdmittedOn", "{-1,0}", "Input.Stay.AdmittedOn", "overlap")),
            new("AdmittedOn the day before the earlier discharge", new("Input.Stay.AdmittedOn", "{0,-31}", "Input.Stay.AdmittedOn", "overlap")),
            new("AdmittedOn at age 9", new("Input.Stay.AdmittedOn", "{-6,0}", "Input.Stay.AdmittedOn", "would be 9")),
            new("ReferralSource Nope", new("Input.Stay.ReferralSource", "Nope", "Input.Stay.ReferralSource", KeepsValue: false)),
            new("ReferralSource 999", new("Input.Stay.ReferralSource", "999", "Input.Stay.ReferralSource", KeepsValue: false)),
        ]);

    /// Text that looks dangerous but is a legitimate thing to type; it must be kept exactly and shown inert.
    public static TheoryData<string> AllowedButDangerous() =>
    [
        "<script>alert(1)</script>",
        "\"><svg onload=alert(1)>",
        "{{7*7}}",
        "@(1+1)",
        "' OR 1=1--",
        "\"; DROP TABLE Residents;--",
    ];

    public static TheoryData<string, string> IntakeCaseNames() => AlternateRoles(IntakeCases.Keys);

    public static TheoryData<string> EditCaseNames() => [.. EditCases.Keys];

    public static TheoryData<string> DischargeCaseNames() => [.. DischargeCases.Keys];

    public static TheoryData<string> ReadmitCaseNames() => [.. ReadmitCases.Keys];

    [Theory]
    [MemberData(nameof(IntakeCaseNames))]
    public async Task Intake_refuses_bad_input_next_to_the_field_keeps_the_typing_and_creates_nothing(string role, string caseName)
    {
        var browser = role == Roles.ProgramDirector ? home.Director : home.Counselor;

        await AssertRefusedAsync(browser, "/Residents/Intake", IntakeCases[caseName], ValidIntake());
    }

    [Theory]
    [MemberData(nameof(EditCaseNames))]
    public async Task Edit_refuses_bad_input_next_to_the_field_keeps_the_typing_and_changes_nothing(string caseName) =>
        await AssertRefusedAsync(home.Counselor, $"/Residents/Edit/{home.InCare}", EditCases[caseName], []);

    [Theory]
    [MemberData(nameof(DischargeCaseNames))]
    public async Task Discharge_refuses_bad_input_next_to_the_field_and_keeps_the_stay_open(string caseName) =>
        await AssertRefusedAsync(home.Counselor, $"/Residents/Discharge/{home.InCare}", DischargeCases[caseName], []);

    [Theory]
    [MemberData(nameof(ReadmitCaseNames))]
    public async Task Readmit_refuses_bad_input_next_to_the_field_and_adds_no_stay(string caseName) =>
        await AssertRefusedAsync(home.Director, $"/Residents/Admit/{home.Discharged}", ReadmitCases[caseName], new() { ["Input.Stay.PlacingAgency"] = "Invented Readmit Agency" });

    [Theory]
    [InlineData("Intake", "Input.LegalName")]
    [InlineData("Edit", "Input.PreferredName")]
    [InlineData("Discharge", "Input.DischargedOn")]
    [InlineData("Admit", "Input.Stay.PlacingAgency")]
    public async Task A_NUL_anywhere_in_a_form_is_named_next_to_its_field_and_changes_nothing(string page, string field)
    {
        // Issue 15: the form comes back with a message next to the field that says what was wrong (not "the form may
        // have expired"), the rest of the typing kept, and nothing saved.
        var before = await home.SnapshotAsync();
        var url = page switch
        {
            "Intake" => "/Residents/Intake",
            "Admit" => $"/Residents/Admit/{home.Discharged}",
            _ => $"/Residents/{page}/{home.InCare}",
        };
        var fields = page == "Intake" ? ValidIntake() : new() { ["Input.Stay.PlacingAgency"] = "Invented Readmit Agency" };
        fields[field] = "Ana\0Example";

        var response = await home.Counselor.SubmitFormAsync(url, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.NotNull((await HtmlForms.ParseAsync(response)).FieldError(field));
        Assert.Equal(before, await home.SnapshotAsync());
    }

    [Fact]
    public async Task Readmitting_a_resident_who_is_still_in_care_is_refused_as_an_overlap()
    {
        var before = await home.SnapshotAsync();

        var response = await home.Counselor.SubmitFormAsync($"/Residents/Admit/{home.InCare}", new() { ["Input.Stay.PlacingAgency"] = "Invented Readmit Agency" });

        var page = await AssertRerenderedAsync(response);
        Assert.Contains("already has an open stay", page.FieldError("Input.Stay.AdmittedOn"), StringComparison.Ordinal);
        Assert.Equal(before, await home.SnapshotAsync());
    }

    [Theory]
    [InlineData("Details")]
    [InlineData("Edit")]
    [InlineData("Discharge")]
    [InlineData("Admit")]
    public async Task A_random_id_in_the_route_answers_404_to_get_and_post_and_changes_nothing(string page)
    {
        var before = await home.SnapshotAsync();
        var forged = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await home.Director.GetAsync($"/Residents/{page}/{forged}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await home.Director.GetAsync($"/Residents/{page}/not-a-guid")).StatusCode);
        if (page != "Details")
        {
            // A real, valid form of a resident the director may change, aimed at an id that does not exist.
            var own = page == "Admit" ? home.Discharged : home.InCare;
            var document = await home.Director.GetDocumentAsync($"/Residents/{page}/{own}");
            var form = document.QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>().First(f => !f.Action.Contains("Logout", StringComparison.Ordinal));
            var fields = HtmlForms.FieldsOf(form);
            fields.RemoveAll(f => f.Key == "Input.Stay.PlacingAgency");
            fields.Add(new("Input.Stay.PlacingAgency", "Invented Readmit Agency"));
            var response = await home.Director.PostAsync($"/Residents/{page}/{forged}", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(before, await home.SnapshotAsync());
    }

    [Fact]
    public async Task A_forged_submission_id_of_another_counselors_resident_answers_404_and_creates_nothing()
    {
        var before = await home.SnapshotAsync();
        var fields = ValidIntake();
        fields["Input.SubmissionId"] = home.OthersResident.ToString();

        var response = await home.Counselor.SubmitFormAsync("/Residents/Intake", fields);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await home.SnapshotAsync());
    }

    [Fact]
    public async Task A_malformed_submission_id_creates_nothing_and_does_not_fail()
    {
        var before = await home.SnapshotAsync();
        var fields = ValidIntake();
        fields["Input.SubmissionId"] = "'; DROP TABLE Residents;--";

        var response = await home.Counselor.SubmitFormAsync("/Residents/Intake", fields);

        await AssertRerenderedAsync(response);
        Assert.Equal(before, await home.SnapshotAsync());
    }

    [Theory]
    [InlineData("not-a-staff-id")]
    [InlineData("auditor")]
    public async Task A_director_cannot_name_someone_who_is_not_an_active_counselor_as_primary(string who)
    {
        var before = await home.SnapshotAsync();
        var fields = ValidIntake();
        fields["Input.PrimaryCounselorId"] = who == "auditor" ? home.AuditorMember.Id : who;

        var response = await home.Director.SubmitFormAsync("/Residents/Intake", fields);

        var page = await AssertRerenderedAsync(response);
        Assert.NotNull(page.FieldError("Input.PrimaryCounselorId"));
        Assert.Equal(before, await home.SnapshotAsync());
    }

    [Fact]
    public async Task A_name_that_grows_past_its_limit_when_normalized_to_NFC_is_refused()
    {
        // U+0958 is a composition exclusion: NFC writes it as two code units, so 200 typed become 400 stored.
        var before = await home.SnapshotAsync();
        var fields = ValidIntake();
        fields["Input.LegalName"] = new string('\u0958', Resident.MaxLength.LegalName);

        var response = await home.Counselor.SubmitFormAsync("/Residents/Intake", fields);

        var page = await AssertRerenderedAsync(response);
        Assert.NotNull(page.FieldError("Input.LegalName"));
        Assert.Equal(before, await home.SnapshotAsync());
    }

    [Theory]
    [InlineData("03/04/2011")]
    [InlineData("04.03.2011")]
    public async Task An_ambiguous_culture_formatted_date_is_refused_rather_than_guessed(string typed)
    {
        // 03/04/2011 is 3 April to some and 4 March to others; the server's culture must not decide a birth date.
        await AssertRefusedAsync(home.Counselor, "/Residents/Intake", new("Input.DateOfBirth", typed, "Input.DateOfBirth"), ValidIntake());
    }

    [Fact]
    public async Task A_lone_surrogate_sent_as_raw_bytes_never_reaches_the_database()
    {
        // A browser cannot encode a lone surrogate; a hand-made request can send its (invalid) UTF-8 bytes.
        var document = await home.Counselor.GetDocumentAsync("/Residents/Intake");
        var form = document.QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>().First(f => !f.Action.Contains("Logout", StringComparison.Ordinal));
        var fields = HtmlForms.FieldsOf(form);
        foreach (var (name, value) in ValidIntake())
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        var body = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={(f.Key == "Input.LegalName" ? "Lone%ED%A0%80Surrogate" : Uri.EscapeDataString(f.Value))}"));
        var response = await home.Counselor.PostAsync("/Residents/Intake", new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"answered {(int)response.StatusCode}");
        var names = await home.App.WithDbAsync(db => db.Residents.Select(r => r.LegalName).ToListAsync());
        Assert.DoesNotContain(names, name => name.Any(char.IsSurrogate));
    }

    [Fact]
    public async Task Text_exactly_at_each_limit_is_accepted_and_stored_whole()
    {
        var fields = ValidIntake();
        fields["Input.LegalName"] = new string('L', Resident.MaxLength.LegalName);
        fields["Input.PreferredName"] = "Limit " + new string('p', Resident.MaxLength.PreferredName - 6);
        fields["Input.Pronouns"] = new string('o', Resident.MaxLength.Pronouns);
        fields["Input.CourtCaseNumber"] = new string('9', Resident.MaxLength.CourtCaseNumber);
        fields["Input.Stay.PlacingAgency"] = new string('A', Stay.MaxLength.PlacingAgency);

        var response = await home.Counselor.SubmitFormAsync("/Residents/Intake", fields);

        response.AssertRedirectTo("/Residents/Details/");
        var id = Guid.Parse(response.Location()["/Residents/Details/".Length..]);
        var saved = await home.App.WithDbAsync(db => db.Residents.Include(r => r.Stays).SingleAsync(r => r.Id == id));
        Assert.Equal(fields["Input.LegalName"], saved.LegalName);
        Assert.Equal(fields["Input.PreferredName"], saved.PreferredName);
        Assert.Equal(fields["Input.Pronouns"], saved.Pronouns);
        Assert.Equal(fields["Input.CourtCaseNumber"], saved.CourtCaseNumber);
        Assert.Equal(fields["Input.Stay.PlacingAgency"], Assert.Single(saved.Stays).PlacingAgency);
    }

    [Theory]
    [MemberData(nameof(AllowedButDangerous))]
    public async Task Dangerous_looking_text_is_stored_byte_identical_and_renders_inert_for_every_reader(string text)
    {
        var fields = ValidIntake();
        foreach (var field in TextFields)
        {
            fields[field] = text;
        }

        var response = await home.Counselor.SubmitFormAsync("/Residents/Intake", fields);

        response.AssertRedirectTo("/Residents/Details/");
        var id = Guid.Parse(response.Location()["/Residents/Details/".Length..]);
        await AssertStoredExactlyAsync(id, text);

        foreach (var reader in new[] { home.Director, home.Auditor, home.Counselor })
        {
            var overview = await reader.GetAsync($"/Residents/Details/{id}");
            var overviewPage = await HtmlForms.AssertInertAsync(overview, text);
            Assert.Equal(text, overviewPage.QuerySelector("#legal-name")?.TextContent);
            Assert.Equal(text, overviewPage.QuerySelector("h1")?.ChildNodes[0].TextContent.Trim());

            // The list is searched by POST; the search box echoes the term, and SQL text must match literally.
            var list = await reader.SubmitFormAsync("/Residents", new() { ["q"] = text });
            var listPage = await HtmlForms.AssertInertAsync(list, text);
            var row = Assert.Single(listPage.QuerySelectorAll("#residents tbody tr"));
            Assert.Equal(text, row.QuerySelector("a")?.TextContent);
            Assert.Equal(text, listPage.QuerySelector("#q")?.GetAttribute("value"));
        }

        // The edit form carries the text in value attributes; saving it unchanged must not alter a byte.
        var edit = await home.Counselor.GetAsync($"/Residents/Edit/{id}");
        var editPage = await HtmlForms.AssertInertAsync(edit, text);
        Assert.Equal(text, editPage.QuerySelector("#Input_LegalName")?.GetAttribute("value"));
        var resave = await home.Counselor.SubmitFormAsync(editPage, $"/Residents/Edit/{id}", []);
        resave.AssertRedirectTo($"/Residents/Details/{id}");
        await AssertStoredExactlyAsync(id, text);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%")]
    [InlineData("\\")]
    public async Task Search_wildcards_and_backslashes_match_only_themselves(string term)
    {
        // No resident in this app has %, _ or \ in their name, so a literal match finds nobody.
        var response = await home.Director.SubmitFormAsync("/Residents", new() { ["q"] = term, ["all"] = "true" });

        var page = await AssertRerenderedAsync(response);
        Assert.Empty(page.QuerySelectorAll("#residents tbody tr"));
    }

    private static readonly string[] TextFields =
    [
        "Input.LegalName", "Input.PreferredName", "Input.Pronouns", "Input.GenderIdentity", "Input.PrimaryLanguage",
        "Input.TribalAffiliation", "Input.CourtCaseNumber", "Input.Stay.PlacingAgency", "Input.Stay.PriorLivingSituation",
    ];

    private async Task AssertStoredExactlyAsync(Guid id, string text)
    {
        var saved = await home.App.WithDbAsync(db => db.Residents.AsNoTracking().Include(r => r.Stays).SingleAsync(r => r.Id == id));
        var stay = Assert.Single(saved.Stays);
        string?[] stored =
        [
            saved.LegalName, saved.PreferredName, saved.Pronouns, saved.GenderIdentity, saved.PrimaryLanguage,
            saved.TribalAffiliation, saved.CourtCaseNumber, stay.PlacingAgency, stay.PriorLivingSituation,
        ];
        Assert.All(stored, value => Assert.Equal(text, value));
    }

    private async Task AssertRefusedAsync(HttpClient browser, string url, BadCase bad, Dictionary<string, string> valid)
    {
        var before = await home.SnapshotAsync();
        var value = Resolve(bad.Value, home.App.Today);
        var fields = new Dictionary<string, string>(valid) { [bad.Field] = value };

        var response = await browser.SubmitFormAsync(url, fields);

        var page = await AssertRerenderedAsync(response);
        var error = page.FieldError(bad.ErrorField);
        Assert.True(error is not null, $"No message next to {bad.ErrorField}. Messages on the page: {string.Join(" | ", page.QuerySelectorAll(".field-validation-error, .validation-summary-errors").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0))}");
        if (bad.MessageContains is not null)
        {
            Assert.Contains(bad.MessageContains, error, StringComparison.OrdinalIgnoreCase);
        }

        if (bad.KeepsValue)
        {
            Assert.Equal(value, page.QuerySelector($"[name='{bad.Field}']")?.GetAttribute("value"));
        }

        var after = await home.SnapshotAsync();
        Assert.Equal(before.Counts, after.Counts);
        Assert.Equal(before, after);
    }

    private static async Task<IHtmlDocument> AssertRerenderedAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected the form again (200), got {(int)response.StatusCode} {response.Location()} {body[..Math.Min(body.Length, 600)]}");
        }

        return await HtmlForms.ParseAsync(response);
    }

    private Dictionary<string, string> ValidIntake() => new()
    {
        ["Input.LegalName"] = "Intaka Q. Example",
        ["Input.PreferredName"] = "Intaka Example",
        ["Input.DateOfBirth"] = home.App.Today.AddYears(-15).ToString("yyyy-MM-dd"),
        ["Input.Stay.AdmittedOn"] = home.App.Today.ToString("yyyy-MM-dd"),
        ["Input.Stay.PlacingAgency"] = "Invented County Agency",
    };

    private static string Resolve(string value, DateOnly today) =>
        Regex.Replace(value, @"^\{(-?\d+),(-?\d+)\}$", m =>
            today.AddYears(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                .AddDays(int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
                .ToString("yyyy-MM-dd"));

    private static IEnumerable<KeyValuePair<string, BadCase>> TextCases(string field, int max, bool required, bool allForbidden)
    {
        var label = field[(field.LastIndexOf('.') + 1)..];
        yield return new($"{label} max+1", new(field, new string('x', max + 1), field, $"at most {max}"));
        if (required)
        {
            yield return new($"{label} empty", new(field, "", field, "Enter"));
            yield return new($"{label} spaces only", new(field, "    ", field, "Enter"));
            yield return new($"{label} no-break and em spaces only", new(field, "\u00A0\u2003", field, "Enter"));
            yield return new($"{label} 10x max", new(field, new string('x', max * 10), field, $"at most {max}"));
        }

        foreach (var (name, text, codePoint) in Forbidden.Where(f => allForbidden || Headline.Contains(f.Label)))
        {
            // The HTML parser maps C1 character references (here U+0085) to Windows-1252 characters.
            yield return new($"{label} {name}", new(field, text, field, codePoint, KeepsValue: codePoint != "U+0085"));
        }
    }

    /// The resident is 15 and (for edit) was admitted a year ago; the home admits ages 10 to 21.
    private static IEnumerable<KeyValuePair<string, BadCase>> DateOfBirthCases(string ageErrorField, int admittedYearsAgo) =>
    [
        new("DateOfBirth empty", new("Input.DateOfBirth", "", "Input.DateOfBirth", "date of birth")),
        new("DateOfBirth not a date", new("Input.DateOfBirth", "2025-13-01", "Input.DateOfBirth")),
        new("DateOfBirth Feb 29 of a non-leap year", new("Input.DateOfBirth", "2025-02-29", "Input.DateOfBirth")),
        new("DateOfBirth 0001-01-01", new("Input.DateOfBirth", "0001-01-01", "Input.DateOfBirth")),
        new("DateOfBirth 1899-12-31", new("Input.DateOfBirth", "1899-12-31", "Input.DateOfBirth")),
        new("DateOfBirth 9999-12-31", new("Input.DateOfBirth", "9999-12-31", "Input.DateOfBirth")),
        new("DateOfBirth tomorrow", new("Input.DateOfBirth", "{0,1}", "Input.DateOfBirth")),
        new("DateOfBirth today", new("Input.DateOfBirth", "{0,0}", "Input.DateOfBirth")),
        new("DateOfBirth making the resident 9 at admission", new("Input.DateOfBirth", $"{{{-10 - admittedYearsAgo},1}}", ageErrorField, "would be 9")),
        new("DateOfBirth making the resident 22 at admission", new("Input.DateOfBirth", $"{{{-22 - admittedYearsAgo},0}}", ageErrorField, "would be 22")),
    ];

    private static Dictionary<string, BadCase> Cases(params IEnumerable<KeyValuePair<string, BadCase>>[] groups) =>
        groups.SelectMany(g => g).ToDictionary();

    /// Half the intake cases run as a counselor and half as a director, so both roles' forms meet every kind of case.
    private static TheoryData<string, string> AlternateRoles(IEnumerable<string> names)
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, index) in names.Select((n, i) => (n, i)))
        {
            data.Add(index % 2 == 0 ? Roles.Counselor : Roles.ProgramDirector, name);
        }

        return data;
    }
}

/// One app for the resident form cases: a counselor, a director and an auditor signed in; a resident in care on the
/// counselor's caseload (admitted a year ago), one discharged 30 days ago, and one on another counselor's caseload.
public sealed class ResidentFormsHome : IAsyncLifetime
{
    public SafeHomeApp App { get; private set; } = null!;

    public HttpClient Counselor { get; private set; } = null!;

    public HttpClient Director { get; private set; } = null!;

    public HttpClient Auditor { get; private set; } = null!;

    public StaffMember AuditorMember { get; private set; } = null!;

    public Guid InCare { get; private set; }

    public Guid Discharged { get; private set; }

    public Guid OthersResident { get; private set; }

    public async ValueTask InitializeAsync()
    {
        App = await SafeHomeApp.StartAsync();
        var (counselor, counselorBrowser) = await App.SignInNewAsync(Roles.Counselor);
        Counselor = counselorBrowser;
        Director = (await App.SignInNewAsync(Roles.ProgramDirector)).Browser;
        (AuditorMember, Auditor) = await App.SignInNewAsync(Roles.Auditor);
        var other = await App.CreateStaffAsync(Roles.Counselor);
        InCare = await App.CreateResidentAsync(counselor.Id, "Incare Example", "Incare Q. Example");
        Discharged = await App.CreateResidentAsync(counselor.Id, "Former Example", "Former Q. Example");
        OthersResident = await App.CreateResidentAsync(other.Id, "Other Example", "Other Q. Example");
        await App.WithDbAsync(async db =>
        {
            var resident = await db.Residents.Include(r => r.Stays).SingleAsync(r => r.Id == Discharged);
            resident.Stays[0].Discharge(App.Today.AddDays(-30), DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.Reunification, App.Today);
            return await db.SaveChangesAsync();
        });
    }

    /// The row counts and every stored value of every resident, stay and assignment, so any change at all shows up.
    public Task<Snapshot> SnapshotAsync() => App.WithDbAsync(async db =>
    {
        var residents = await db.Residents.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var stays = await db.Stays.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
        var assignments = await db.CaseloadAssignments.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.ResidentId, a.CounselorId, a.IsPrimary }).ToListAsync();
        return new Snapshot($"{residents.Count} residents, {stays.Count} stays, {assignments.Count} assignments", JsonSerializer.Serialize(new { residents, stays, assignments }));
    });

    public sealed record Snapshot(string Counts, string Values);

    public async ValueTask DisposeAsync()
    {
        Counselor?.Dispose();
        Director?.Dispose();
        Auditor?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
