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

    /// Optional: a checkpoint copy in a location every node shares and the database server cannot write (a mounted
    /// share, another machine's folder). Several nodes then agree on the highest checkpoint even if one node's data
    /// folder or the database is rolled back.
    public string? SharedCheckpointFile { get; set; }
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
        SharedCheckpointPath = string.IsNullOrWhiteSpace(options.SharedCheckpointFile) ? null : Path.GetFullPath(options.SharedCheckpointFile, dataFolder);
    }

    public SemaphoreSlim WriterLock { get; } = new(1, 1);

    public string CheckpointPath { get; }

    public string? SharedCheckpointPath { get; }

    public byte[] Key => _key;

    /// Whether a key is configured or already on disk. A restore must not run without the site's key: the keeper would
    /// make a new one, and every entry of the restored chain would look changed.
    public static bool HasKey(AuditChainOptions options, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !string.IsNullOrWhiteSpace(options.Key) || File.Exists(KeyPath(options, dataFolder));
    }

    public static string KeyPath(AuditChainOptions options, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.GetFullPath(options.KeyFile, dataFolder);
    }

    /// The checkpoint copies kept in files: this node's and the shared one.
    public IReadOnlyList<ChainCheckpoint> ReadCheckpoints() =>
        [.. new[] { (CheckpointPath, "this node's checkpoint file"), (SharedCheckpointPath, "the shared checkpoint file") }
            .Where(f => f.Item1 is not null && File.Exists(f.Item1))
            .Select(f => Read(f.Item1!, f.Item2))];

    /// Signs the head and writes it to this node's file and the shared one; the caller stores the database copy.
    public ChainCheckpoint WriteCheckpoint(ChainHead head, int generation, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(head);
        var checkpoint = new ChainCheckpoint(head.Sequence, head.Hash, AuditChain.SignCheckpoint(_key, head, generation), nowUtc, Generation: generation);
        foreach (var path in new[] { CheckpointPath, SharedCheckpointPath }.OfType<string>())
        {
            // Never lower a copy another node raised: the highest signed checkpoint is the one that protects the tail.
            // A restore (a later generation) replaces the history, so its checkpoints replace every earlier one.
            if (File.Exists(path) && Read(path, path) is { } existing && AuditChain.IsSigned(_key, existing)
                && (existing.Generation, existing.Sequence).CompareTo((generation, head.Sequence)) > 0)
            {
                continue;
            }

            var temporary = PrivateFiles.CreateFile(path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp");
            File.WriteAllText(temporary, JsonSerializer.Serialize(checkpoint with { Source = null }));
            File.Move(temporary, path, overwrite: true);
        }

        return checkpoint;
    }

    private static ChainCheckpoint Read(string path, string source)
    {
        try
        {
            return (JsonSerializer.Deserialize<ChainCheckpoint>(File.ReadAllText(path)) ?? throw new JsonException()) with { Source = source };
        }
        catch (JsonException)
        {
            // An unreadable checkpoint is as suspicious as a wrong one; verification reports it.
            return new ChainCheckpoint(0, null, "unreadable", DateTime.MinValue, source);
        }
    }

    private static byte[] LoadKey(AuditChainOptions options, string dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            return Validate(Convert.FromBase64String(options.Key.Trim()), "Audit:Key");
        }

        var path = KeyPath(options, dataFolder);
        if (File.Exists(path))
        {
            return Validate(Convert.FromBase64String(File.ReadAllText(path).Trim()), path);
        }

        var key = RandomNumberGenerator.GetBytes(MinimumKeyBytes);

        // Created 600 before the key is written, so it is never readable by others, even for a moment.
        File.WriteAllText(PrivateFiles.CreateFile(path), Convert.ToBase64String(key));
        return key;
    }

    private static byte[] Validate(byte[] key, string source) =>
        key.Length >= MinimumKeyBytes ? key : throw new InvalidOperationException($"The audit chain key from {source} must be at least {MinimumKeyBytes} bytes.");
}
