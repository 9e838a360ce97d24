using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data.Auditing;
using SafeHome.Data.Backups;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using static SafeHome.IntegrationTests.Infrastructure.OperatorVerbs;

namespace SafeHome.IntegrationTests.Operations;

/// The backup and restore verbs as an operator runs them, against a site that keeps working (issue 14, item 3).
public sealed class BackupRestoreTests
{
    // Rows the restore itself adds: its own audit entry, and the verification that re-anchors the checkpoints.
    private static readonly string[] WrittenByRestore = ["AuditEntries", "AuditCheckpoints", "IntegrityChecks"];

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task A_backup_taken_while_writers_go_on_restores_into_a_new_folder_intact_with_every_count_equal_and_private_under_umask_022()
    {
        var (site, restored, backups) = (NewFolder(), NewFolder(), NewFolder());
        var previous = Umask(Convert.ToUInt32("022", 8));
        try
        {
            await using var app = new SafeHomeApp(folder: site);
            await app.InitializeAsync();
            var counselor = await app.CreateStaffAsync(Roles.Counselor);
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
            {
                var written = 0;
                while (!stop.IsCancellationRequested)
                {
                    await app.CreateResidentAsync(counselor.Id, "Quill Writer", "Quill Q. Writer");
                    written++;
                }

                return written;
            })).ToList();
            await WaitUntilAsync(async () => await HeadAsync(app) > 20);

            var archive = Path.Combine(backups, "nightly", "safehome.zip");
            var output = new StringWriter();
            Assert.Equal(0, await RunAsync([$"--Database:DataFolder={site}", "--environment=Development", "backup", "--to", archive], output: output));
            var manifest = Manifest(archive);

            // The writers were still going when the snapshot was taken, and go on past it.
            await WaitUntilAsync(async () => await HeadAsync(app) > manifest.HeadSequence + 10);
            await stop.CancelAsync();
            Assert.True((await Task.WhenAll(writers)).Sum() > 0);
            Assert.Contains($"audit entries up to {manifest.HeadSequence}", output.ToString(), StringComparison.Ordinal);

            var key = $"--Audit:Key={Convert.ToBase64String(app.Services.GetRequiredService<AuditChainKeeper>().Key)}";
            var fieldKeys = $"--Encryption:Keys={(await File.ReadAllTextAsync(Path.Combine(site, "field-encryption.keys"), TestContext.Current.CancellationToken)).Trim()}";
            Assert.Equal(0, await RunAsync([$"--Database:DataFolder={restored}", key, fieldKeys, "restore", "--from", archive]));
            var verify = new StringWriter();
            Assert.Equal(0, await RunAsync([$"--Database:DataFolder={restored}", key, fieldKeys, "verify-audit"], output: verify));
            Assert.StartsWith("Audit chain intact", verify.ToString(), StringComparison.Ordinal);

            // Every table holds exactly what the manifest says; the restore adds only its own audit entry and check.
            var counts = Counts(Path.Combine(restored, "safehome.db"));
            Assert.Equal(manifest.Counts.Keys.Order(), counts.Keys.Order());
            Assert.Equal(
                manifest.Counts.Where(c => !WrittenByRestore.Contains(c.Key)),
                counts.Where(c => !WrittenByRestore.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal));
            Assert.Equal(manifest.Counts["AuditEntries"] + 1, counts["AuditEntries"]);
            Assert.True(manifest.Counts["Residents"] > 0);

