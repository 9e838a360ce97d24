using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SafeHome.Data.Encryption;

public sealed class FieldEncryptionOptions
{
    public const string Section = "Encryption";

    /// The field keys as `id:base64` entries (32-byte keys), separated by `;`, commas or new lines, e.g. from an
    /// environment variable or a secret store; the last entry encrypts, every entry decrypts. Wins over
    /// <see cref="KeyFile"/>.
    public string? Keys { get; set; }

    /// A file holding the same entries, one a line; created with one fresh random key on first start when neither is
    /// given. Relative paths resolve against the data folder. Never inside the database, and never the audit key.
    public string KeyFile { get; set; } = "field-encryption.keys";
}

/// AES-256-GCM for the restricted fields, under a small key ring held outside the database. A stored value is
/// "v1:{keyId}:{base64(nonce | ciphertext | tag)}" with a fresh random nonce per value; the newest key encrypts and
/// every key decrypts, so values written before a rotation (and the append-only audit history, which is never
/// rewritten) stay readable. A wrong key or a changed byte fails the tag check and throws: never garbage on a page.
public sealed class FieldCipher
{
    public const string Prefix = "v1:";
    public const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int MaxKeyIdLength = 16;

    private readonly Dictionary<string, byte[]> _keys;

    public FieldCipher(IReadOnlyList<KeyValuePair<string, byte[]>> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new InvalidOperationException("The field encryption key ring is empty.");
        }

        _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, key) in keys)
        {
            if (!IsValidKeyId(id))
            {
                throw new InvalidOperationException($"The field encryption key id \"{id}\" must be 1 to {MaxKeyIdLength} lower-case letters, digits or '-'.");
            }

            if (key.Length != KeyBytes)
            {
                throw new InvalidOperationException($"The field encryption key \"{id}\" must be {KeyBytes} bytes (base64 of {KeyBytes} random bytes).");
            }

            if (!_keys.TryAdd(id, key))
            {
                throw new InvalidOperationException($"The field encryption key id \"{id}\" is listed twice.");
            }
        }

        CurrentKeyId = keys[^1].Key;
    }

    /// The key that encrypts every new value.
    public string CurrentKeyId { get; }

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// The longest stored text for a plain value of at most <paramref name="plainLength"/> UTF-16 units: UTF-8 takes
    /// at most 3 bytes per unit, base64 4 characters per 3 bytes, plus nonce, tag and the "v1:{id}:" prefix.
    public static int StoredLength(int plainLength) =>
        Prefix.Length + MaxKeyIdLength + 1 + (4 * (((3 * plainLength) + NonceBytes + TagBytes + 2) / 3));

    public static bool IsValidKeyId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxKeyIdLength && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// The key id a stored value was written under; null for a value stored before field encryption existed.
    public static string? KeyIdOf(string? stored)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = stored.IndexOf(':', Prefix.Length);
        return end < 0 ? null : stored[Prefix.Length..end];
    }

    public string Encrypt(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_keys[CurrentKeyId], TagBytes))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), AssociatedData(CurrentKeyId));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{CurrentKeyId}:{Convert.ToBase64String(sealedBytes)}");
    }

    /// The plain value. A value without the envelope was stored before field encryption existed and is returned as it
    /// is (the re-encryption job seals it); anything with the envelope either authenticates or throws.
    public string Decrypt(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }

        var keyId = KeyIdOf(stored);
        if (keyId is null || !_keys.TryGetValue(keyId, out var key))
        {
            throw new FieldDecryptionException($"A field is encrypted with key \"{keyId}\", which is not in the configured key ring ({string.Join(", ", _keys.Keys)}).");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored[(Prefix.Length + keyId.Length + 1)..]);
        }
        catch (FormatException e)
        {
            throw new FieldDecryptionException($"A field encrypted with key \"{keyId}\" is not valid base64: it was changed outside SafeHome.", e);
        }

        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new FieldDecryptionException($"A field encrypted with key \"{keyId}\" is too short: it was changed outside SafeHome.");
        }

        var plainLength = sealedBytes.Length - NonceBytes - TagBytes;
        var plain = new byte[plainLength];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plainLength), sealedBytes.AsSpan(NonceBytes + plainLength), plain, AssociatedData(keyId));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new FieldDecryptionException($"A field encrypted with key \"{keyId}\" does not authenticate: the key \"{keyId}\" is not the one it was written with, or the value was changed.", e);
        }

        return Encoding.UTF8.GetString(plain);
    }

    /// Whether a stored value needs sealing under the current key (written under an older key, or before encryption).
    public bool NeedsReencryption(string stored) => KeyIdOf(stored) != CurrentKeyId;

    // The key id is authenticated too, so a value cannot be relabelled to another key of the ring.
    private static byte[] AssociatedData(string keyId) => Encoding.ASCII.GetBytes(Prefix + keyId);
}

public sealed class FieldDecryptionException : CryptographicException
{
    public FieldDecryptionException(string message)
        : base(message)
    {
    }

    public FieldDecryptionException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public FieldDecryptionException()
    {
    }
}
