using SafeHome.Domain.Common;
using SafeHome.Domain.Staff;

namespace SafeHome.UnitTests.Staff;

public sealed class AccountChangeRequestTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Another_director_confirms_a_role_grant_once_the_account_has_a_password()
    {
        var request = new AccountChangeRequest(AccountChangeKind.GrantCaseRole, "account", Roles.ProgramDirector, "admin", Now);

        Assert.Throws<DomainRuleException>(() => request.Confirm("director", accountHasPassword: false, Now));
        request.Confirm("director", accountHasPassword: true, Now.AddMinutes(1));

        Assert.Equal((AccountChangeStatus.Confirmed, "director", Now.AddMinutes(1)), (request.Status, request.DecidedById, request.DecidedAtUtc));
        Assert.Throws<DomainRuleException>(() => request.Decline("director", Now));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("account")]
    [InlineData(null)]
    public void Neither_the_requester_nor_the_account_itself_decides(string? decider)
    {
        var request = new AccountChangeRequest(AccountChangeKind.MfaReset, "account", Roles.Counselor, "admin", Now);

        Assert.False(request.MayBeDecidedBy(decider));
        if (decider is not null)
        {
            Assert.Throws<DomainRuleException>(() => request.Confirm(decider, accountHasPassword: true, Now));
            Assert.Throws<DomainRuleException>(() => request.Decline(decider, Now));
        }

        Assert.True(request.IsOpen);
    }

    [Fact]
    public void A_password_reset_is_confirmed_only_after_the_password_was_set_from_the_link()
    {
        var request = new AccountChangeRequest(AccountChangeKind.PasswordReset, "account", Roles.Auditor, "admin", Now);

        Assert.Throws<DomainRuleException>(() => request.Confirm("director", accountHasPassword: true, Now));
        request.RecordPasswordSet(Now.AddMinutes(3));
        request.Confirm("director", accountHasPassword: true, Now.AddMinutes(4));

        Assert.Equal(Now.AddMinutes(3), request.PasswordSetAtUtc);
        Assert.Equal(AccountChangeStatus.Confirmed, request.Status);
    }

    [Fact]
    public void Nobody_requests_a_change_to_their_own_account_and_only_case_roles_need_one()
    {
        Assert.Throws<DomainRuleException>(() => new AccountChangeRequest(AccountChangeKind.GrantCaseRole, "same", Roles.Counselor, "same", Now));
        Assert.Throws<DomainRuleException>(() => new AccountChangeRequest(AccountChangeKind.GrantCaseRole, "account", Roles.Admin, "admin", Now));
    }
}
