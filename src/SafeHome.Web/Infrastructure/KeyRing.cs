using System.Globalization;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Data.Encryption;
using SafeHome.Domain.Auditing;

namespace SafeHome.Web.Infrastructure;

/// Where the key protection key of the sign-in key ring comes from: the same custody rules as the audit and field
/// keys (a setting wins, else a private file in the data folder, created on first start). Every node must have it.
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// `id:base64` entries (32-byte keys), the last one seals new keys and every one opens; wins over KeyFile.
    public string? Keys { get; set; }

    /// Relative paths resolve against the data folder. Never the field keys' file, never inside the database.
    public string KeyFile { get; set; } = "key-ring-protection.keys";
}

/// The ASP.NET Core Data Protection key ring behind cookies, antiforgery tokens and password links, made one for every
/// node (issue 17): the keys live in the database, each sealed with AES-256-GCM under the key ring protection key
/// (outside the database), under a fixed application name, so a token issued by one node, or before a reinstall to
/// another path, is accepted by every other. Out of the box the keys sat unencrypted in each machine's ~/.aspnet and
/// were isolated by install path: a form rendered by one node failed when posted to the next.
public static class KeyRing
{
    /// Fixed, because Data Protection otherwise isolates apps by content root: a new install path would sign everyone out.
    public const string ApplicationName = "SafeHome";

    public static IServiceCollection AddSafeHomeKeyRing(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database, string contentRoot)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var dataFolder = Path.GetFullPath(database.DataFolder, contentRoot);
        services.AddSingleton(_ => new KeyRingProtection(
            FieldKeyRing.Load(options.Keys, "DataProtection:Keys", Path.GetFullPath(options.KeyFile, PrivateFiles.CreateFolder(dataFolder)))));
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<SafeHomeDbContext>();
        services.AddOptions<KeyManagementOptions>().Configure<KeyRingProtection>((o, protection) => o.XmlEncryptor = new KeyRingEncryptor(protection));
        return services;
    }

    /// At start (see StartupKeyCheck): every key in the database must open with the configured protection key, and the
    /// ring must have a key. Data Protection itself would log a failed key and quietly make a new one, signing everyone
    /// out and leaving each node with its own; a wrong or missing key file stops the host instead, naming the setting.
    /// Making the first key here, at start, keeps two nodes started together on an empty ring from making one each.
    public static void Check(IServiceProvider services)
    {
        var manager = services.GetRequiredService<IKeyManager>();
        foreach (var key in manager.GetAllKeys())
        {
            try
            {
                _ = key.Descriptor;
            }
            catch (Exception e) when (e is FieldDecryptionException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
            {
                throw new InvalidOperationException(
                    $"The sign-in key ring in the database does not open with the configured key ring protection key (DataProtection:Keys or its key file): key {key.KeyId} was sealed with another. Every node needs the same key; if it is lost, run reset-sign-in-keys (everyone signs in again).",
                    e);
            }
        }

        _ = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("SafeHome.KeyRingCheck").Protect([1]);
    }

    /// The way out when the protection key is lost: the sign-in keys go (nothing else is sealed with them for long:
    /// cookies, antiforgery tokens and password links), and the next start makes a new one. Recorded in the history.
    public static async Task<int> ResetAsync(IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        var removed = await scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>().DataProtectionKeys.ExecuteDeleteAsync();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditActions.SignInKeysReset, nameof(DataProtectionKey), removed.ToString(CultureInfo.InvariantCulture), userId: null);
        await output.WriteLineAsync($"Removed {removed} sign-in key(s). Restart every node now: everyone signs in again, and the first node to start makes the new key.");
        return 0;
    }
}

/// The key ring protection key, as a cipher (the field encryption's envelope, with its own keys).
public sealed class KeyRingProtection(FieldCipher cipher)
{
    public FieldCipher Cipher { get; } = cipher;
}

/// Seals each new Data Protection key before it is stored.
internal sealed class KeyRingEncryptor(KeyRingProtection protection) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var sealedKey = new XElement("sealedKey", protection.Cipher.Encrypt(plaintextElement.ToString(SaveOptions.DisableFormatting)));
        return new EncryptedXmlInfo(sealedKey, typeof(KeyRingDecryptor));
    }
}

/// Opens a sealed key. Data Protection creates it by type name with the service provider as its only argument.
internal sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        return XElement.Parse(services.GetRequiredService<KeyRingProtection>().Cipher.Decrypt(encryptedElement.Value));
    }
}
