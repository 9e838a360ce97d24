using System.Security.Cryptography;
using SafeHome.Data.Encryption;

namespace SafeHome.UnitTests.Encryption;

/// The field cipher on its own: authenticated, one random nonce per value, the newest key encrypts and every key
/// decrypts, and anything that does not authenticate throws instead of returning text.
public sealed class FieldCipherTests
{
    private static readonly KeyValuePair<string, byte[]> First = new("k1", RandomNumberGenerator.GetBytes(FieldCipher.KeyBytes));
    private static readonly KeyValuePair<string, byte[]> Second = new("k2", RandomNumberGenerator.GetBytes(FieldCipher.KeyBytes));

    [Fact]
    public void A_value_round_trips_and_its_stored_form_holds_no_plain_text()
    {
        var cipher = new FieldCipher([First]);
        var stored = cipher.Encrypt("Invented Legalname Canary ☂ 😀");
        Assert.StartsWith("v1:k1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Canary", stored, StringComparison.Ordinal);
        Assert.Equal("Invented Legalname Canary ☂ 😀", cipher.Decrypt(stored));
    }

    [Fact]
    public void The_same_value_encrypts_differently_each_time()
    {
        var cipher = new FieldCipher([First]);
        Assert.NotEqual(cipher.Encrypt("98761"), cipher.Encrypt("98761"));
    }

    [Fact]
    public void Any_flipped_byte_of_the_sealed_value_fails_to_decrypt()
    {
        var cipher = new FieldCipher([First]);
        var stored = cipher.Encrypt("Invented narrative");
        var sealedBytes = Convert.FromBase64String(stored["v1:k1:".Length..]);
        for (var i = 0; i < sealedBytes.Length; i++)
        {
            var tampered = (byte[])sealedBytes.Clone();
            tampered[i] ^= 0x01;
            Assert.Throws<FieldDecryptionException>(() => cipher.Decrypt("v1:k1:" + Convert.ToBase64String(tampered)));
        }
    }

    [Fact]
    public void A_wrong_key_under_the_same_id_fails_instead_of_returning_garbage()
    {
        var stored = new FieldCipher([First]).Encrypt("Invented narrative");
        var wrong = new FieldCipher([new("k1", RandomNumberGenerator.GetBytes(FieldCipher.KeyBytes))]);
        var error = Assert.Throws<FieldDecryptionException>(() => wrong.Decrypt(stored));
        Assert.Contains("does not authenticate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_relabelled_to_another_key_of_the_ring_fails()
    {
        var cipher = new FieldCipher([First, Second]);
        var stored = cipher.Encrypt("Invented narrative");
        Assert.Throws<FieldDecryptionException>(() => cipher.Decrypt(stored.Replace("v1:k2:", "v1:k1:", StringComparison.Ordinal)));
    }

    [Fact]
    public void After_rotation_the_new_key_encrypts_and_the_old_one_still_decrypts()
    {
        var before = new FieldCipher([First]);
        var old = before.Encrypt("Written before the rotation");
        var after = new FieldCipher([First, Second]);
        Assert.Equal("Written before the rotation", after.Decrypt(old));
        Assert.True(after.NeedsReencryption(old));
        var fresh = after.Encrypt("Written after");
        Assert.StartsWith("v1:k2:", fresh, StringComparison.Ordinal);
        Assert.False(after.NeedsReencryption(fresh));
        var unknown = Assert.Throws<FieldDecryptionException>(() => before.Decrypt(fresh));
        Assert.Contains("not in the configured key ring", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_stored_before_encryption_reads_as_it_is_and_is_due_for_sealing()
    {
        var cipher = new FieldCipher([First]);
        Assert.Equal("Plain legacy text", cipher.Decrypt("Plain legacy text"));
        Assert.True(cipher.NeedsReencryption("Plain legacy text"));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(10_000)]
    public void The_column_length_fits_the_longest_value_of_the_widest_characters(int plainLength)
    {
        var cipher = new FieldCipher([new("abcdef0123456789", RandomNumberGenerator.GetBytes(FieldCipher.KeyBytes))]);
        foreach (var widest in new[] { new string('☂', plainLength), string.Concat(Enumerable.Repeat("😀", plainLength / 2)) })
        {
            Assert.True(cipher.Encrypt(widest).Length <= FieldCipher.StoredLength(plainLength));
        }
    }

    [Theory]
    [InlineData("k1:c2hvcnQ=", "must be 32 bytes")]
    [InlineData("Upper:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "lower-case")]
    [InlineData("no-colon-here", "id:base64key")]
    [InlineData("k1:not base64!", "not valid base64")]
    public void A_malformed_key_setting_is_refused_with_a_clear_message(string keys, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => FieldKeyRing.Load(new FieldEncryptionOptions { Keys = keys }, Path.GetTempPath()));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_file_is_created_private_with_one_key_and_its_last_line_encrypts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "safehome-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var options = new FieldEncryptionOptions();
            var created = FieldKeyRing.Load(options, folder);
            var path = FieldKeyRing.KeyPath(options, folder);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            var old = created.Encrypt("Before rotation");
            File.AppendAllText(path, FieldKeyRing.NewEntry() + "\n");
            var rotated = FieldKeyRing.Load(options, folder);
            Assert.NotEqual(created.CurrentKeyId, rotated.CurrentKeyId);
            Assert.Equal("Before rotation", rotated.Decrypt(old));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
