using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Account;

/// Sets a password from the link an administrator produced (there is no mail server). The link carries the
/// account's opaque id and a single-use token; a used or stale token is refused with a plain message.
public sealed class ResetPasswordModel(UserManager<SafeHomeUser> users, AccountChanges changes, SignInManager<SafeHomeUser> signIn, AuditLog audit) : PageModel
{
    public const string InvalidLink = "This link is not valid any more: a password link works once and expires 24 hours after it was made, and a newer link replaces it. Ask an administrator for a new one.";

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.Password != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", "The two passwords are not the same.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        if (user is null || Token is null)
        {
            ModelState.AddModelError(string.Empty, InvalidLink);
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, Token, Input.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == "InvalidToken"))
            {
                ModelState.AddModelError(string.Empty, InvalidLink);
            }
            else
            {
                ModelState.AddIdentityErrors(result);
            }

            return Page();
        }

        // A reset that waits for a director can now be confirmed; until then the account reads no case content.
        await changes.RecordPasswordSetAsync(user.Id);

        // Straight in with the new password (issue 18), unless this browser is signed in as someone else (an
        // administrator trying the link they made): their session is not swapped for another person's.
        var someoneElse = User.Identity?.IsAuthenticated == true && User.UserId() != user.Id;
        var signedIn = someoneElse ? null : await LoginModel.ContinueAsync(
            this, await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: false), user, audit, returnUrl: null);
        TempData["Status"] = signedIn is null ? "Your password is set. Sign in with it now." : "Your password is set.";
        return signedIn ?? RedirectToPage("/Account/Login");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(1024)]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Type the password again.")]
        [StringLength(1024)]
        [DataType(DataType.Password)]
        [Display(Name = "Confirm new password")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
