using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace SafeHome.Web.Pages.Plans;

/// Ids for the fields of a plan item partial. On the item's own page they are what asp-for would give
/// ("Input_Criterion"); in the inline forms of the plan page, where the same fields appear once per goal or objective,
/// each form passes a prefix of its own so no two fields share an id. Names stay "Input.*" either way, so every form
/// posts to the item page it always did.
public static class PlanFieldIds
{
    public const string PrefixKey = "IdPrefix";

    public static string Field(IHtmlHelper html, string name)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.ViewData[PrefixKey] is string prefix
            ? prefix + name
            : html.GenerateIdFromName(html.ViewData.TemplateInfo.GetFullHtmlFieldName(name));
    }

    public static string Hint(IHtmlHelper html, string name)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.ViewData[PrefixKey] is string prefix ? prefix + name : name;
    }

    /// The view data an inline form's partial gets: field names under <paramref name="names"/> ("Input", or
    /// "FirstObjective" under a new goal), ids under the form's own prefix.
    public static ViewDataDictionary Inline(ViewDataDictionary viewData, string idPrefix, string names = "Input")
    {
        var inline = new ViewDataDictionary(viewData) { [PrefixKey] = idPrefix };
        inline.TemplateInfo.HtmlFieldPrefix = names;
        return inline;
    }
}
