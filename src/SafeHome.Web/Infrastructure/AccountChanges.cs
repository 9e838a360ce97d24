using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Common;
using SafeHome.Domain.Staff;

namespace SafeHome.Web.Infrastructure;

/// What an administrator may do to an account, and what waits for a program director (separation of duties,
/// DESIGN.md). A case role reaches an account only when a director who is neither the requester nor the account
/// confirms it: granting one waits; a password link for an account that holds one takes the role off the account
/// until the reset is confirmed; an MFA reset or reactivation of such an account happens only on confirmation.
/// Removing access (another role, deactivation) is never held back.
public sealed class AccountChanges(UserManager<SafeHomeUser> users, SafeHomeDbContext db, StaffAccounts accounts, AuditLog audit, TimeProvider clock)
{
    public const string Waiting = "A change to this account is waiting for a program director. A director confirms or declines it under Account changes before anything else about its role, password, MFA or activation changes.";

    public Task<AccountChangeRequest?> OpenRequestForAsync(string accountId) =>
        db.AccountChangeRequests.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == accountId && r.Status == AccountChangeStatus.Open);

    /// Creates the account without a role, and returns its password link (to be shown once, never stored). A case
    /// role becomes a request; the admin role is given at once.
    public async Task<Outcome> CreateAsync(string email, string displayName, string role, string requestedById)
    {
        var created = Roles.IsCaseRole(role) ? await accounts.CreateWithoutRoleAsync(email, displayName) : await accounts.CreateAsync(email, displayName, role, password: null);
        if (!created.Succeeded)
        {
            return Outcome.Failed(created);
        }

        var user = (await users.FindByEmailAsync(Text.Clean(email)))!;
        AccountChangeRequest? request = null;
        if (Roles.IsCaseRole(role))
        {
            request = new AccountChangeRequest(AccountChangeKind.GrantCaseRole, user.Id, role, requestedById, Now);
            db.AccountChangeRequests.Add(request);
            await db.SaveChangesAsync();
        }

        return new Outcome(IdentityResult.Success, user, request, await IssueLinkAsync(user));
    }

    public async Task<Outcome> ChangeRoleAsync(SafeHomeUser user, string role, string requestedById)
    {
        if (await OpenRequestForAsync(user.Id) is not null)
        {
            return Outcome.Failed("Role", Waiting);
        }

        if (!Roles.IsCaseRole(role))
        {
            var changed = await accounts.ChangeRoleAsync(user, role);
            return changed.Succeeded ? new Outcome(changed, user, null, null) : Outcome.Failed(changed);
        }

        if (await accounts.RoleOfAsync(user) == role)
        {
            return Outcome.Failed("Role", $"This account is already a {Roles.DisplayName(role).ToLowerInvariant()}.");
        }

        return await RequestAsync(AccountChangeKind.GrantCaseRole, user, role, requestedById);
    }

    /// A one-time password link. Any earlier link stops working. For an account with a case role the role is held
    /// on a request until a director confirms that the owner set the password themselves.
    public async Task<Outcome> PasswordLinkAsync(SafeHomeUser user, string requestedById)
    {
        var role = await accounts.RoleOfAsync(user);
        if (!Roles.IsCaseRole(role))
        {
            return new Outcome(IdentityResult.Success, user, null, await IssueLinkAsync(user));
        }

        if (await OpenRequestForAsync(user.Id) is not null)
        {
            return Outcome.Failed(string.Empty, Waiting);
        }

        var request = new AccountChangeRequest(AccountChangeKind.PasswordReset, user.Id, role!, requestedById, Now);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.AccountChangeRequests.Add(request);
            var held = await accounts.ReplaceRoleAsync(user, role: null);
            if (!held.Succeeded)
            {
                return Outcome.Failed(held);
            }

            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        return new Outcome(IdentityResult.Success, user, request, await IssueLinkAsync(user));
    }

    public async Task<Outcome> ResetMfaAsync(SafeHomeUser user, string requestedById)
    {
        var role = await accounts.RoleOfAsync(user);
        if (Roles.IsCaseRole(role))
        {
            return await OpenRequestForAsync(user.Id) is not null
                ? Outcome.Failed(string.Empty, Waiting)
                : await RequestAsync(AccountChangeKind.MfaReset, user, role!, requestedById);
        }

        await RemoveAuthenticatorAsync(user);
        return new Outcome(IdentityResult.Success, user, null, null);
    }

    public async Task<Outcome> ReactivateAsync(SafeHomeUser user, string requestedById)
    {
        var role = await accounts.RoleOfAsync(user);
        if (user.IsActive)
        {
            return new Outcome(IdentityResult.Success, user, null, null);
        }

        if (Roles.IsCaseRole(role))
        {
            return await OpenRequestForAsync(user.Id) is not null
                ? Outcome.Failed(string.Empty, Waiting)
                : await RequestAsync(AccountChangeKind.Reactivate, user, role!, requestedById);
        }

        var result = await accounts.SetActiveAsync(user, active: true);
        return result.Succeeded ? new Outcome(result, user, null, null) : Outcome.Failed(result);
    }

    /// Carries the change out. Every confirmation also renews the account's security stamp: any password link still
    /// outstanding stops working and open sessions end, so the role is picked up at the next sign-in.
    public async Task<Decision> ConfirmAsync(Guid requestId, string directorId)
    {
        var (request, user) = await LoadAsync(requestId);
        if (request is null || user is null)
        {
            return Decision.NotFound;
        }

        if (!request.MayBeDecidedBy(directorId))
        {
            return Decision.Forbidden;
        }

        try
        {
            request.Confirm(directorId, await users.HasPasswordAsync(user), Now);
        }
        catch (DomainRuleException e)
        {
            return new Decision(DecisionStatus.Refused, e.Message);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        switch (request.Kind)
        {
            case AccountChangeKind.GrantCaseRole or AccountChangeKind.PasswordReset:
                Require(await accounts.ReplaceRoleAsync(user, request.Role));
                break;
            case AccountChangeKind.MfaReset:
                await RemoveAuthenticatorAsync(user);
                break;
            case AccountChangeKind.Reactivate:
                user.IsActive = true;
                Require(await users.UpdateAsync(user));
                break;
        }

        Require(await users.UpdateSecurityStampAsync(user));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return Decision.Done;
    }

    /// Nothing the request asked for happens. A declined password reset gives the account its role back, voids the
    /// link and removes any password set from it, so whoever used the link cannot sign in; the owner's earlier
    /// password, when the link was never used, keeps working.
    public async Task<Decision> DeclineAsync(Guid requestId, string directorId)
    {
        var (request, user) = await LoadAsync(requestId);
        if (request is null || user is null)
        {
            return Decision.NotFound;
        }

        if (!request.MayBeDecidedBy(directorId))
        {
            return Decision.Forbidden;
        }

        try
        {
            request.Decline(directorId, Now);
        }
        catch (DomainRuleException e)
        {
            return new Decision(DecisionStatus.Refused, e.Message);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        if (request.Kind == AccountChangeKind.PasswordReset)
        {
            if (request.PasswordSetAtUtc is not null && await users.HasPasswordAsync(user))
            {
                Require(await users.RemovePasswordAsync(user));
            }

            Require(await accounts.ReplaceRoleAsync(user, request.Role));
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return Decision.Done;
    }

    /// Called when a password is set from a link: a waiting reset can now be confirmed.
    public async Task RecordPasswordSetAsync(string accountId)
    {
        var request = await db.AccountChangeRequests.FirstOrDefaultAsync(r => r.AccountId == accountId && r.Status == AccountChangeStatus.Open && r.Kind == AccountChangeKind.PasswordReset);
        if (request is not null)
        {
            request.RecordPasswordSet(Now);
            await db.SaveChangesAsync();
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<Outcome> RequestAsync(AccountChangeKind kind, SafeHomeUser user, string role, string requestedById)
    {
        var request = new AccountChangeRequest(kind, user.Id, role, requestedById, Now);
        db.AccountChangeRequests.Add(request);
        await db.SaveChangesAsync();
        return new Outcome(IdentityResult.Success, user, request, null);
    }

    /// A new stamp first, so that only the newest link works; the link itself is shown once and kept nowhere.
    private async Task<string> IssueLinkAsync(SafeHomeUser user)
    {
        Require(await users.UpdateSecurityStampAsync(user));
        await audit.RecordAsync(AuditActions.PasswordLinkIssued, nameof(SafeHomeUser), user.Id);
        return await accounts.CreatePasswordResetTokenAsync(user);
    }

    private async Task RemoveAuthenticatorAsync(SafeHomeUser user)
    {
        Require(await users.ResetAuthenticatorKeyAsync(user));
        Require(await users.SetTwoFactorEnabledAsync(user, false));
        await audit.RecordAsync(AuditActions.MfaReset, nameof(SafeHomeUser), user.Id);
    }

    private async Task<(AccountChangeRequest? Request, SafeHomeUser? User)> LoadAsync(Guid requestId)
    {
        var request = await db.AccountChangeRequests.FirstOrDefaultAsync(r => r.Id == requestId);
        return (request, request is null ? null : await users.FindByIdAsync(request.AccountId));
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("An account change failed: " + string.Join(" ", result.Errors.Select(e => e.Code)));
        }
    }

    public sealed record Outcome(IdentityResult Result, SafeHomeUser? User, AccountChangeRequest? Request, string? ResetToken)
    {
        public bool Succeeded => Result.Succeeded;

        public static Outcome Failed(IdentityResult result) => new(result, null, null, null);

        public static Outcome Failed(string code, string message) =>
            new(IdentityResult.Failed(new IdentityError { Code = code, Description = message }), null, null, null);
    }

    public enum DecisionStatus
    {
        Done,
        NotFound,
        Forbidden,
        Refused,
    }

    public sealed record Decision(DecisionStatus Status, string? Message = null)
    {
        public static readonly Decision Done = new(DecisionStatus.Done);
        public static readonly Decision NotFound = new(DecisionStatus.NotFound);
        public static readonly Decision Forbidden = new(DecisionStatus.Forbidden);
    }
}

public static class AccountChangeText
{
    public static string Describe(AccountChangeKind kind, string role) => kind switch
    {
        AccountChangeKind.GrantCaseRole => $"Make this account a {Roles.DisplayName(role).ToLowerInvariant()}",
        AccountChangeKind.PasswordReset => $"Password reset (the {Roles.DisplayName(role).ToLowerInvariant()} role is held until confirmed)",
        AccountChangeKind.MfaReset => "Remove the account's authenticator (MFA reset)",
        AccountChangeKind.Reactivate => "Reactivate the account",
        _ => kind.ToString(),
    };
}