            // One consistent snapshot: the restored history is exactly the live one up to the backup's head.
            var live = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Sequence <= manifest.HeadSequence).OrderBy(a => a.Sequence).Select(a => a.Hash).ToListAsync());
            Assert.Equal(live, Hashes(Path.Combine(restored, "safehome.db"), manifest.HeadSequence));

            Assert.Equal(Private, File.GetUnixFileMode(archive));
            Assert.Equal(Private | UnixFileMode.UserExecute, File.GetUnixFileMode(restored));
            Assert.All(Directory.GetFiles(restored), f => Assert.Equal((Path.GetFileName(f), Private), (Path.GetFileName(f), File.GetUnixFileMode(f))));
            Assert.Equal([archive], Directory.GetFiles(Path.GetDirectoryName(archive)!));
        }
        finally
        {
            _ = Umask(previous);
            DeleteFolder(site);
            DeleteFolder(restored);
            DeleteFolder(backups);
        }
    }

    [Fact]
    public async Task An_older_backup_is_refused_with_the_entries_it_lacks_until_confirmed_with_a_reason_and_then_every_node_agrees()
    {
        var (siteA, siteC, nodeD, backups) = (NewFolder(), NewFolder(), NewFolder(), NewFolder());
        var shared = Path.Combine(backups, "shared-checkpoint.json");
        try
        {
            await using var app = new SafeHomeApp(folder: siteA) { Settings = { ["Audit:SharedCheckpointFile"] = shared } };
            await app.InitializeAsync();
            var counselor = await app.CreateStaffAsync(Roles.Counselor);
            await app.CreateResidentAsync(counselor.Id);
            var key = $"--Audit:Key={Convert.ToBase64String(app.Services.GetRequiredService<AuditChainKeeper>().Key)}";
            var archive = Path.Combine(backups, "monday.zip");
            Assert.Equal(0, await RunAsync([$"--Database:DataFolder={siteA}", "--environment=Development", "backup", "--to", archive]));
            var backupHead = Manifest(archive).HeadSequence;

            // The site goes on after the backup, and a nightly check vouches for the newer history.
            await app.CreateResidentAsync(counselor.Id, "Later Example", "Later Q. Example");
            var checkedHead = await app.WithDbAsync(async db =>
            {
                var report = await new AuditChainVerifier(db, app.Services.GetRequiredService<AuditChainKeeper>(), TimeProvider.System).VerifyAsync(IntegrityCheckSource.Command, null);
                return report.Head.Sequence;
            });
            Assert.True(checkedHead > backupHead);

            // The field key ring and the key ring protection key travel with the audit key, from custody, never in the
            // backup (README: key custody).
            Directory.CreateDirectory(siteC);
            File.Copy(Path.Combine(siteA, "field-encryption.keys"), Path.Combine(siteC, "field-encryption.keys"));
            File.Copy(Path.Combine(siteA, "key-ring-protection.keys"), Path.Combine(siteC, "key-ring-protection.keys"));
            string[] nodeC = [$"--Database:DataFolder={siteC}", key, $"--Audit:SharedCheckpointFile={shared}"];
            var refusal = new StringWriter();
            Assert.Equal(1, await RunAsync([.. nodeC, "restore", "--from", archive], error: refusal));
            Assert.Contains($"Entries {backupHead + 1} to {checkedHead} ({checkedHead - backupHead} entries", refusal.ToString(), StringComparison.Ordinal);
            Assert.Contains("--confirm-older", refusal.ToString(), StringComparison.Ordinal);
            Assert.True(IsEmptyDatabase(Path.Combine(siteC, "safehome.db")));
            Assert.Equal(2, await RunAsync([.. nodeC, "restore", "--from", archive, "--confirm-older", "  "], error: new StringWriter()));
            Assert.True(IsEmptyDatabase(Path.Combine(siteC, "safehome.db")));

            const string Reason = "Drill: the disk under node A failed; the Monday backup is the last good one";
            var restored = new StringWriter();
            Assert.Equal(0, await RunAsync([.. nodeC, "restore", "--from", archive, "--confirm-older", Reason], output: restored));
            Assert.Contains($"entries {backupHead + 1} to {checkedHead} of the site's earlier history are not in it", restored.ToString(), StringComparison.Ordinal);
            Assert.Equal(0, await RunAsync([.. nodeC, "verify-audit"]));

            // The restore is in the history, with the reason and what was given up.
            var last = LastEntry(Path.Combine(siteC, "safehome.db"));
            Assert.Equal((backupHead + 1, AuditActions.BackupRestored), (last.Sequence, last.Action));
            var record = RestoreRecord.Parse(last.Changes)!;
            Assert.Equal((Reason, backupHead + 1, checkedHead, backupHead), (record.Reason, record.LackedFromSequence, record.LackedThroughSequence, record.BackupHeadSequence));

            // The auditor sees it on the integrity page.
            await using (var viewer = new SafeHomeApp(folder: siteC) { Settings = { ["Audit:Key"] = key["--Audit:Key=".Length..] } })
            {
                await viewer.InitializeAsync();
                var (_, auditor) = await viewer.SignInNewAsync(Roles.Auditor);
                var page = await auditor.GetStringAsync(new Uri("/Audit/Verify", UriKind.Relative), TestContext.Current.CancellationToken);
                Assert.Contains(Reason, page, StringComparison.Ordinal);
                Assert.Contains($"<td>{backupHead + 1} to {checkedHead}</td>", page, StringComparison.Ordinal);
            }

            // A node that last checked before the restore still holds its old checkpoint: no false alarm there.
            Directory.CreateDirectory(nodeD);
            File.Copy(Path.Combine(siteA, "audit-checkpoint.json"), Path.Combine(nodeD, "audit-checkpoint.json"));
            string[] onD = [$"--Database:DataFolder={nodeD}", $"--Database:ConnectionString=Data Source={Path.Combine(siteC, "safehome.db")}", key, $"--Audit:SharedCheckpointFile={shared}"];
            var dOutput = new StringWriter();
            Assert.Equal(0, await RunAsync([.. onD, "verify-audit"], output: dOutput));
            Assert.StartsWith("Audit chain intact", dOutput.ToString(), StringComparison.Ordinal);

            // Cutting the restore entry off (to hide it) is caught: the checkpoints now postdate a restore the chain lacks.
            Sql(Path.Combine(siteC, "safehome.db"), $"DROP TRIGGER \"AuditEntries_no_delete\"; DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {backupHead};");
            var broken = new StringWriter();
            Assert.Equal(1, await RunAsync([.. nodeC, "verify-audit"], output: broken, error: new StringWriter()));
            Assert.Contains("Truncated", broken.ToString(), StringComparison.Ordinal);
            Assert.Contains("no longer in the chain", broken.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            DeleteFolder(siteA);
            DeleteFolder(siteC);
            DeleteFolder(nodeD);
            DeleteFolder(backups);
        }
    }

    public static TheoryData<string> Refusals =>
        ["occupied", "no key", "no field keys", "other key", "changed without the key", "manifest edited", "damaged when signed", "not matching its signed manifest", "not a backup"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_restore_that_cannot_be_proved_changes_nothing_and_says_why(string problem)
    {
        var (site, target, backups) = (NewFolder(), NewFolder(), NewFolder());
        try
        {
            await using var app = new SafeHomeApp(folder: site);
            await app.InitializeAsync();
            await app.CreateResidentAsync(null);
            var archive = Path.Combine(backups, "safehome.zip");
            Assert.Equal(0, await RunAsync([$"--Database:DataFolder={site}", "--environment=Development", "backup", "--to", archive]));
            var siteKey = app.Services.GetRequiredService<AuditChainKeeper>().Key;
            var key = Convert.ToBase64String(siteKey);
            var fieldKeys = (await File.ReadAllTextAsync(Path.Combine(site, "field-encryption.keys"), TestContext.Current.CancellationToken)).Trim();
            var database = Path.Combine(target, "safehome.db");
            string? expected = null;
            var exitExpected = 1;
            switch (problem)
            {
                case "occupied":
                    Directory.CreateDirectory(target);
                    File.Copy(Path.Combine(site, "safehome.db"), database);
                    (expected, exitExpected) = ("already holds a database", 2);
                    break;
                case "no key":
                    key = string.Empty;
                    (expected, exitExpected) = ("The audit key is not here", 2);
                    break;
                case "no field keys":
                    fieldKeys = string.Empty;
                    (expected, exitExpected) = ("The field encryption keys are not here", 2);
                    break;
                case "other key":
                    key = Convert.ToBase64String(new byte[32]);
                    expected = "was not signed with this site's audit key";
                    break;
                case "changed without the key":
                    // Someone who holds a backup but not the key rewrites a record; the audit chain does not cover it.
                    Rewrite(archive, file => Sql(file, "UPDATE \"Residents\" SET \"PreferredName\" = 'Forged Example';"));
                    expected = "was changed after the backup was written";
                    break;
                case "manifest edited":
                    Rewrite(archive, _ => { }, manifest => manifest with { HeadSequence = manifest.HeadSequence + 5 });
                    expected = "its manifest was changed after it was written";
                    break;
                case "damaged when signed":
                    Rewrite(archive, file => Sql(file, "PRAGMA writable_schema=ON; UPDATE sqlite_master SET rootpage = 99999 WHERE name = 'Residents';"), signWith: siteKey);
                    expected = "The database in the backup is damaged";
                    break;
                case "not matching its signed manifest":
                    Rewrite(archive, file => Sql(file, "DELETE FROM \"AspNetRoles\";"), signWith: siteKey);
                    expected = "is not the one its manifest describes (AspNetRoles: manifest 4, database 0)";
                    break;
                case "not a backup":
                    await File.WriteAllTextAsync(archive, "these are not the files you are looking for", TestContext.Current.CancellationToken);
                    expected = "cannot be read as a SafeHome backup";
                    break;
            }

            var before = File.Exists(database) ? await File.ReadAllBytesAsync(database, TestContext.Current.CancellationToken) : null;
            var error = new StringWriter();
            string[] keyOption = key.Length == 0 ? [] : [$"--Audit:Key={key}"];
            string[] fieldKeyOption = fieldKeys.Length == 0 ? [] : [$"--Encryption:Keys={fieldKeys}"];

            var exit = await RunAsync([$"--Database:DataFolder={target}", .. keyOption, .. fieldKeyOption, "restore", "--from", archive], error: error);

            Assert.Equal(exitExpected, exit);
            Assert.Contains(expected!, error.ToString(), StringComparison.Ordinal);
            if (before is null)
            {
                Assert.True(IsEmptyDatabase(database));
            }
            else
            {
                Assert.Equal(before, await File.ReadAllBytesAsync(database, TestContext.Current.CancellationToken));
            }

            Assert.False(File.Exists(Path.Combine(target, "audit-chain.key")), "a restore must never make up a key");
            Assert.False(File.Exists(Path.Combine(target, "field-encryption.keys")), "a restore must never make up field keys");
            Assert.False(File.Exists(database + ".restoring"));
        }
        finally
        {
            DeleteFolder(site);
            DeleteFolder(target);
            DeleteFolder(backups);
        }
    }

    private static async Task<long> HeadAsync(SafeHomeApp app) =>
        await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Sequence)) ?? 0;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300 && !await condition(); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(await condition());
    }

    private static BackupManifest Manifest(string archive)
    {
        using var zip = ZipFile.OpenRead(archive);
        using var stream = zip.GetEntry(BackupArchive.ManifestEntry)!.Open();
        return JsonSerializer.Deserialize<BackupManifest>(stream)!;
    }

    // Alters the database (or the manifest) inside an archive. Without signWith the old manifest and its signature stay,
    // as whoever lacks the key must leave them; with it the archive is rewritten as the key holder's backup verb would.
    private static void Rewrite(string archive, Action<string> alter, Func<BackupManifest, BackupManifest>? manifest = null, byte[]? signWith = null)
    {
        var staging = Directory.CreateTempSubdirectory("safehome-tests-archive").FullName;
        var file = Path.Combine(staging, BackupArchive.DatabaseEntry);
        BackupManifest original;
        ChainCheckpoint? checkpoint;
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(BackupArchive.DatabaseEntry)!;
            entry.ExtractToFile(file);
            alter(file);
            original = Read<BackupManifest>(zip, BackupArchive.ManifestEntry);
            checkpoint = Read<ChainCheckpoint>(zip, BackupArchive.CheckpointEntry);
            if (signWith is null)
            {
                entry.Delete();
                zip.CreateEntryFromFile(file, BackupArchive.DatabaseEntry);
                if (manifest is not null)
                {
                    zip.GetEntry(BackupArchive.ManifestEntry)!.Delete();
                    using var stream = zip.CreateEntry(BackupArchive.ManifestEntry).Open();
                    JsonSerializer.Serialize(stream, manifest(original));
                }
            }
        }

        if (signWith is not null)
        {
            BackupArchive.Write(archive, staging, file, manifest?.Invoke(original) ?? original, checkpoint, signWith);
        }

        Directory.Delete(staging, recursive: true);
    }

    private static T Read<T>(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        return JsonSerializer.Deserialize<T>(stream)!;
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Sql(string file, string sql)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SortedDictionary<string, long> Counts(string file)
    {
        using var connection = Open(file);
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)command.ExecuteScalar()!;
        }

        return counts;
    }

    private static List<string?> Hashes(string file, long through)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Hash FROM AuditEntries WHERE Sequence <= {through} ORDER BY Sequence";
        using var reader = command.ExecuteReader();
        var hashes = new List<string?>();
        while (reader.Read())
        {
            hashes.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return hashes;
    }

    private static (long Sequence, string Action, string? Changes) LastEntry(string file)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Sequence, Action, Changes FROM AuditEntries ORDER BY Sequence DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    private static bool IsEmptyDatabase(string file) => !File.Exists(file) || new FileInfo(file).Length == 0;
}
