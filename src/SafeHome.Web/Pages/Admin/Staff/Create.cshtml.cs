using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Admin.Staff;

/// Creates an account without a password; the new staff member sets their own through the reset link shown next.
public sealed class CreateModel(StaffAccounts accounts, UserManager<SafeHomeUser> users) : PageModel
{
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

        var result = await accounts.CreateAsync(Input.Email, Input.DisplayName, Input.Role, password: null);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result);
            return Page();
        }

        var user = (await users.FindByEmailAsync(Input.Email.Trim()))!;
        TempData["ResetToken"] = await accounts.CreatePasswordResetTokenAsync(user);
        TempData["Status"] = "The account is created. Give the person the link below so they can choose their password.";
        return RedirectToPage("Edit", new { id = user.Id });
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter an email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(256)]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter a display name.")]
        [StringLength(SafeHomeUser.DisplayNameMaxLength)]
        [SingleLine]
        [Display(Name = "Display name")]
        public string DisplayName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a role.")]
        [RoleName]
        public string Role { get; set; } = string.Empty;
    }
}
