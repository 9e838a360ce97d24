using SafeHome.Domain.Common;

namespace SafeHome.Domain.Staff;

public enum AccountChangeKind
{
    /// A case role for a new or existing account; the account receives the role only on confirmation.
    GrantCaseRole,

    /// A password link for an account with a case role. The role moves onto the request until a director confirms
    /// that the account's owner set the password themselves.
    PasswordReset,

    /// Removing an authenticator from an account with a case role; done only on confirmation.
    MfaReset,

    /// Reactivating a deactivated account with a case role; done only on confirmation.
    Reactivate,
}

public enum AccountChangeStatus
{
    Open,
    Confirmed,
    Declined,
}

/// An administrator's change to an account that would let someone read case content. Administrators manage
/// accounts but must never become case readers, so the change waits for a program director who is neither the
/// requester nor the account itself (separation of duties, DESIGN.md).
public sealed class AccountChangeRequest : IAudited
{
    private AccountChangeRequest()
    {
    }

    public AccountChangeRequest(AccountChangeKind kind, string accountId, string role, string requestedById, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedById);
        if (!Roles.IsCaseRole(role))
        {
            throw new DomainRuleException(nameof(Role), "Only a case role (counselor, program director, auditor) needs a director's confirmation.");
        }

        if (accountId == requestedById)
        {
            throw new DomainRuleException(nameof(AccountId), "Nobody can request a change to their own account.");
        }

        Id = Guid.CreateVersion7();
        Kind = kind;
        AccountId = accountId;
        Role = role;
        RequestedById = requestedById;
        RequestedAtUtc = nowUtc;
        Status = AccountChangeStatus.Open;
    }

    public Guid Id { get; private set; }
    public AccountChangeKind Kind { get; private set; }
    public string AccountId { get; private set; } = string.Empty;

    /// The case role concerned: the one granted, or the one the account holds back while a reset waits.
    public string Role { get; private set; } = string.Empty;

    public string RequestedById { get; private set; } = string.Empty;
    public DateTime RequestedAtUtc { get; private set; }

    /// When the account's password was set from the link of a password reset: a reset can be confirmed only after
    /// that, so a link the requester kept cannot be used once the role is back.
    public DateTime? PasswordSetAtUtc { get; private set; }

    public AccountChangeStatus Status { get; private set; }
    public string? DecidedById { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }

    public bool IsOpen => Status == AccountChangeStatus.Open;

    public void RecordPasswordSet(DateTime nowUtc)
    {
        if (IsOpen && Kind == AccountChangeKind.PasswordReset)
        {
            PasswordSetAtUtc = nowUtc;
        }
    }

    /// Whether this person may confirm or decline: never the requester, never the account itself.
    public bool MayBeDecidedBy(string? userId) =>
        userId is not null && userId != RequestedById && userId != AccountId;

    public void Confirm(string directorId, bool accountHasPassword, DateTime nowUtc)
    {
        EnsureDecidable(directorId);
        if (Kind == AccountChangeKind.PasswordReset && PasswordSetAtUtc is null)
        {
            throw new DomainRuleException(nameof(PasswordSetAtUtc), "The password has not been set from the link yet. Confirm once the person has set it themselves.");
        }

        if (Kind == AccountChangeKind.GrantCaseRole && !accountHasPassword)
        {
            throw new DomainRuleException(nameof(PasswordSetAtUtc), "The account has no password yet. Confirm once the person has set it with their link.");
        }

        Decide(AccountChangeStatus.Confirmed, directorId, nowUtc);
    }

    public void Decline(string directorId, DateTime nowUtc)
    {
        EnsureDecidable(directorId);
        Decide(AccountChangeStatus.Declined, directorId, nowUtc);
    }

    private void EnsureDecidable(string directorId)
    {
        if (!IsOpen)
        {
            throw new DomainRuleException(nameof(Status), "This request has already been decided.");
        }

        if (!MayBeDecidedBy(directorId))
        {
            throw new DomainRuleException(nameof(DecidedById), "A request is decided by another program director: not the person who asked for it, and not the account it is about.");
        }
    }

    private void Decide(AccountChangeStatus status, string directorId, DateTime nowUtc)
    {
        Status = status;
        DecidedById = directorId;
        DecidedAtUtc = nowUtc;
    }
}
