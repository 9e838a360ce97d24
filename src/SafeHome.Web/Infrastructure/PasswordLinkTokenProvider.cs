using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SafeHome.Data;

namespace SafeHome.Web.Infrastructure;

/// Identity's data-protection token (creation time, user, purpose, security stamp), dated by the app's TimeProvider
/// instead of the system clock so the 24-hour expiry of password links is one rule the tests can move the clock
/// through. Any change of the security stamp (a newer link, a confirmed change, a password set) still voids it.
public sealed class PasswordLinkTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<DataProtectionTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<SafeHomeUser>> logger,
    TimeProvider clock)
    : DataProtectorTokenProvider<SafeHomeUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "SafeHomePasswordLink";

    public override async Task<string> GenerateAsync(string purpose, UserManager<SafeHomeUser> manager, SafeHomeUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        using var buffer = new MemoryStream();
        await using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(clock.GetUtcNow().UtcTicks);
            writer.Write(await manager.GetUserIdAsync(user));
            writer.Write(purpose ?? string.Empty);
            writer.Write(await manager.GetSecurityStampAsync(user) ?? string.Empty);
        }

        return Convert.ToBase64String(Protector.Protect(buffer.ToArray()));
    }

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<SafeHomeUser> manager, SafeHomeUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(Protector.Unprotect(Convert.FromBase64String(token))), Encoding.UTF8);
            var created = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            if (created + Options.TokenLifespan < clock.GetUtcNow())
            {
                return false;
            }

            return reader.ReadString() == await manager.GetUserIdAsync(user)
                && reader.ReadString() == purpose
                && reader.ReadString() == (await manager.GetSecurityStampAsync(user) ?? string.Empty)
                && reader.PeekChar() == -1;
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException or EndOfStreamException or IOException or ArgumentException)
        {
            // A tampered, truncated or foreign token is simply not valid.
            return false;
        }
    }
}
