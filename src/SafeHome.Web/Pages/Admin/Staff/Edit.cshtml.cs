using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Admin.Staff;

public sealed class EditModel(UserManager<SafeHomeUser> users, StaffAccounts accounts, AccountChanges changes) : PageModel
{
    public const string NotYourself = "You cannot change your own role or deactivate yourself; ask another administrator.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public SupervisionInputModel Supervision { get; set; } = new();

    /// Active counselors other than this person; directors co-sign without being chosen.
    public IReadOnlyList<SelectListItem> SupervisorOptions { get; private set; } = [];

    /// The saved supervisor when they are no longer an active counselor, so the page says why the choice is empty.
    public string? FormerSupervisorName { get; private set; }

    public SafeHomeUser Member { get; private set; } = null!;

    public string? CurrentRole { get; private set; }

    public string? ResetLink { get; private set; }

    /// The change to this account that waits for a program director, if any.
    public AccountChangeRequest? Waiting { get; private set; }

    public bool IsSelf => Member.Id == User.UserId();

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input.Role = CurrentRole ?? string.Empty;
        return Page();
    }

    [RequiresRecentSignIn]
    public async Task<IActionResult> OnPostChangeRoleAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (IsSelf)
        {
            ModelState.AddModelError("Input.Role", NotYourself);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await changes.ChangeRoleAsync(Member, Input.Role, User.UserId()!);
        if (!outcome.Succeeded)
        {
            foreach (var error in outcome.Result.Errors)
            {
                ModelState.AddModelError("Input.Role", error.Description);
            }

            return Page();
        }

        TempData["Status"] = outcome.Request is null
            ? $"Role changed to {Roles.DisplayName(Input.Role)}. Their open sessions have ended."
            : $"Requested: {Roles.DisplayName(Input.Role)}. The role is given only when a program director other than you confirms it; until then the account keeps its current role.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostSupervisionAsync(string id)
    {
        // The role form is not part of this post (its Role, with no value under the Input prefix, binds without one);
        // only the supervision fields are checked.
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith("Supervision.", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        if (!await LoadAsync(id, keepSupervisionInput: true))
        {
            return NotFound();
        }

        Input.Role = CurrentRole ?? string.Empty;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var supervisorId = string.IsNullOrWhiteSpace(Supervision.SupervisorId) ? null : Supervision.SupervisorId.Trim();
        var result = await accounts.SetSupervisionAsync(Member, Supervision.RequiresCosign, supervisorId);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "Supervisor" ? "Supervision.SupervisorId" : string.Empty, error.Description);
            }

            return Page();
        }

        TempData["Status"] = "Co-signature settings saved.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string id) => await SetActiveAsync(id, active: false);

    [RequiresRecentSignIn]
    public async Task<IActionResult> OnPostReactivateAsync(string id) => await SetActiveAsync(id, active: true);

    /// The link is shown on this response only; it is never put in TempData (a cookie) or stored anywhere.
    [RequiresRecentSignIn]
    public async Task<IActionResult> OnPostResetLinkAsync(string id)
    {
        ModelState.Clear();
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input.Role = CurrentRole ?? string.Empty;
        if (IsSelf)
        {
            ModelState.AddModelError(string.Empty, NotYourself);
            return Page();
        }

        var outcome = await changes.PasswordLinkAsync(Member, User.UserId()!);
        if (!outcome.Succeeded)
        {
            ModelState.AddIdentityErrors(outcome.Result);
            return Page();
        }

        await LoadAsync(id);
        Input.Role = CurrentRole ?? string.Empty;
        ResetLink = BuildResetLink(outcome.ResetToken!);
        return Page();
    }

    [RequiresRecentSignIn]
    public async Task<IActionResult> OnPostResetMfaAsync(string id)
    {
        ModelState.Clear();
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input.Role = CurrentRole ?? string.Empty;
        if (IsSelf)
        {
            ModelState.AddModelError(string.Empty, NotYourself);
            return Page();
        }

        var outcome = await changes.ResetMfaAsync(Member, User.UserId()!);
        if (!outcome.Succeeded)
        {
            ModelState.AddIdentityErrors(outcome.Result);
            return Page();
        }

        TempData["Status"] = outcome.Request is null
            ? "The authenticator is removed; the person enrols a new one at their next sign-in."
            : "MFA reset requested. It happens only when a program director other than you confirms it.";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> SetActiveAsync(string id, bool active)
    {
        ModelState.Clear();
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input.Role = CurrentRole ?? string.Empty;
        if (IsSelf)
        {
            ModelState.AddModelError(string.Empty, NotYourself);
            return Page();
        }

        if (!active)
        {
            await accounts.SetActiveAsync(Member, active: false);
            TempData["Status"] = "The account is deactivated and its sessions have ended.";
            return RedirectToPage(new { id });
        }

        var outcome = await changes.ReactivateAsync(Member, User.UserId()!);
        if (!outcome.Succeeded)
        {
            ModelState.AddIdentityErrors(outcome.Result);
            return Page();
        }

        TempData["Status"] = outcome.Request is null
            ? "The account is active again."
            : "Reactivation requested. The account stays deactivated until a program director other than you confirms it.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(string id, bool keepSupervisionInput = false)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return false;
        }

        Member = user;
        CurrentRole = await accounts.RoleOfAsync(user);
        Waiting = await changes.OpenRequestForAsync(user.Id);
        var candidates = await accounts.SupervisorCandidatesAsync(user);
        SupervisorOptions = [.. candidates.Select(c => new SelectListItem($"{c.DisplayName} ({c.Email})", c.Id))];
        if (user.SupervisorId is { } saved && candidates.All(c => c.Id != saved))
        {
            FormerSupervisorName = (await users.FindByIdAsync(saved))?.DisplayName ?? "(removed account)";
        }

        if (!keepSupervisionInput)
        {
            Supervision = new SupervisionInputModel { RequiresCosign = user.RequiresCosign, SupervisorId = user.SupervisorId };
        }

        return true;
    }

    private string BuildResetLink(string token) =>
        Url.PageLink("/Account/ResetPassword", values: new { userId = Member.Id, token })!;

    public sealed class SupervisionInputModel
    {
        [Display(Name = "Notes need a co-signature")]
        public bool RequiresCosign { get; set; }

        [StringLength(450, ErrorMessage = "Choose an active counselor from the list, other than this person.")]
        [SingleLine]
        [Display(Name = "Supervisor who may co-sign")]
        public string? SupervisorId { get; set; }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose a role.")]
        [RoleName]
        public string Role { get; set; } = string.Empty;
    }
}
