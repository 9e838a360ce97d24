using System.Security.Cryptography;
using System.Text.Json;
using SafeHome.Domain.Auditing;

namespace SafeHome.Data.Auditing;

public sealed class AuditChainOptions
{
    public const string Section = "Audit";

    /// The chain key as base64 (at least 32 bytes), e.g. from an environment variable or a secret store. Wins over
    /// <see cref="KeyFile"/>.
    public string? Key { get; set; }

    /// A file holding the key; created with a fresh random key on first start when neither is given. Relative paths
    /// resolve against the data folder. Never inside the database: whoever can rewrite the table must not hold it.
    public string KeyFile { get; set; } = "audit-chain.key";

    /// Where the signed checkpoint (sequence, head hash) is written after each successful verification, outside the
    /// database, so a cut-off tail is noticed.
    public string CheckpointFile { get; set; } = "audit-checkpoint.json";
}

/// Holds the chain key, the in-process writer lock and the checkpoint file. One per application: every DbContext of
/// the process seals through the same lock, so the chain stays linear under concurrent requests. Across processes
/// the database's own write lock (SQLite's immediate transaction, PostgreSQL's advisory lock) does the same.
public sealed class AuditChainKeeper
{
    public const int MinimumKeyBytes = 32;

    private readonly byte[] _key;

    public AuditChainKeeper(AuditChainOptions options, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = LoadKey(options, dataFolder);
        CheckpointPath = Path.GetFullPath(options.CheckpointFile, dataFolder);
    }

    public SemaphoreSlim WriterLock { get; } = new(1, 1);

    public string CheckpointPath { get; }

    public byte[] Key => _key;

    public ChainCheckpoint? ReadCheckpoint()
    {
        if (!File.Exists(CheckpointPath))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ChainCheckpoint>(File.ReadAllText(CheckpointPath));
        }
        catch (JsonException)
        {
            // An unreadable checkpoint is as suspicious as a wrong one; verification reports it.
            return new ChainCheckpoint(0, null, "unreadable", DateTime.MinValue);
        }
    }

    public void WriteCheckpoint(ChainHead head, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(head);
        var checkpoint = new ChainCheckpoint(head.Sequence, head.Hash, AuditChain.SignCheckpoint(_key, head), nowUtc);
        Directory.CreateDirectory(Path.GetDirectoryName(CheckpointPath)!);
        var temporary = CheckpointPath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(checkpoint));
        File.Move(temporary, CheckpointPath, overwrite: true);
    }

    private static byte[] LoadKey(AuditChainOptions options, string dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            return Validate(Convert.FromBase64String(options.Key.Trim()), "Audit:Key");
        }

        var path = Path.GetFullPath(options.KeyFile, dataFolder);
        if (File.Exists(path))
        {
            return Validate(Convert.FromBase64String(File.ReadAllText(path).Trim()), path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(MinimumKeyBytes);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }

    private static byte[] Validate(byte[] key, string source) =>
        key.Length >= MinimumKeyBytes ? key : throw new InvalidOperationException($"The audit chain key from {source} must be at least {MinimumKeyBytes} bytes.");
}
