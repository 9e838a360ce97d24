using Microsoft.AspNetCore.Identity;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Staff;

namespace SafeHome.Web.Infrastructure;

/// Staff account operations shared by the setup page, the admin pages, the CLI and the demo seeder. Each one that
/// touches more than one Identity table runs in a transaction, so an account never exists without its role.
public sealed class StaffAccounts(UserManager<SafeHomeUser> users, SafeHomeDbContext db, TimeProvider clock)
{
    /// Creates an account that holds its role at once: the first administrator (setup page), the operator's
    /// create-user at the console, the demo seeder. The admin pages go through <see cref="AccountChanges"/> instead,
    /// so a case role granted there waits for a program director.
    public Task<IdentityResult> CreateAsync(string email, string displayName, string role, string? password) =>
        Roles.All.Contains(role)
            ? CreateCoreAsync(email, displayName, role, password)
            : Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "Role", Description = "Choose a role." }));

    /// An account with no role yet, whose case role waits on a director's confirmation.
    public Task<IdentityResult> CreateWithoutRoleAsync(string email, string displayName) =>
        CreateCoreAsync(email, displayName, role: null, password: null);

    private async Task<IdentityResult> CreateCoreAsync(string email, string displayName, string? role, string? password)
    {
        var name = Text.Clean(displayName);
        if (name.Length == 0 || name.Length > SafeHomeUser.DisplayNameMaxLength || Text.FindForbiddenSingleLineCharacter(name) is not null)
        {
            return IdentityResult.Failed(new IdentityError { Code = "DisplayName", Description = "Enter a display name of at most 100 ordinary characters." });
        }

        var address = Text.Clean(email);
        var user = new SafeHomeUser
        {
            UserName = address,
            Email = address,
            EmailConfirmed = true,
            DisplayName = name,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };

        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created;
        }

        var added = role is null ? IdentityResult.Success : await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            return added;
        }

        await transaction.CommitAsync();
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> ChangeRoleAsync(SafeHomeUser user, string role)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await ReplaceRoleAsync(user, role);
        if (result.Succeeded)
        {
            await transaction.CommitAsync();
        }

        return result;
    }

    /// Replaces the account's roles with one (none when null) and ends its sessions; the caller owns the transaction.
    internal async Task<IdentityResult> ReplaceRoleAsync(SafeHomeUser user, string? role)
    {
        var current = await users.GetRolesAsync(user);
        var removed = current.Count == 0 ? IdentityResult.Success : await users.RemoveFromRolesAsync(user, current);
        var added = removed.Succeeded && role is not null ? await users.AddToRoleAsync(user, role) : removed;
        if (!added.Succeeded)
        {
            return added;
        }

        // A new stamp ends every session that still carries the old role.
        return await users.UpdateSecurityStampAsync(user);
    }

    public async Task<IdentityResult> SetActiveAsync(SafeHomeUser user, bool active)
    {
        user.IsActive = active;
        var updated = await users.UpdateAsync(user);
        return updated.Succeeded && !active ? await users.UpdateSecurityStampAsync(user) : updated;
    }

    /// Whether this person's notes need a co-signature, and the counselor (besides the directors) who may give it.
    /// The supervisor must be another active counselor; directors co-sign anyone's notes without being chosen.
    public async Task<IdentityResult> SetSupervisionAsync(SafeHomeUser user, bool requiresCosign, string? supervisorId)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (supervisorId is not null && (await SupervisorCandidatesAsync(user)).All(c => c.Id != supervisorId))
        {
            return IdentityResult.Failed(new IdentityError { Code = "Supervisor", Description = "Choose an active counselor from the list, other than this person." });
        }

        user.RequiresCosign = requiresCosign;
        user.SupervisorId = supervisorId;
        return await users.UpdateAsync(user);
    }

    /// Active counselors other than the person, by name: who may be designated to co-sign their notes.
    public async Task<IReadOnlyList<SafeHomeUser>> SupervisorCandidatesAsync(SafeHomeUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var counselors = await users.GetUsersInRoleAsync(Roles.Counselor);
        return [.. counselors.Where(c => c.IsActive && c.Id != user.Id).OrderBy(c => c.DisplayName, StringComparer.CurrentCulture)];
    }

    public async Task<string> CreatePasswordResetTokenAsync(SafeHomeUser user) =>
        await users.GeneratePasswordResetTokenAsync(user);

    public async Task<string?> RoleOfAsync(SafeHomeUser user) => (await users.GetRolesAsync(user)).FirstOrDefault();
}
