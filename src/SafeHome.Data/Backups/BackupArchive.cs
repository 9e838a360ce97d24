using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SafeHome.Domain.Auditing;

namespace SafeHome.Data.Backups;

/// What a backup holds, written beside the database so a restore can prove it got back exactly that.
/// <param name="Counts">Rows in every table of the copy, by table name.</param>
/// <param name="DatabaseSha256">Of the database file in the archive, so the signature over the manifest covers it.</param>
public sealed record BackupManifest(
    int Format,
    string Version,
    string Migration,
    DateTime TakenAtUtc,
    long HeadSequence,
    string? HeadHash,
    int Generation,
    IReadOnlyDictionary<string, long> Counts,
    string? DatabaseSha256 = null);

/// One zip file: the database copy, its manifest and the signed checkpoint at its head. Created private (600) in a
/// private staging folder and moved into place whole, so no reader ever sees half an archive or a readable one.
/// The manifest carries the database file's SHA-256 and is signed with the audit key: the chain only covers the audit
/// table, and a backup edited without the key (a note's text, a placement) must not restore as the site's own.
public static class BackupArchive
{
    public const int Format = 1;
    public const string DatabaseEntry = "safehome.db";
    public const string ManifestEntry = "manifest.json";
    public const string SignatureEntry = "manifest.sig";
    public const string CheckpointEntry = "checkpoint.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Write(string path, string stagingFolder, string databaseFile, BackupManifest manifest, ChainCheckpoint? checkpoint, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest with { DatabaseSha256 = Sha256(databaseFile) }, Json);
        var temporary = PrivateFiles.CreateFile(Path.Combine(stagingFolder, "archive.zip"));
        using (var file = new FileStream(temporary, FileMode.Truncate, FileAccess.Write))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(databaseFile, DatabaseEntry, CompressionLevel.Optimal);
            WriteBytes(zip, ManifestEntry, manifestBytes);
            WriteBytes(zip, SignatureEntry, Encoding.ASCII.GetBytes(Sign(key, manifestBytes)));
            if (checkpoint is not null)
            {
                WriteJson(zip, CheckpointEntry, checkpoint with { Source = null });
            }
        }

        PrivateFiles.CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.Move(temporary, path, overwrite: true);
    }

    /// Reads the manifest and checkpoint and extracts the database to <paramref name="databaseFile"/> (created private),
    /// after proving with <paramref name="key"/> that none of them changed since the backup was written. Anything else
    /// ends as <see cref="InvalidDataException"/> with a sentence for the operator.
    public static (BackupManifest Manifest, ChainCheckpoint? Checkpoint) Read(string path, string databaseFile, byte[] key)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var manifestBytes = ReadBytes(zip, ManifestEntry) ?? throw new InvalidDataException($"{path} has no manifest; it is not a SafeHome backup.");
            var manifest = JsonSerializer.Deserialize<BackupManifest>(manifestBytes) ?? throw new InvalidDataException($"{path} has an empty manifest.");
            var signature = ReadBytes(zip, SignatureEntry) is { } bytes ? Encoding.ASCII.GetString(bytes) : string.Empty;
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(key, manifestBytes)), Encoding.ASCII.GetBytes(signature)))
            {
                throw new InvalidDataException($"{path} was not signed with this site's audit key, or its manifest was changed after it was written; nothing was restored.");
            }

            if (manifest.Format != Format)
            {
                throw new InvalidDataException($"{path} is a backup of format {manifest.Format}; this version reads format {Format}.");
            }

            var checkpoint = ReadJson<ChainCheckpoint>(zip, CheckpointEntry);
            var database = zip.GetEntry(DatabaseEntry) ?? throw new InvalidDataException($"{path} holds no database.");
            PrivateFiles.CreateFile(databaseFile);
            using (var source = database.Open())
            using (var target = new FileStream(databaseFile, FileMode.Truncate, FileAccess.Write))
            {
                source.CopyTo(target);
            }

            if (!string.Equals(Sha256(databaseFile), manifest.DatabaseSha256, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The database in {path} was changed after the backup was written (it no longer matches its signed manifest); nothing was restored.");
            }

            return (manifest, checkpoint is null ? null : checkpoint with { Source = "the backup's checkpoint" });
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException && e is not FileNotFoundException)
        {
            throw new InvalidDataException(e is InvalidDataException && e.Message.Contains(path, StringComparison.Ordinal)
                ? e.Message
                : $"{path} cannot be read as a SafeHome backup ({e.Message})", e);
        }
    }

    private static string Sign(byte[] key, byte[] manifest) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, (byte[])[.. "backup-manifest|"u8, .. manifest]));

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static void WriteJson<T>(ZipArchive zip, string name, T value) => WriteBytes(zip, name, JsonSerializer.SerializeToUtf8Bytes(value, Json));

    private static void WriteBytes(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(bytes);
    }

    private static T? ReadJson<T>(ZipArchive zip, string name) => ReadBytes(zip, name) is { } bytes ? JsonSerializer.Deserialize<T>(bytes) : default;

    private static byte[]? ReadBytes(ZipArchive zip, string name)
    {
        if (zip.GetEntry(name) is not { } entry)
        {
            return null;
        }

        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
