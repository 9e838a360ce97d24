using System.Security.Cryptography;

namespace SafeHome.Data.Encryption;

/// Loads a key ring with the audit key's custody rules: a setting (environment variable, secret store) wins,
/// else a private key file in the data folder, created 600 with one random key on first start.
public static class FieldKeyRing
{
    public static string KeyPath(FieldEncryptionOptions options, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.GetFullPath(options.KeyFile, dataFolder);
    }

    public static FieldCipher Load(FieldEncryptionOptions options, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Load(options.Keys, "Encryption:Keys", KeyPath(options, dataFolder));
    }

    /// A key ring of `id:base64` entries under these custody rules: the setting <paramref name="setting"/> (its value
    /// <paramref name="keys"/>) wins, else the file at <paramref name="path"/>, created 600 with one random key on first
    /// start. The field keys and the key that protects the sign-in key ring (DataProtection:Keys) both load this way.
    public static FieldCipher Load(string? keys, string setting, string path)
    {
        if (!string.IsNullOrWhiteSpace(keys))
        {
            return new FieldCipher(Parse(keys, setting));
        }

        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            // Created 600 before the key is written, so it is never readable by others, even for a moment.
            File.WriteAllText(PrivateFiles.CreateFile(path), NewEntry() + "\n");
        }

        return new FieldCipher(Parse(File.ReadAllText(path), path));
    }

    /// A new random key entry (`id:base64`) for an operator to append when rotating.
    public static string NewEntry() =>
        $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}:{Convert.ToBase64String(RandomNumberGenerator.GetBytes(FieldCipher.KeyBytes))}";

    internal static List<KeyValuePair<string, byte[]>> Parse(string text, string source)
    {
        var keys = new List<KeyValuePair<string, byte[]>>();
        foreach (var entry in text.Split([';', ',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.StartsWith('#'))
            {
                continue;
            }

            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidOperationException($"Each key in {source} is written as id:base64key.");
            }

            byte[] key;
            try
            {
                key = Convert.FromBase64String(entry[(colon + 1)..]);
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException($"The key \"{entry[..colon]}\" in {source} is not valid base64.", e);
            }

            keys.Add(new(entry[..colon], key));
        }

        return keys.Count > 0 ? keys : throw new InvalidOperationException($"No key found in {source}.");
    }
}
