using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Drafts;

/// Where a long form's script keeps what is typed (every half minute and on leaving the page), and where a person
/// discards typing that was given back to them. Each person reaches only their own drafts: the key is their account
/// and the page, never anything they send.
public sealed class IndexModel(FormDrafts drafts, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => NotFound();

    /// The form's fields plus "path", the page the form is on. Answers what the status line says.
    public async Task<IActionResult> OnPostAsync(string? path)
    {
        if (FormDrafts.PageOf(path) is not { } page)
        {
            return new JsonResult(new { kept = false, message = "Not kept: this page cannot keep a draft." });
        }

        if (!await drafts.KeepAsync(User.UserId()!, page, Request.Form, DraftOrigin.Autosave))
        {
            return new JsonResult(new { kept = false, message = "Too long to keep as a draft: save the form to keep it." });
        }

        var at = clock.ToLocal(clock.UtcNow()).ToString("HH:mm", CultureInfo.InvariantCulture);
        return new JsonResult(new { kept = true, message = $"Draft saved at {at}." });
    }

    public async Task<IActionResult> OnPostDiscardAsync(string? path)
    {
        if (FormDrafts.PageOf(path) is not { } page)
        {
            return RedirectToPage("/Index");
        }

        await drafts.DiscardAsync(User.UserId()!, page);
        TempData["Status"] = "The kept typing is discarded; the form shows what is saved.";
        return LocalRedirect(page);
    }
}
