using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
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
    TimeProvider clock)
    : SignInManager<SafeHomeUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public const string SignedInAtKey = "safehome.signed_in_at";

    public override async Task<bool> CanSignInAsync(SafeHomeUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsActive && await base.CanSignInAsync(user);
    }

    public override async Task<SafeHomeUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsActive: true } ? user : null;
    }

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
