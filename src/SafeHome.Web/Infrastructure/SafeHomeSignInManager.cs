using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeHome.Data;

namespace SafeHome.Web.Infrastructure;

/// Adds two rules to Identity's sign-in: deactivated staff can neither sign in nor keep a session, and every
/// session remembers when it began so that the absolute lifetime survives sliding renewals.
public sealed class SafeHomeSignInManager(
    UserManager<SafeHomeUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<SafeHomeUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<SafeHomeUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<SafeHomeUser> confirmation,
    TimeProvider clock,
    SafeHomeDbContext db)
    : SignInManager<SafeHomeUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public const string SignedInAtKey = "safehome.signed_in_at";

    public override async Task<bool> CanSignInAsync(SafeHomeUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsActive && await base.CanSignInAsync(user);
    }

    /// Identity's own validators ask here; the rule is <see cref="IsSessionCurrentAsync"/>'s, so it is written once.
    public override async Task<SafeHomeUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal) =>
        await IsSessionCurrentAsync(principal) ? await UserManager.GetUserAsync(principal!) : null;

    /// The check every request makes (see the cookie's OnValidatePrincipal): the session's security stamp is still
    /// the account's and the account is active. One compiled query of two columns instead of loading and tracking the
    /// whole account (issue 16).
    public async Task<bool> IsSessionCurrentAsync(ClaimsPrincipal? principal)
    {
        if (principal is null || UserManager.GetUserId(principal) is not { } id)
        {
            return false;
        }

        var account = await StampOf.For(db)(db, id);
        var stamp = principal.FindFirstValue(Options.ClaimsIdentity.SecurityStampClaimType);
        return account is { IsActive: true } && stamp is not null && string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal);
    }

    private static readonly CompiledQuery<Func<SafeHomeDbContext, string, Task<StampRow?>>> StampOf = new(() => EF.CompileAsyncQuery(
        (SafeHomeDbContext db, string id) => db.Users.Where(u => u.Id == id).Select(u => new StampRow(u.SecurityStamp, u.IsActive)).FirstOrDefault()));

    private sealed record StampRow(string? SecurityStamp, bool IsActive);

    public override Task SignInWithClaimsAsync(SafeHomeUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        authenticationProperties ??= new AuthenticationProperties();
        if (!authenticationProperties.Items.ContainsKey(SignedInAtKey))
        {
            authenticationProperties.Items[SignedInAtKey] = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }
}
