using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.IntegrationTests.Pages.Residents;

namespace SafeHome.IntegrationTests.Security;

/// Issue 15 item 8: bytes a browser would not send (a NUL, invalid UTF-8 such as the encoded lone surrogate
/// %ED%A0%BD) posted to a real form get a message next to the field and store nothing, garbled or otherwise.
public sealed class FormEncodingTests
{
    [Theory]
    [ProviderInlineData("%00", "NUL byte")]
    [ProviderInlineData("%ED%A0%BD", "lone surrogate encoded as UTF-8")]
    [ProviderInlineData("%C3%28", "truncated two-byte sequence")]
    [ProviderInlineData("%FF%FE", "bytes that never occur in UTF-8")]
    [ProviderInlineData("%C0%AF", "overlong encoding of /")]
    public async Task Bad_bytes_in_a_form_field_get_a_field_message_and_nothing_is_stored(string bytes, string what, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var form = await director.GetDocumentAsync("/Residents/Intake");
        var fields = CaseloadIsolationTests.ValidIntake(app, null);

        var response = await PostRawAsync(director, form, fields, ("Input.PreferredName", "Bad" + bytes + "Example"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: answered {(int)response.StatusCode}");
        var page = await HtmlForms.ParseAsync(response);
        var message = page.FieldError("Input.PreferredName");
        Assert.False(message is null, $"{what}: no message next to the field");
        Assert.DoesNotContain("expired", message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await app.WithDbAsync(db => db.Residents.CountAsync()));
    }

    [Theory, Providers]
    public async Task A_bad_byte_in_one_field_is_named_there_and_the_rest_of_the_form_is_kept(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var form = await director.GetDocumentAsync("/Residents/Intake");
        var fields = CaseloadIsolationTests.ValidIntake(app, null);

        var response = await PostRawAsync(director, form, fields, ("Input.LegalName", "Legal%ED%A0%BDExample"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.NotNull(page.FieldError("Input.LegalName"));
        Assert.Null(page.FieldError("Input.PreferredName"));
        Assert.Equal("Intake Example", (page.QuerySelector("input[name='Input.PreferredName']") as IHtmlInputElement)?.Value);
        Assert.DoesNotContain("%ED", (page.QuerySelector("input[name='Input.LegalName']") as IHtmlInputElement)?.Value ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, Providers]
    public async Task Text_that_merely_looks_like_an_escape_is_stored_as_typed(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var fields = CaseloadIsolationTests.ValidIntake(app, null);
        fields["Input.PreferredName"] = "Percent %ED%A0 Example";

        var response = await director.SubmitFormAsync("/Residents/Intake", fields);

        response.AssertRedirectTo("/Residents/Details/");
        Assert.Equal("Percent %ED%A0 Example", await app.WithDbAsync(db => db.Residents.Select(r => r.PreferredName).SingleAsync()));
    }

    [Theory, Providers]
    public async Task Valid_non_ascii_text_still_round_trips(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var fields = CaseloadIsolationTests.ValidIntake(app, null);
        fields["Input.PreferredName"] = "Zoë 🌻 ירח Example";

        var response = await director.SubmitFormAsync("/Residents/Intake", fields);

        response.AssertRedirectTo("/Residents/Details/");
        Assert.Equal("Zoë 🌻 ירח Example", await app.WithDbAsync(db => db.Residents.Select(r => r.PreferredName).SingleAsync()));
    }

    // The form's own fields (antiforgery token included), with one value spliced in as raw, already-escaped bytes.
    private static async Task<HttpResponseMessage> PostRawAsync(HttpClient browser, IHtmlDocument document, Dictionary<string, string> values, (string Name, string Escaped) raw)
    {
        var form = document.QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>().First(f => !f.Action.Contains("Logout", StringComparison.Ordinal));
        var fields = HtmlForms.FieldsOf(form);
        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        fields.RemoveAll(f => f.Key == raw.Name);
        var body = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}").Append($"{Uri.EscapeDataString(raw.Name)}={raw.Escaped}"));
        using var content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
        return await browser.PostAsync("/Residents/Intake", content);
    }
}
