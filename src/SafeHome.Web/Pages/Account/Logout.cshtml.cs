using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Account;

[AllowAuditorPost]
public sealed class LogoutModel(SignInManager<SafeHomeUser> signIn, UserManager<SafeHomeUser> users, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        await signIn.SignOutAsync();
        if (user is not null)
        {
            // A copied cookie must not outlive the sign-out (SECURITY.md S3): a new stamp makes it invalid.
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(AuditActions.Logout, "User", user.Id, user.Id);
        }

        return RedirectToPage("/Account/Login");
    }
}
