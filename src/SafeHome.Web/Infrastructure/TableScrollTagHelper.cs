using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SafeHome.Web.Infrastructure;

/// Every Bootstrap table scrolls sideways inside its own box on a narrow screen instead of widening the page.
/// One rule here rather than a wrapper written around each of the tables; the box is focusable so a keyboard can
/// scroll it too.
[HtmlTargetElement("table", Attributes = "class")]
public sealed class TableScrollTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var classes = output.Attributes["class"]?.Value?.ToString()?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (classes.Contains("table", StringComparer.Ordinal))
        {
            output.PreElement.SetHtmlContent("<div class=\"table-scroll\" tabindex=\"0\">");
            output.PostElement.SetHtmlContent("</div>");
        }
    }
}
