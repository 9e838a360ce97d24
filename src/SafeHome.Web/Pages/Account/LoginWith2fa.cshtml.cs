using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;

namespace SafeHome.Web.Pages.Account;

/// The second step of signing in (SECURITY.md A3–A5): the code from the authenticator app, or one recovery code.
/// Only a person who passed the password step (and its throttle) gets here; wrong codes count toward the same lockout
/// as wrong passwords, which limits code guessing to five tries per 15 minutes.
public sealed class LoginWith2faModel(SignInManager<SafeHomeUser> signIn, UserManager<SafeHomeUser> users, AuditLog audit) : PageModel
{
    public const string CodeFailure = "That code did not work. Enter the 6-digit code your authenticator app shows now; each code works once.";
    public const string RecoveryFailure = "That recovery code did not work. Each recovery code works once.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            // The step between password and code lasts minutes; after that the password comes first again.
            return RedirectToPage("/Account/Login");
        }

        var recovery = !string.IsNullOrWhiteSpace(Input.RecoveryCode);
        if (!recovery && string.IsNullOrWhiteSpace(Input.Code))
        {
            ModelState.AddModelError("Input.Code", "Enter the 6-digit code from your authenticator app, or a recovery code.");
            return Page();
        }

        var result = recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(Infrastructure.Authenticator.NormalizeCode(Input.RecoveryCode))
            : await signIn.TwoFactorAuthenticatorSignInAsync(Infrastructure.Authenticator.NormalizeCode(Input.Code), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditActions.LoginSucceeded, "User", user.Id, user.Id);
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }

        // Identity counts a wrong authenticator code toward lockout but not a wrong recovery code; both must count.
        if (recovery && !result.IsLockedOut)
        {
            await users.AccessFailedAsync(user);
            result = await users.IsLockedOutAsync(user) ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut : result;
        }

        await audit.RecordAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.LoginFailed, "User", user.Id, user.Id);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, LoginModel.Failure);
        }
        else
        {
            ModelState.AddModelError(recovery ? "Input.RecoveryCode" : "Input.Code", recovery ? RecoveryFailure : CodeFailure);
        }

        return Page();
    }

    public sealed class InputModel
    {
        [StringLength(20, ErrorMessage = "A code is 6 digits.")]
        [Display(Name = "Code from your authenticator app")]
        public string? Code { get; set; }

        [StringLength(40, ErrorMessage = "A recovery code is 11 characters.")]
        [Display(Name = "Or a recovery code")]
        public string? RecoveryCode { get; set; }
    }
}
