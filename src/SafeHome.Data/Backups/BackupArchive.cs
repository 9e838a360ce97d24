using System.IO.Compression;
using System.Text.Json;
using SafeHome.Domain.Auditing;

namespace SafeHome.Data.Backups;

/// What a backup holds, written beside the database so a restore can prove it got back exactly that.
/// <param name="Counts">Rows in every table of the copy, by table name.</param>
public sealed record BackupManifest(
    int Format,
    string Version,
    string Migration,
    DateTime TakenAtUtc,
    long HeadSequence,
    string? HeadHash,
    int Generation,
    IReadOnlyDictionary<string, long> Counts);

/// One zip file: the database copy, its manifest and the signed checkpoint at its head. Created private (600) in a
/// private staging folder and moved into place whole, so no reader ever sees half an archive or a readable one.
public static class BackupArchive
{
    public const int Format = 1;
    public const string DatabaseEntry = "safehome.db";
    public const string ManifestEntry = "manifest.json";
    public const string CheckpointEntry = "checkpoint.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Write(string path, string stagingFolder, string databaseFile, BackupManifest manifest, ChainCheckpoint? checkpoint)
    {
        var temporary = PrivateFiles.CreateFile(Path.Combine(stagingFolder, "archive.zip"));
        using (var file = new FileStream(temporary, FileMode.Truncate, FileAccess.Write))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(databaseFile, DatabaseEntry, CompressionLevel.Optimal);
            WriteJson(zip, ManifestEntry, manifest);
            if (checkpoint is not null)
            {
                WriteJson(zip, CheckpointEntry, checkpoint with { Source = null });
            }
        }

        PrivateFiles.CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.Move(temporary, path, overwrite: true);
    }

    /// Reads the manifest and checkpoint and extracts the database to <paramref name="databaseFile"/> (created private).
    /// Anything that is not a SafeHome archive ends as <see cref="InvalidDataException"/> with a sentence for the operator.
    public static (BackupManifest Manifest, ChainCheckpoint? Checkpoint) Read(string path, string databaseFile)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var manifest = ReadJson<BackupManifest>(zip, ManifestEntry) ?? throw new InvalidDataException($"{path} has no manifest; it is not a SafeHome backup.");
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

            return (manifest, checkpoint is null ? null : checkpoint with { Source = "the backup's checkpoint" });
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException && e is not FileNotFoundException)
        {
            throw new InvalidDataException(e is InvalidDataException && e.Message.Contains(path, StringComparison.Ordinal)
                ? e.Message
                : $"{path} cannot be read as a SafeHome backup ({e.Message})", e);
        }
    }

    private static void WriteJson<T>(ZipArchive zip, string name, T value)
    {
        using var stream = zip.CreateEntry(name).Open();
        JsonSerializer.Serialize(stream, value, Json);
    }

    private static T? ReadJson<T>(ZipArchive zip, string name)
    {
        if (zip.GetEntry(name) is not { } entry)
        {
            return default;
        }

        using var stream = entry.Open();
        return JsonSerializer.Deserialize<T>(stream);
    }
}
