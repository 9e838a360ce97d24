using System.Net;
using AngleSharp.Html.Dom;

namespace SafeHome.IntegrationTests.Infrastructure;

/// What a person sees after saving a form someone else saved first (DESIGN.md: the edit cycle): the page again, the
/// typing kept, and a table of what is saved now beside what they typed.
public static class StaleForms
{
    /// Asserts the conflict table is shown and names each of <paramref name="shown"/>; returns the page, whose form
    /// carries the refreshed version, so the test can submit it again as the person would.
    public static async Task<IHtmlDocument> AssertConflictShownAsync(HttpResponseMessage response, params string[] shown)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(shown);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        var conflict = page.QuerySelector("#conflict");
        Assert.True(conflict is not null, "No conflict table on the refused page: " + page.QuerySelector("main")?.TextContent);
        Assert.Contains("Someone else saved this record", conflict.TextContent, StringComparison.Ordinal);
        Assert.NotNull(conflict.QuerySelector("th:nth-child(2)"));
        foreach (var text in shown)
        {
            Assert.Contains(text, conflict.TextContent, StringComparison.Ordinal);
        }

        return page;
    }
}
