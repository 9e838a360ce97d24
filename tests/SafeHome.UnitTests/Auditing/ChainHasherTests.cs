using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsCheck;
using SafeHome.Domain.Auditing;

namespace SafeHome.UnitTests.Auditing;

/// Issue 16 item 4: the allocation-free hasher must seal exactly as the chain always has, or every stored chain would
/// look changed. Checked against the canonical form as it was first written (the serializer over eight strings).
public sealed class ChainHasherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    // Quotes, escapes, controls, HTML-sensitive and non-ASCII characters, separators JSON escapes, a surrogate pair.
    private static readonly string[] Alphabet =
        ["a", "Z", "0", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\0", "\u001f", "\u007f", "<", ">", "&", "'", "+", "`", ",", "[", "]", "{", "}", ":",
         "é", "ß", "漢", "\u2028", "\u2029", "\u200e", "\u202e", "😀", "null"];

    internal static string? RandomText(Random random, double nullShare = 0.15) =>
        random.NextDouble() < nullShare ? null : string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => Alphabet[random.Next(Alphabet.Length)]));

    internal static AuditRow RandomRow(Random random) => new(
        random.NextInt64(long.MinValue, long.MaxValue),
        new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), (DateTimeKind)random.Next(3)),
        RandomText(random),
        RandomText(random),
        RandomText(random),
        RandomText(random),
        RandomText(random),
        random.Next(3) == 0 ? null : new Guid(RandomNumberGenerator.GetBytes(16)),
        RandomText(random));

    private static byte[] FirstCanonical(AuditRow row) => JsonSerializer.SerializeToUtf8Bytes(new string?[]
    {
        row.Sequence.ToString(CultureInfo.InvariantCulture),
        row.OccurredAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        row.UserId,
        row.Action,
        row.EntityType,
        row.EntityKey,
        row.Changes,
        row.ResidentId?.ToString("D"),
    });

    private static string FirstHash(string? previous, AuditRow row) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Key, (byte[])[.. Encoding.ASCII.GetBytes(previous ?? string.Empty), .. FirstCanonical(row)]));

    [Fact]
    public void Writes_the_same_canonical_bytes_as_the_serializer_for_any_row()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            using var hasher = new ChainHasher(Key);
            for (var i = 0; i < 20; i++)
            {
                var row = RandomRow(random);
                Assert.Equal(FirstCanonical(row), hasher.Canonical(row).ToArray());
                Assert.Equal(FirstCanonical(row), AuditChain.Canonical(row));
            }
        }, iter: 500);
    }

    [Fact]
    public void Accepts_exactly_the_seal_the_chain_computes_on_any_previous_hash_and_refuses_any_other()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            using var hasher = new ChainHasher(Key);
            for (var i = 0; i < 20; i++)
            {
                var row = RandomRow(random);
                var previous = random.Next(4) == 0 ? RandomText(random) : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                var sealedRow = row with { Hash = FirstHash(previous, row) };
                Assert.Equal(sealedRow.Hash, AuditChain.ComputeHash(Key, previous, row));
                Assert.True(hasher.Verifies(previous, sealedRow));

                var flipped = sealedRow.Hash!.ToCharArray();
                var at = random.Next(flipped.Length);
                flipped[at] = flipped[at] == '0' ? '1' : '0';
                Assert.False(hasher.Verifies(previous, sealedRow with { Hash = new string(flipped) }));
                Assert.False(hasher.Verifies(previous, sealedRow with { Hash = sealedRow.Hash + "0" }));
                Assert.False(hasher.Verifies(previous + "0", sealedRow));
                Assert.False(hasher.Verifies(previous, sealedRow with { Hash = null }));
                if (sealedRow.Hash.Any(char.IsLetter))
                {
                    Assert.False(hasher.Verifies(previous, sealedRow with { Hash = sealedRow.Hash.ToUpperInvariant() }));
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Ticks_below_a_microsecond_stored_by_hand_are_dropped_as_the_serializer_drops_them()
    {
        using var hasher = new ChainHasher(Key);
        var row = new AuditRow(7, new DateTime(2026, 6, 15, 15, 0, 0, DateTimeKind.Unspecified).AddTicks(123_456_7), "u", "view", "Resident", "k", null, null, null);

        Assert.Equal(FirstCanonical(row), hasher.Canonical(row).ToArray());
        Assert.Contains("2026-06-15T15:00:00.123456", Encoding.UTF8.GetString(hasher.Canonical(row)), StringComparison.Ordinal);
    }
}
