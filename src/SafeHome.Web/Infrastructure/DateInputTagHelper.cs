using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SafeHome.Web.Infrastructure;

/// One date and time convention for typing and reading (issue 18): every page shows yyyy-MM-dd and 24-hour HH:mm,
/// while the browser's own date pickers follow its locale (mm/dd/yyyy with AM/PM in the US). Every date and
/// date-time field is therefore a text field in the page's convention, with the format said beside it, and a
/// date-time field has a "Now" button (the home's time, from <c>data-home-now</c>; shown only with script).
/// FormBindingProvider reads what these fields send, and says what it expected when it cannot.
[HtmlTargetElement("input", Attributes = "[type=date]")]
[HtmlTargetElement("input", Attributes = "[type=datetime-local]")]
public sealed class DateInputTagHelper : TagHelper
{
    public const string DateFormat = "yyyy-MM-dd";
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm";

    private static readonly string[] BrowserFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.fff", DateTimeFormat];

    // After the framework's input tag helper (-1000), which writes the type and value this one rewrites.
    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var withTime = string.Equals(output.Attributes["type"]?.Value?.ToString(), "datetime-local", StringComparison.OrdinalIgnoreCase);
        output.Attributes.SetAttribute("type", "text");
        output.Attributes.SetAttribute("inputmode", "numeric");
        output.Attributes.SetAttribute("autocomplete", "off");
        output.Attributes.SetAttribute("spellcheck", "false");
        output.Attributes.SetAttribute("data-date-format", withTime ? DateTimeFormat : DateFormat);
        if (withTime && output.Attributes["value"]?.Value?.ToString() is { Length: > 0 } value
            && DateTime.TryParseExact(value, BrowserFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            output.Attributes.SetAttribute("value", local.ToString(DateTimeFormat, CultureInfo.InvariantCulture));
        }

        if (output.Attributes["id"]?.Value?.ToString() is not { Length: > 0 } id)
        {
            return;
        }

        var hintId = id + "-format";
        var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? hintId : $"{hintId} {describedBy}");
        var encoder = HtmlEncoder.Default;
        var now = withTime
            ? $"<button type=\"button\" class=\"btn btn-outline-primary btn-sm mt-1 me-2\" data-now-for=\"{encoder.Encode(id)}\" hidden>Now</button>"
            : string.Empty;
        var example = withTime ? "year-month-day and 24-hour time, for example 2026-06-15 14:30" : "year-month-day, for example 2026-06-15";
        output.PostElement.AppendHtml($"{now}<span class=\"form-text date-format\" id=\"{encoder.Encode(hintId)}\">{example}</span>");
    }
}
