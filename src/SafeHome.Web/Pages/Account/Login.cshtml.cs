using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Account;

public sealed class LoginModel(SignInManager<SafeHomeUser> signIn, UserManager<SafeHomeUser> users, AuditLog audit, SignInThrottle throttle, DummyPassword dummy) : PageModel
{
    // One message for an unknown email, a wrong password, a locked or a deactivated account, so the page
    // cannot be used to learn which staff accounts exist (SECURITY.md A5).
    public const string Failure = "That email and password did not match an active account. After 5 failed attempts the account is locked for 15 minutes.";

    public const string Throttled = SignInThrottle.Message;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    /// Arrived here because a form was posted after the session ended and was kept (<see cref="SignedOutForms"/>).
    public bool Kept { get; private set; }

    public void OnGet(string? returnUrl, string? kept)
    {
        ReturnUrl = returnUrl;
        Kept = kept == "1";
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Before the account is looked up, so it answers alike whether or not the email has one.
        if (!throttle.TryAcquire(HttpContext, Input.Email, out var retryAfter))
        {
            return SignInThrottle.Refuse(this, retryAfter);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null || await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            // Identity refuses these without hashing; hash anyway so no answer comes back faster than a wrong password.
            dummy.Verify(Input.Password);
            result = user is not null && await users.IsLockedOutAsync(user)
                ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut
                : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        }

        if (await ContinueAsync(this, result, user, audit, returnUrl) is { } next)
        {
            return next;
        }

        if (user is not null)
        {
            await audit.RecordAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.LoginFailed, "User", user.Id, user.Id);
        }

        ModelState.AddModelError(string.Empty, Failure);
        await throttle.HoldRefusalAsync(started, HttpContext.RequestAborted);
        return Page();
    }

    /// Where a right password leads, here and after setting one (first administrator, password link): to the code
    /// step when the account has an authenticator, else in, recorded. Null when the password did not sign in.
    public static async Task<IActionResult?> ContinueAsync(PageModel page, Microsoft.AspNetCore.Identity.SignInResult result, SafeHomeUser? user, AuditLog audit, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(audit);
        var local = page.Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        if (result.RequiresTwoFactor)
        {
            // The password was right; no session until the code is (SECURITY.md A3).
            return page.RedirectToPage("/Account/LoginWith2fa", new { returnUrl = local });
        }

        if (result.Succeeded && user is not null)
        {
            await audit.RecordAsync(AuditActions.LoginSucceeded, "User", user.Id, user.Id);
            return page.LocalRedirect(local ?? "/");
        }

        return null;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [StringLength(256)]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(1024)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;
    }
}
