using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SafeHome.Domain.Auditing;

/// Checks seals the way <see cref="AuditChain.ComputeHash(ReadOnlySpan{byte}, string?, in AuditRow)"/> computes them,
/// byte for byte, but into buffers it keeps: verifying millions of entries allocates nothing per entry. One per thread.
public sealed class ChainHasher : IDisposable
{
    private const int HmacLength = 32;

    private readonly IncrementalHash _hmac;
    private readonly ArrayBufferWriter<byte> _canonical = new(1024);
    private readonly Utf8JsonWriter _json;
    private byte[] _previous = new byte[AuditChain.HashLength];

    public ChainHasher(ReadOnlySpan<byte> key)
    {
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        _json = new Utf8JsonWriter(_canonical);
    }

    /// Whether <paramref name="row"/>'s stored hash is the seal of its content chained on <paramref name="previousHash"/>.
    public bool Verifies(string? previousHash, in AuditRow row)
    {
        if (row.Hash is null)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[HmacLength];
        Hash(previousHash, row, hash);
        Span<char> hex = stackalloc char[HmacLength * 2];
        Convert.TryToHexStringLower(hash, hex, out _);
        return row.Hash.AsSpan().SequenceEqual(hex);
    }

    public void Hash(string? previousHash, in AuditRow row, Span<byte> destination)
    {
        var previous = previousHash ?? string.Empty;
        if (_previous.Length < previous.Length)
        {
            _previous = new byte[previous.Length];
        }

        _hmac.AppendData(_previous, 0, Encoding.ASCII.GetBytes(previous, _previous));
        _hmac.AppendData(Canonical(row));
        _hmac.GetHashAndReset(destination);
    }

    /// The same bytes as <see cref="AuditChain.Canonical(in AuditRow)"/>: the writer the serializer uses, with its
    /// default escaping, fed the same eight values; only the numbers, the date and the id are formatted in place.
    public ReadOnlySpan<byte> Canonical(in AuditRow row)
    {
        _canonical.ResetWrittenCount();
        _json.Reset(_canonical);
        _json.WriteStartArray();
        Span<byte> text = stackalloc byte[64];
        row.Sequence.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        _json.WriteStringValue(text[..written]);
        row.OccurredAtUtc.TryFormat(text, out written, AuditChain.DateFormat, CultureInfo.InvariantCulture);
        _json.WriteStringValue(text[..written]);
        Write(row.UserId);
        Write(row.Action);
        Write(row.EntityType);
        Write(row.EntityKey);
        Write(row.Changes);
        if (row.ResidentId is { } resident)
        {
            resident.TryFormat(text, out written, "D");
            _json.WriteStringValue(text[..written]);
        }
        else
        {
            _json.WriteNullValue();
        }

        _json.WriteEndArray();
        _json.Flush();
        return _canonical.WrittenSpan;
    }

    public void Dispose()
    {
        _json.Dispose();
        _hmac.Dispose();
    }

    private void Write(string? value)
    {
        if (value is null)
        {
            _json.WriteNullValue();
        }
        else
        {
            _json.WriteStringValue(value);
        }
    }
}
