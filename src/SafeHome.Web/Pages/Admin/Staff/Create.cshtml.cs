using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Admin.Staff;

/// Creates an account without a password; the new staff member sets their own through the link shown on this
/// response only (it is never stored, not even in a cookie). A case role waits for a program director's confirmation.
public sealed class CreateModel(AccountChanges changes, UserManager<SafeHomeUser> users) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// Set after a successful create: the account, its one-time link, and whether its role waits for a director.
    public SafeHomeUser? Created { get; private set; }

    public string? ResetLink { get; private set; }

    public bool RoleWaits { get; private set; }

    /// While no program director exists nobody can confirm a case role: the first one is made at the console.
    public bool NoDirectorYet { get; private set; }

    [RequiresRecentSignIn]
    public async Task OnGetAsync() => await LoadAsync();

    [RequiresRecentSignIn]
    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await changes.CreateAsync(Input.Email, Input.DisplayName, Input.Role, User.UserId()!);
        if (!outcome.Succeeded)
        {
            ModelState.AddIdentityErrors(outcome.Result);
            return Page();
        }

        Created = outcome.User;
        RoleWaits = outcome.Request is not null;
        ResetLink = Url.PageLink("/Account/ResetPassword", values: new { userId = Created!.Id, token = outcome.ResetToken })!;
        return Page();
    }

    private async Task LoadAsync() =>
        NoDirectorYet = (await users.GetUsersInRoleAsync(Roles.ProgramDirector)).All(d => !d.IsActive);

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
