using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Placement;

/// The bad-input catalogue (SECURITY.md §4) against the decision form: every value is refused next to its field with
/// a 200 and the typing kept, or stored inert; never a 500, nothing saved on refusal.
public sealed class DecideBadInputTests
{
    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "Input.Rationale", new string('x', 1_000_000), "at most 4000" },
        { "Input.Rationale", new string('x', 4_001), "at most 4000" },
        { "Input.Rationale", "Invented\u202Erationale", "U+202E" },
        { "Input.Notes", new string('x', 2_001), "at most 2000" },
        { "Input.Notes", "Invented\u200Bnote", "U+200B" },
        { "Input.SignedName", new string('x', 101), "at most 100" },
        { "Input.SignedName", "Invented\r\nForged Line", "U+000D" },
        { "Input.SignedName", "Invented\nCounselor", "U+000A" },
        { "Input.SignedName", "Invented\u2066Counselor", "U+2066" },
        { "Input.SignedName", "Invented\uFEFFCounselor", "U+FEFF" },
        { "Input.SignedName", "\t", "Type your name" },
        { "Input.DistanceFromExploitationMiles", "2147483648", "whole number of miles" },
        { "Input.DistanceFromExploitationMiles", "NaN", "whole number of miles" },
        { "Input.DistanceFromExploitationMiles", "Infinity", "whole number of miles" },
        { "Input.DistanceFromExploitationMiles", "1,000", "whole number of miles" },
        { "Input.DistanceFromExploitationMiles", "0x10", "whole number of miles" },
        { "Input.DistanceFromExploitationMiles", "1.5", "whole number of miles" },
        { "Input.DistanceFromExploitationMiles", "1e3", "whole number of miles" },
        { "Input.OtherTraffickedYouthInPlacement", "-2147483649", "whole number from 0 to 100" },
        { "Input.OtherTraffickedYouthInPlacement", "two", "whole number from 0 to 100" },
        { "Input.OtherTraffickedYouthInPlacement", "+5", "whole number from 0 to 100" },
        { "Input.KnownExploiterNearby", "maybe", "yes, no or unknown" },
        { "Input.SchoolContinuity", "2", "yes, no or unknown" },
        { "Input.FamilyCommunityTies", "<script>", "yes, no or unknown" },
        { "Input.Interstate", "maybe", "Tick the box" },
        { "Input.Decision", "999", "listed decisions" },
        { "Input.Decision", "-1", "listed decisions" },
        { "Input.Decision", "Stay", "listed decisions" },
        { "Input.Occasion", "42", "listed occasions" },
        { "Input.Occasion", "' OR 1=1--", "listed occasions" },
    };

    [Theory]
    [ProviderMemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_next_to_its_field_and_saves_nothing(string field, string value, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var values = DecideTests.Values();
        values[field] = value;

        var response = await browser.SubmitFormAsync($"/Placement/Decide/{residentId}", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        var error = page.FieldError(field);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        var keep = field == "Input.Rationale" ? "Input.SignedName" : "Input.Rationale";
        var kept = page.QuerySelector($"[name='{keep}']")!;
        Assert.Equal(values[keep], kept.GetAttribute("value") ?? kept.TextContent);
        Assert.False(await app.WithDbAsync(db => db.PlacementSafetyDecisions.AnyAsync()));
    }

    [Theory, Providers]
    public async Task A_NUL_character_is_named_next_to_its_field_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);

        // The framework refuses to read a form holding U+0000 at all, so the page never sees it: a 400, never a 500.
        var response = await browser.SubmitFormAsync($"/Placement/Decide/{residentId}", DecideTests.Values(rationale: "Invented\0rationale"));

        // Issue 15: the form comes back with a message next to the field that says what was wrong, and nothing is saved.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("contained a NUL character", System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.PlacementSafetyDecisions.AnyAsync()));
    }

    [Theory]
    [ProviderInlineData("Input.FollowUpId", "not-a-guid")]
    [ProviderInlineData("Input.LatestDecisionId", "00000000-0000-0000-0000-00000000000x")]
    [ProviderInlineData("Input.LatestDecisionId", "0191d6a1-0000-7000-8000-000000000001")]
    public async Task A_tampered_hidden_field_is_refused_in_the_summary_and_saves_nothing(string field, string value, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var values = DecideTests.Values();
        values[field] = value;

        var response = await browser.SubmitFormAsync($"/Placement/Decide/{residentId}", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nothing was saved", (await HtmlForms.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.PlacementSafetyDecisions.AnyAsync()));
    }

    [Theory, Providers]
    public async Task Script_and_template_text_is_stored_as_typed_and_shown_encoded(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        const string script = "<script>alert('invented')</script>";
        const string svg = "\"><svg onload=alert(1)> @(1+1) {{7*7}}";
        var url = $"/Placement/Decide/{residentId}";

        // A refused value re-renders the typing: it must come back as text, not markup.
        var refused = await browser.SubmitFormAsync(url, DecideTests.Values(miles: "-1", rationale: script, signedName: svg));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.DoesNotContain(script, refusedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", refusedHtml, StringComparison.Ordinal);
        var refusedPage = await HtmlForms.ParseAsync(refused);
        Assert.Equal(svg, refusedPage.QuerySelector("input[name='Input.SignedName']")!.GetAttribute("value"));
        Assert.Equal(script, refusedPage.QuerySelector("textarea[name='Input.Rationale']")!.TextContent);

        (await browser.SubmitFormAsync(url, DecideTests.Values(rationale: script, signedName: svg))).AssertRedirectTo($"/Placement/{residentId}");
        Assert.Equal((script, svg), await app.WithDbAsync(db => db.PlacementSafetyDecisions.Select(d => new ValueTuple<string, string>(d.Rationale, d.SignedName)).SingleAsync()));
        var index = await browser.GetAsync($"/Placement/Index/{residentId}");
        var html = await index.Content.ReadAsStringAsync();
        Assert.DoesNotContain(script, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        var page = await HtmlForms.ParseAsync(index);
        Assert.Equal(script, page.QuerySelector(".rationale")!.TextContent);
        Assert.Equal(svg, page.QuerySelector(".signed-name")!.TextContent);
    }
}
