using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using QRCoder;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;

namespace SafeHome.Web.Infrastructure;

/// TOTP as every authenticator app speaks it (RFC 6238: SHA-1, 6 digits, 30 s), checked with Otp.NET against the key
/// Identity keeps per account. A code is accepted once: the time step it matched is remembered, and a code for that step
/// or an earlier one is refused and recorded as a replay (SECURITY.md A4).
public sealed class TotpTokenProvider(TimeProvider clock, AuditLog audit) : IUserTwoFactorTokenProvider<SafeHomeUser>
{
    public const string Name = "SafeHomeTotp";

    // Kept with Identity's own authenticator key in AspNetUserTokens; neither is ever audited.
    private const string LoginProvider = "[SafeHome]";
    private const string LastStepToken = "LastTotpStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<SafeHomeUser> manager, SafeHomeUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    // The app on the person's phone makes the codes; the server never does.
    public Task<string> GenerateAsync(string purpose, UserManager<SafeHomeUser> manager, SafeHomeUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<SafeHomeUser> manager, SafeHomeUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var code = Authenticator.NormalizeCode(token);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || code.Length != 6)
        {
            return false;
        }

        // One step either side: a phone clock a little off, or a code typed as it turned over.
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepToken);
        if (long.TryParse(last, NumberStyles.Integer, CultureInfo.InvariantCulture, out var used) && step <= used)
        {
            await audit.RecordAsync(AuditActions.MfaReplay, "User", user.Id, user.Id);
            return false;
        }

        await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepToken, step.ToString(CultureInfo.InvariantCulture));
        return true;
    }
}

/// Recovery codes are stored as SHA-256 hashes (they are random, so a plain hash is enough): a copy of the database
/// does not hand anyone a way in. Identity keeps them in the clear by default.
public sealed class SafeHomeUserStore(SafeHomeDbContext context, IdentityErrorDescriber? describer = null)
    : Microsoft.AspNetCore.Identity.EntityFrameworkCore.UserStore<SafeHomeUser, IdentityRole, SafeHomeDbContext>(context, describer)
{
    public override Task ReplaceCodesAsync(SafeHomeUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(Authenticator.HashRecoveryCode), cancellationToken);

    // Identity's own redeem stores the remaining codes through ReplaceCodesAsync, which would hash them again.
    public override async Task<bool> RedeemCodeAsync(SafeHomeUser user, string code, CancellationToken cancellationToken = default)
    {
        var hashed = Authenticator.HashRecoveryCode(code);
        var stored = (await GetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, cancellationToken) ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries);
        if (!stored.Contains(hashed, StringComparer.Ordinal))
        {
            return false;
        }

        await base.ReplaceCodesAsync(user, stored.Where(s => s != hashed), cancellationToken);
        return true;
    }

    // Where Identity's UserStoreBase keeps the codes (its constants are private).
    private const string InternalLoginProvider = "[AspNetUserStore]";
    private const string RecoveryCodeTokenName = "RecoveryCodes";
}

public static class Authenticator
{
    public const int RecoveryCodeCount = 10;

    /// How an account's secret goes into an authenticator app: the link behind the QR code.
    public static string Uri(string email, string key) =>
        $"otpauth://totp/SafeHome:{System.Uri.EscapeDataString(email).Replace("%40", "@", StringComparison.Ordinal)}?secret={key}&issuer=SafeHome";

    /// The key in groups of four, for typing it by hand.
    public static string Grouped(string key) =>
        string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();

    /// The QR code of <see cref="Uri"/> for an SVG drawn on the server (no script, nothing sent anywhere): its size in
    /// modules, quiet zone included, and one path with a unit square per dark module. Only digits and path commands,
    /// so the view writes it as an ordinary encoded attribute.
    public static (int Size, string Path) QrCode(string uri)
    {
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var path = new StringBuilder();
        for (var y = 0; y < modules.Count; y++)
        {
            for (var x = 0; x < modules[y].Count; x++)
            {
                if (modules[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        return (modules.Count, path.ToString());
    }

    public static string NormalizeCode(string? code) =>
        new((code ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    public static string HashRecoveryCode(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(NormalizeCode(code).ToUpperInvariant())));

    /// Turns TOTP on for an account with a fresh key (the CLI and the demo seeder, which print it); returns the key.
    public static async Task<string> EnrolAsync(UserManager<SafeHomeUser> users, SafeHomeUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }
}
