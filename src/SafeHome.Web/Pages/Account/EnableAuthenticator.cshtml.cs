using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Account;

/// Enrolment on first sign-in (SECURITY.md A3): the account's key as a QR code drawn on the server and as text, one
/// code from the app to prove it works, then ten recovery codes shown once. Until this is done the session reaches
/// nothing else (see <see cref="MfaEnrolment"/>).
[AllowAuditorPost]
public sealed class EnableAuthenticatorModel(UserManager<SafeHomeUser> users, SignInManager<SafeHomeUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Key { get; private set; } = string.Empty;

    public (int Size, string Path) Qr { get; private set; }

    /// Shown once, on the response that turned MFA on; only their hashes are kept.
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public bool AlreadyEnrolled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        AlreadyEnrolled = user.TwoFactorEnabled;
        if (!AlreadyEnrolled)
        {
            await LoadKeyAsync(user);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        if (user.TwoFactorEnabled)
        {
            AlreadyEnrolled = true;
            return Page();
        }

        var code = Authenticator.NormalizeCode(Input.Code);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            ModelState.AddModelError("Input.Code", "Enter the 6-digit code your authenticator app shows for SafeHome.");
        }
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", "That code did not match. Check that the app shows SafeHome and the phone's time is set automatically, then enter the code it shows now.");
        }

        if (!ModelState.IsValid)
        {
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, Authenticator.RecoveryCodeCount) ?? []];
        await audit.RecordAsync(AuditActions.MfaEnrolled, "User", user.Id, user.Id);

        // Proving the new authenticator is the second factor: the session now carries it, with a new security stamp.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(MfaEnrolment.ClaimType, MfaEnrolment.ClaimValue)]);
        return Page();
    }

    private async Task LoadKeyAsync(SafeHomeUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;

            // A new key changes the security stamp, which ends every session: renew this one.
            await signIn.RefreshSignInAsync(user);
        }

        Key = Authenticator.Grouped(key);
        Qr = Authenticator.QrCode(Authenticator.Uri(user.Email!, key));
    }

    public sealed class InputModel
    {
        [StringLength(20, ErrorMessage = "A code is 6 digits.")]
        [Display(Name = "Code from the app")]
        public string? Code { get; set; }
    }
}
