using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Account;

/// Creates the first administrator through the one-time link printed at start-up. Once an administrator exists
/// this page answers 404 for good.
public sealed class SetupModel(FirstRunSetup setup, UserManager<SafeHomeUser> users, StaffAccounts accounts, SignInManager<SafeHomeUser> signIn, AuditLog audit) : PageModel
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() =>
        await IsOpenAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        // Two browsers racing on the same link must not both create an administrator.
        await OneAtATime.WaitAsync();
        try
        {
            if (!await IsOpenAsync())
            {
                return NotFound();
            }

            if (Input.Password != Input.ConfirmPassword)
            {
                ModelState.AddModelError("Input.ConfirmPassword", "The two passwords are not the same.");
            }

            if (!ModelState.IsValid)
            {
                return Page();
            }

            var result = await accounts.CreateAsync(Input.Email, Input.DisplayName, Roles.Admin, Input.Password);
            if (!result.Succeeded)
            {
                ModelState.AddIdentityErrors(result);
                return Page();
            }

            setup.Retire();

            // Straight in with the password just chosen (issue 18): the next stop is enrolling an authenticator.
            var admin = await users.FindByEmailAsync(Input.Email.Trim());
            var signedIn = admin is null ? null : await LoginModel.ContinueAsync(
                this, await signIn.PasswordSignInAsync(admin, Input.Password, isPersistent: false, lockoutOnFailure: false), admin, audit, returnUrl: null);
            TempData["Status"] = signedIn is null
                ? "The administrator account is ready. Sign in with it now."
                : "The administrator account is ready and you are signed in with it.";
            return signedIn ?? RedirectToPage("/Account/Login");
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task<bool> IsOpenAsync() =>
        setup.IsValid(Token) && !await FirstRunSetup.AdministratorExistsAsync(users);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the administrator's email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(256)]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter a display name.")]
        [StringLength(SafeHomeUser.DisplayNameMaxLength)]
        [SingleLine]
        [Display(Name = "Display name")]
        public string DisplayName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(1024)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Type the password again.")]
        [StringLength(1024)]
        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
