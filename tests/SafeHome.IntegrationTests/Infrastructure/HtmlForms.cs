using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SafeHome.IntegrationTests.Infrastructure;

/// Posts forms the way a browser does: fetch the page, take every field of the form (antiforgery token and
/// hidden version included), change the ones the test names, submit to the form's action.
public static class HtmlForms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// GETs <paramref name="url"/>, fills the form (the first POST form, or the one whose handler matches) and posts it.
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, Dictionary<string, string> values, string? handler = null)
    {
        var document = await client.GetDocumentAsync(url);
        return await client.SubmitFormAsync(document, url, values, handler);
    }

    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, IHtmlDocument document, string url, Dictionary<string, string> values, string? handler = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(values);
        var form = document.QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => handler is null
                ? !f.Action.Contains("/Account/Logout", StringComparison.Ordinal) && !f.Action.Contains("/Missing/Told", StringComparison.Ordinal) && !f.Action.Contains("handler=", StringComparison.Ordinal)
                : f.Action.Contains($"handler={handler}", StringComparison.Ordinal));
        Assert.True(form is not null, $"No form{(handler is null ? string.Empty : $" for handler {handler}")} on {url}");
        var fields = FieldsOf(form);
        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? url : WebUtility.HtmlDecode(action);
        return await client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    /// Presses a submit button that posts its form elsewhere (formaction), as a browser would: the button's form, its
    /// fields with <paramref name="values"/> set, to the button's target.
    public static async Task<HttpResponseMessage> PressAsync(this HttpClient client, IHtmlDocument document, string buttonSelector, Dictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(values);
        var button = document.QuerySelector(buttonSelector);
        Assert.True(button is not null, $"No button {buttonSelector}");
        var form = button.Closest("form") as IHtmlFormElement;
        Assert.True(form is not null, $"The button {buttonSelector} is not in a form");
        var fields = FieldsOf(form);
        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        return await client.PostAsync(WebUtility.HtmlDecode(button.GetAttribute("formaction") ?? form.GetAttribute("action") ?? string.Empty), new FormUrlEncodedContent(fields));
    }

    public static List<KeyValuePair<string, string>> FieldsOf(IHtmlFormElement form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when !input.IsDisabled:
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked)
                        {
                            fields.Add(new(name, input.Value));
                        }
                    }
                    else if (input.Type is not ("submit" or "button"))
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select when !select.IsDisabled:
                    var selected = select.Options.FirstOrDefault(o => o.IsSelected) ?? select.Options.FirstOrDefault();
                    if (selected is not null)
                    {
                        fields.Add(new(name, selected.Value));
                    }

                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
            }
        }

        return fields;
    }

    /// The antiforgery token of any page this client can open, for posts that skip the form (matrix, forged posts).
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string url)
    {
        var document = await client.GetDocumentAsync(url);
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), $"No antiforgery token on {url}");
        return token!;
    }

    /// The raw text must not appear as markup; its encoded form must. Then no injected script, SVG or event handler
    /// exists: the only scripts are SafeHome's own files.
    public static async Task<IHtmlDocument> AssertInertAsync(HttpResponseMessage response, string text)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(text);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var encoded = System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);
        Assert.Contains(encoded, html, StringComparison.Ordinal);
        if (encoded != text)
        {
            Assert.DoesNotContain(text, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        var page = await ParseAsync(response);
        Assert.Empty(page.QuerySelectorAll("svg, [onload], [onerror]"));
        page.AssertOnlyOwnScripts();
        return page;
    }

    /// Injected text stays text: the only scripts on a page are SafeHome's own files under /js/, none inline.
    public static void AssertOnlyOwnScripts(this IHtmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Assert.All(document.QuerySelectorAll("script"), script =>
        {
            Assert.StartsWith("/js/", script.GetAttribute("src") ?? string.Empty, StringComparison.Ordinal);
            Assert.Equal(string.Empty, script.TextContent);
        });
    }

    public static string? FieldError(this IHtmlDocument document, string field) =>
        document.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() is { Length: > 0 } text ? text : null;
}
