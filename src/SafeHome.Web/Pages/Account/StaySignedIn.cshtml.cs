using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Account;

/// "Stay signed in" on the warning shown two minutes before the idle timeout: any request renews the session, this
/// one only answers how long it now has. Auditors too: it changes nothing.
[AllowAuditorPost]
public sealed class StaySignedInModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync() =>
        new JsonResult(new { seconds = await SignedOutForms.SecondsLeftAsync(HttpContext) ?? 0 });
}
