using System.Net;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Education;

/// The bad-input catalogue (SECURITY.md §4) against the education form: every value is refused next to its field with a
/// 200; never a 500, and nothing saved.
public sealed class RecordBadInputTests
{
    private static readonly string Long = new('9', 10_000);

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "Input.Status", "", "Choose the education status" },
        { "Input.Status", "   ", "Choose the education status" },
        { "Input.Status", "999", "invalid" },
        { "Input.Status", "-1", "invalid" },
        { "Input.Status", "Graduated", "" },
        { "Input.Status", "EnrolledInSchool\u202E", "" },
        { "Input.Status", "Enrolled\u0007InSchool", "" },
        { "Input.Status", "<script>alert(1)</script>", "" },
        { "Input.Status", "' OR 1=1--", "" },
        { "Input.Status", Long, "" },
        { "Input.StartedOn", "", "Enter the date this status began" },
        { "Input.StartedOn", "   ", "Enter the date this status began" },
        { "Input.StartedOn", "2026-13-01", "year-month-day" },
        { "Input.StartedOn", "2025-02-29", "year-month-day" },
        { "Input.StartedOn", "02/09/2025", "year-month-day" },
        { "Input.StartedOn", "2025-09-02 10:00", "year-month-day" },
        { "Input.StartedOn", "tomorrow", "year-month-day" },
        { "Input.StartedOn", "2026-06-16", "future" },
        { "Input.StartedOn", "9999-12-31", "future" },
        { "Input.StartedOn", "0001-01-01", "after the date of birth" },
        { "Input.StartedOn", "1899-12-31", "after the date of birth" },
        { "Input.StartedOn", "2025-09-02\u202E", "year-month-day" },
        { "Input.StartedOn", "\u200B2025-09-02", "year-month-day" },
        { "Input.StartedOn", "2025-09-02\u0007", "year-month-day" },
        { "Input.StartedOn", "2025-09-02' OR 1=1--", "year-month-day" },
        { "Input.StartedOn", Long, "year-month-day" },
        { "Input.EndedOn", "2026-13-01", "year-month-day" },
        { "Input.EndedOn", "tomorrow", "year-month-day" },
        { "Input.EndedOn", "2026-06-16", "future" },
        { "Input.EndedOn", "9999-12-31", "future" },
        { "Input.EndedOn", "2025-09-01", "on or after the start date" },
        { "Input.EndedOn", "0001-01-01", "before the first admission" },
        { "Input.EndedOn", "2026-06-10\u2066", "year-month-day" },
        { "Input.EndedOn", "2026-06-10\u001B", "year-month-day" },
        { "Input.EndedOn", Long, "year-month-day" },
    };

    [Theory]
    [ProviderMemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_next_to_its_field_and_saves_nothing(string field, string value, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var values = RecordTests.Values();
        values[field] = value;

        var response = await browser.SubmitFormAsync($"/Education/Record/{residentId}", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await HtmlForms.ParseAsync(response)).FieldError(field);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        await RecordTests.AssertNothingSavedAsync(app);
    }

    [Theory, Providers]
    public async Task A_NUL_character_is_named_next_to_its_field_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);

        var response = await browser.SubmitFormAsync($"/Education/Record/{residentId}", RecordTests.Values(started: "2025-09-02\0"));

        // Issue 15: the form comes back with a message next to the date field (a NUL makes it no date), and nothing is saved.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await HtmlForms.ParseAsync(response)).QuerySelectorAll(".field-validation-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        Assert.NotEmpty(errors);
        await RecordTests.AssertNothingSavedAsync(app);
    }

    [Theory, Providers]
    public async Task A_resident_id_that_is_not_a_guid_or_not_a_resident_answers_404(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Counselor);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Education/Record/' OR 1=1--")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Education/Index/{Guid.CreateVersion7()}")).StatusCode);
    }
}
