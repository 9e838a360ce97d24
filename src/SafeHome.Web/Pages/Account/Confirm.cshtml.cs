using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Account;

/// Asks the signed-in person for their password again before a sensitive action (SECURITY.md Z7). Success is written
/// into the session's cookie and opens a five-minute window; failures count towards the lockout like sign-in ones.
[AllowAuditorPost]
public sealed class ConfirmModel(SignInManager<SafeHomeUser> signIn, UserManager<SafeHomeUser> users, AuditLog audit, TimeProvider clock) : PageModel
{
    public const string WrongPassword = "That is not your password. Type it again.";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            await audit.RecordAsync(AuditActions.ReauthenticationFailed, nameof(SafeHomeUser), user.Id);
            if (result.IsLockedOut || result.IsNotAllowed)
            {
                // A locked or deactivated account keeps no session to confirm.
                await signIn.SignOutAsync();
                TempData["Status"] = "Too many wrong passwords: you are signed out. Try again later.";
                return RedirectToPage("/Account/Login");
            }

            ModelState.AddModelError("Input.Password", WrongPassword);
            return Page();
        }

        var current = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!current.Succeeded || current.Properties is null)
        {
            return Challenge();
        }

        // Same ticket and the same sign-in time (the absolute lifetime does not move); a fresh idle window.
        var properties = current.Properties;
        RecentSignIn.MarkConfirmed(properties, clock.GetUtcNow());
        properties.IssuedUtc = null;
        properties.ExpiresUtc = null;
        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, current.Principal, properties);
        await audit.RecordAsync(AuditActions.Reauthenticated, nameof(SafeHomeUser), user.Id);
        TempData["Status"] = "Password confirmed. For the next five minutes you will not be asked again.";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Type your password.")]
        [StringLength(1024)]
        [DataType(DataType.Password)]
        [Display(Name = "Your password")]
        public string Password { get; set; } = string.Empty;
    }
}
