using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Authorization;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages;

/// Issue 18: one date and time convention for typing and reading. Every page a counselor or a director opens is
/// searched for date and time fields: none is left to the browser's locale-dependent picker, each shows its value in
/// the convention every page prints (yyyy-MM-dd, yyyy-MM-dd HH:mm), says the format beside it, and a date-time field
/// offers "Now".
public sealed class DateInputTests
{
    [Fact]
    public async Task Every_date_and_time_field_on_every_page_uses_the_pages_convention_and_says_so()
    {
        await using var app = await SafeHomeApp.StartAsync();
        var (counselor, residentId, ids) = await PageHandlers.SeedCaseAsync(app);
        var browsers = new[] { await app.SignInAsync(counselor), (await app.SignInNewAsync(Roles.ProgramDirector)).Browser, (await app.SignInNewAsync(Roles.Auditor)).Browser };
        var problems = new List<string>();
        var fields = 0;
        var withTime = 0;
        foreach (var (_, url) in await PageHandlers.PagesAsync(app, counselor, residentId, ids))
        {
            foreach (var browser in browsers)
            {
                var response = await browser.GetAsync(url);
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }

                var document = await HtmlForms.ParseAsync(response);
                foreach (var native in document.QuerySelectorAll("input[type=date], input[type=datetime-local], input[type=time], input[type=month]"))
                {
                    problems.Add($"{url}: #{native.Id} is a browser date picker ({native.GetAttribute("type")})");
                }

                foreach (var input in document.QuerySelectorAll("input[data-date-format]").OfType<IHtmlInputElement>())
                {
                    fields++;
                    var format = input.GetAttribute("data-date-format")!;
                    if (input.Value.Length > 0 && !DateTime.TryParseExact(input.Value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    {
                        problems.Add($"{url}: #{input.Id} shows \"{input.Value}\", not {format}");
                    }

                    var hint = document.GetElementById(input.Id + "-format");
                    if (hint is null || !(input.GetAttribute("aria-describedby") ?? string.Empty).Split(' ').Contains(hint.Id))
                    {
                        problems.Add($"{url}: #{input.Id} does not say its format");
                    }

                    if (format.Contains("HH", StringComparison.Ordinal))
                    {
                        withTime++;
                        if (document.QuerySelector($"button[data-now-for='{input.Id}']") is null)
                        {
                            problems.Add($"{url}: #{input.Id} has no Now button");
                        }
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
        Assert.True(fields >= 20 && withTime >= 5, $"Only {fields} date fields ({withTime} with a time) were found: the pages were not reached.");
    }
}
