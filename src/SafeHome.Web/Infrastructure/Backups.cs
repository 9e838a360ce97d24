using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Data.Backups;
using SafeHome.Data.Encryption;
using SafeHome.Domain.Auditing;

namespace SafeHome.Web.Infrastructure;

/// The backup and restore verbs. A backup is taken with SQLite's online backup API (one consistent snapshot while
/// writers go on; a file copy of a live WAL database can be torn), checked like a restore would check it, and written
/// as one private archive. A restore goes only into an empty data folder, proves the copy (integrity check, manifest
/// counts, audit chain, its signed checkpoint) before anything is put in place, and refuses to roll the site back past
/// its own checkpoints unless the operator confirms with a reason, which becomes an entry in the chain.
public static class Backups
{
    public const string PostgresAdvice = """
        On PostgreSQL the database server takes the backup: pg_dump --format=custom --file=FILE DATABASE takes one
        consistent snapshot while SafeHome runs, and pg_restore --dbname=DATABASE FILE puts it into an empty database.
        Keep the audit key and the checkpoint files apart from the dump. After pg_restore, run `restore` (without
        --from): it checks the restored chain against the site's checkpoints and, for a dump older than them, says which
        entries it lacks and records the restore once you confirm it with --confirm-older "reason".
        """;

    public static async Task<int> BackupAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>();
        if (!db.Database.IsSqlite())
        {
            await error.WriteAsync(PostgresAdvice);
            return 2;
        }

        if (!options.TryGetValue("to", out var to) || string.IsNullOrWhiteSpace(to))
        {
            await error.WriteLineAsync("usage: backup --to FILE");
            return 2;
        }

        var destination = Path.GetFullPath(to);
        if (Directory.Exists(destination))
        {
            await error.WriteLineAsync($"{destination} is a folder; give the archive's file name, for example {Path.Combine(destination, "safehome-backup.zip")}.");
            return 2;
        }

        var keeper = services.GetRequiredService<AuditChainKeeper>();
        var takenAt = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        // Staged beside the destination (same file system, so the archive is moved into place whole) in a private folder.
        var staging = PrivateFiles.CreateFolder(Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.partial"));
        try
        {
            var copy = PrivateFiles.CreateFile(Path.Combine(staging, BackupArchive.DatabaseEntry));
            await using (var source = new SqliteConnection(db.Database.GetConnectionString()))
            await using (var target = new SqliteConnection(Private(copy)))
            {
                await source.OpenAsync();
                await target.OpenAsync();
                await ExecuteAsync(source, "PRAGMA busy_timeout=5000;");
                source.BackupDatabase(target);

                // The copy stands alone in the archive: no -wal file beside it.
                await ExecuteAsync(target, "PRAGMA journal_mode=DELETE;");
            }

            var (manifest, chain) = await DescribeAsync(copy, keeper.Key, [], takenAt);
            var checkpoint = chain.Intact
                ? new ChainCheckpoint(chain.Head.Sequence, chain.Head.Hash, AuditChain.SignCheckpoint(keeper.Key, chain.Head, chain.Generation), takenAt, Generation: chain.Generation)
                : null;
            BackupArchive.Write(destination, staging, copy, manifest, checkpoint, keeper.Key);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Backup written to {destination} ({new FileInfo(destination).Length / 1024.0:0.#} KB): {manifest.Counts.Count} tables, audit entries up to {manifest.HeadSequence}. Keep it apart from the audit key."));
            if (!chain.Intact)
            {
                // Kept as evidence, but without a checkpoint: nobody should restore a chain that does not verify.
                await error.WriteLineAsync($"The audit chain in this backup is BROKEN, so it carries no checkpoint and restore will refuse it: {chain.Message}");
                return 1;
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(staging, recursive: true);
        }
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, string dataFolder, IReadOnlyDictionary<string, string> options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var reason = options.TryGetValue("confirm-older", out var r) ? r.Trim() : null;
        if (reason is { Length: 0 or > RestoreRecord.ReasonMaxLength })
        {
            await error.WriteLineAsync($"--confirm-older needs the reason for restoring an older backup (1 to {RestoreRecord.ReasonMaxLength} characters); it is kept in the audit history.");
            return 2;
        }

        var auditOptions = services.GetRequiredService<AuditChainOptions>();
        if (!AuditChainKeeper.HasKey(auditOptions, dataFolder))
        {
            await error.WriteLineAsync($"The audit key is not here. Put the site's key file at {AuditChainKeeper.KeyPath(auditOptions, dataFolder)} (mode 600) or set Audit:Key, then run restore again; with a new key every entry of the restored history would look changed.");
            return 2;
        }

        // Checked before anything opens the database, which would make a new field key ring.
        var fieldOptions = services.GetRequiredService<FieldEncryptionOptions>();
        if (string.IsNullOrWhiteSpace(fieldOptions.Keys) && !File.Exists(FieldKeyRing.KeyPath(fieldOptions, dataFolder)))
        {
            await error.WriteLineAsync($"The field encryption keys are not here. Put the site's key file at {FieldKeyRing.KeyPath(fieldOptions, dataFolder)} (mode 600) or set Encryption:Keys, then run restore again; with new keys the restored names and notes could not be read.");
            return 2;
        }

        var keeper = services.GetRequiredService<AuditChainKeeper>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        string connectionString;
        await using (var scope = services.CreateAsyncScope())
        {
            var database = scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>().Database;
            if (!database.IsSqlite())
            {
                if (options.ContainsKey("from"))
                {
                    await error.WriteAsync(PostgresAdvice);
                    return 2;
                }

                var (code, record) = await AdoptAsync(services, scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>(), null, reason, error);
                return record is null ? code : await RecordAsync(services, record, now, output, error);
            }

            connectionString = database.GetConnectionString()!;
        }

        if (!options.TryGetValue("from", out var from) || string.IsNullOrWhiteSpace(from))
        {
            await error.WriteLineAsync("usage: restore --from FILE [--confirm-older \"reason\"]");
            return 2;
        }

        var databaseFile = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        if (!IsEmpty(databaseFile))
        {
            await error.WriteLineAsync($"{databaseFile} already holds a database. Restore goes only into an empty data folder: stop SafeHome, move the folder aside (keep it until the restore is checked), and run restore again.");
            return 2;
        }

        if (!File.Exists(from))
        {
            await error.WriteLineAsync($"There is no backup at {Path.GetFullPath(from)}.");
            return 2;
        }

        var staging = databaseFile + ".restoring";
        RestoreRecord? restore;
        try
        {
            BackupManifest manifest;
            ChainCheckpoint? checkpoint;
            try
            {
                (manifest, checkpoint) = BackupArchive.Read(from, staging, keeper.Key);
            }
            catch (InvalidDataException e)
            {
                await error.WriteLineAsync(e.Message);
                return 1;
            }

            ChainReport? chain;
            try
            {
                chain = await ProveCopyAsync(staging, manifest, checkpoint, keeper.Key, error);
            }
            catch (SqliteException e)
            {
                // Damage bad enough that SQLite cannot even read the schema never reaches the integrity check's answer.
                await error.WriteLineAsync($"The database in the backup is damaged ({e.Message}); nothing was restored.");
                return 1;
            }

            if (chain is null)
            {
                return 1;
            }

            await using (var copy = Open(staging))
            {
                (var code, restore) = await AdoptAsync(services, copy, manifest, reason, error, chain);
                if (restore is null)
                {
                    return code;
                }
            }

            SqliteConnection.ClearAllPools();
            File.Move(staging, databaseFile, overwrite: true);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(staging);
        }

        return await RecordAsync(services, restore, now, output, error);
    }

    // The copy must be exactly what the manifest says, undamaged, and its chain must verify against the checkpoint signed
    // when it was taken. Returns the chain report, or null after saying what is wrong.
    private static async Task<ChainReport?> ProveCopyAsync(string file, BackupManifest manifest, ChainCheckpoint? checkpoint, byte[] key, TextWriter error)
    {
        await using (var connection = new SqliteConnection(Private(file)))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            var integrity = (string?)await command.ExecuteScalarAsync();
            if (integrity != "ok")
            {
                await error.WriteLineAsync($"The database in the backup is damaged (PRAGMA integrity_check: {integrity}); nothing was restored.");
                return null;
            }
        }

        var (found, _) = await DescribeAsync(file, key, [], manifest.TakenAtUtc, chain: false);
        var differences = manifest.Counts.Keys.Union(found.Counts.Keys)
            .Where(t => manifest.Counts.GetValueOrDefault(t, -1) != found.Counts.GetValueOrDefault(t, -1))
            .Select(t => $"{t}: manifest {manifest.Counts.GetValueOrDefault(t)}, database {found.Counts.GetValueOrDefault(t)}")
            .ToList();
        if (differences.Count > 0 || found.Migration != manifest.Migration)
        {
            await error.WriteLineAsync($"The database in the backup is not the one its manifest describes ({string.Join("; ", differences.Append(found.Migration != manifest.Migration ? $"migration: manifest {manifest.Migration}, database {found.Migration}" : "").Where(d => d.Length > 0))}); nothing was restored.");
            return null;
        }

        if (checkpoint is null)
        {
            await error.WriteLineAsync("The backup carries no signed checkpoint (its audit chain did not verify when it was taken); nothing was restored.");
            return null;
        }

        await using (var copy = Open(file))
        {
            var known = copy.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
            if (!known.Contains(manifest.Migration))
            {
                await error.WriteLineAsync($"The backup was taken by a newer SafeHome (schema {manifest.Migration}, version {manifest.Version}); restore it with that version or a later one.");
                return null;
            }

            // Brought to this version's schema before the chain is read: the verifier reads today's columns.
            await copy.Database.MigrateAsync();
            var chain = await AuditChainVerifier.CheckAsync(copy, key, [checkpoint]);
            if (!chain.Intact || chain.Head.Sequence != manifest.HeadSequence || chain.Head.Hash != manifest.HeadHash)
            {
                await error.WriteLineAsync($"The audit chain in the backup does not verify with this site's key ({chain.Message}); nothing was restored. A different key file is the usual cause.");
                return null;
            }

            return chain;
        }
    }

    // Compares the chain about to become the site's (the backup's, or on PostgreSQL the database pg_restore filled) with
    // the checkpoints the site kept outside the database. An older chain needs the operator's confirmed reason.
    private static async Task<(int Code, RestoreRecord? Record)> AdoptAsync(IServiceProvider services, SafeHomeDbContext candidate, BackupManifest? manifest, string? reason, TextWriter error, ChainReport? chain = null)
    {
        var keeper = services.GetRequiredService<AuditChainKeeper>();
        chain ??= await AuditChainVerifier.CheckAsync(candidate, keeper.Key, []);
        if (!chain.Intact)
        {
            await error.WriteLineAsync($"The restored audit chain does not verify: {chain.Message}");
            return (1, null);
        }

        var site = keeper.ReadCheckpoints();
        if (site.FirstOrDefault(c => !AuditChain.IsSigned(keeper.Key, c)) is { } unsigned)
        {
            await error.WriteLineAsync($"The checkpoint in {unsigned.Source} is not signed with this site's key; check that the key file is the site's own before restoring.");
            return (1, null);
        }

        foreach (var checkpoint in site.Where(c => c.Generation == chain.Generation && c.Sequence <= chain.Head.Sequence))
        {
            var hash = await candidate.AuditEntries.Where(a => a.Sequence == checkpoint.Sequence).Select(a => a.Hash).FirstOrDefaultAsync();
            if (hash != checkpoint.Hash)
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"This backup is not from this site's history: entry {checkpoint.Sequence} differs from the one {checkpoint.Source} vouches for. Nothing was restored."));
                return (1, null);
            }
        }

        var newer = site.Where(c => (c.Generation, c.Sequence).CompareTo((chain.Generation, chain.Head.Sequence)) > 0).MaxBy(c => (c.Generation, c.Sequence));
        var record = new RestoreRecord(
            Math.Max(chain.Generation, site.Select(c => c.Generation).DefaultIfEmpty().Max()) + 1,
            chain.Head.Sequence,
            manifest?.TakenAtUtc,
            newer is null ? null : chain.Head.Sequence + 1,
            newer?.Sequence,
            reason);
        if (newer is not null && reason is null)
        {
            var lacking = newer.Sequence - chain.Head.Sequence;
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"""
                This backup is older than this site's checkpoint. It ends at audit entry {chain.Head.Sequence}{(manifest is null ? "" : $" (taken {manifest.TakenAtUtc:yyyy-MM-dd HH:mm} UTC)")}; the checkpoint in {newer.Source}, written {newer.WrittenAtUtc:yyyy-MM-dd HH:mm} UTC, vouches for entries up to {newer.Sequence}{(newer.Generation > chain.Generation ? " after a later restore" : "")}.
                Entries {chain.Head.Sequence + 1} to {newer.Sequence} ({lacking} entries, and whatever records they describe) are not in this backup and would be lost. Nothing was restored.
                To restore it anyway, run the same command with --confirm-older "why"; the reason is kept in the audit history and the checkpoints start again from the restored history.
                """));
            return (1, null);
        }

        return (0, record);
    }

    // The restore becomes the next entry of the chain, and a fresh verification writes the checkpoint of its new
    // generation to the database and every checkpoint file.
    private static async Task<int> RecordAsync(IServiceProvider services, RestoreRecord record, DateTime now, TextWriter output, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>();
        await db.Database.MigrateAsync();
        db.AuditEntries.Add(new AuditEntry(now, userId: null, AuditActions.BackupRestored, RestoreRecord.EntityType, record.BackupHeadSequence.ToString(CultureInfo.InvariantCulture), record.ToJson()));
        await db.SaveChangesAsync();
        var report = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(IntegrityCheckSource.Command, requestedById: null);
        if (!report.Intact)
        {
            await error.WriteLineAsync($"Restored, but the audit chain does not verify: {report.Message}");
            return 1;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Restored: audit entries up to {record.BackupHeadSequence}, and the restore itself as entry {report.Head.Sequence}{(record.LackedThroughSequence is { } through ? $" (entries {record.LackedFromSequence} to {through} of the site's earlier history are not in it; the reason is recorded)" : "")}. {report.Message}"));
        return 0;
    }

    // Rows in every table, the last migration, and (unless only counting) the chain with the given checkpoints.
    private static async Task<(BackupManifest Manifest, ChainReport Chain)> DescribeAsync(string file, byte[] key, ChainCheckpoint[] checkpoints, DateTime takenAt, bool chain = true)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        string migration;
        await using (var connection = new SqliteConnection(Private(file)))
        {
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\";";
                counts[table] = (long)(await command.ExecuteScalarAsync())!;
            }

            await using (var command = connection.CreateCommand())
            {
                command.CommandText = tables.Contains("__EFMigrationsHistory") ? "SELECT MAX(MigrationId) FROM __EFMigrationsHistory;" : "SELECT NULL;";
                migration = await command.ExecuteScalarAsync() as string ?? "none";
            }
        }

        var report = ChainReportOf(ChainHead.Empty);
        if (chain)
        {
            await using var context = Open(file);
            report = await AuditChainVerifier.CheckAsync(context, key, checkpoints);
        }

        var version = typeof(Backups).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return (new BackupManifest(BackupArchive.Format, version, migration, takenAt, report.Head.Sequence, report.Head.Hash, report.Generation, counts), report);
    }

    private static ChainReport ChainReportOf(ChainHead head) => new(0, 0, head, [], string.Empty);

    // Nothing restored over: no database file, or the empty one the host creates (private) before anything opens it.
    // A -wal or -shm file means SQLite has had the database open; those are never moved or deleted (SECURITY.md R4).
    private static bool IsEmpty(string databaseFile) =>
        (!File.Exists(databaseFile) || new FileInfo(databaseFile).Length == 0)
        && !File.Exists(databaseFile + "-wal")
        && !File.Exists(databaseFile + "-shm");

    private static SafeHomeDbContext Open(string file)
    {
        var builder = new DbContextOptionsBuilder<SafeHomeDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, DatabaseProvider.Sqlite, Private(file));
        return new SafeHomeDbContext(builder.Options);
    }

    // Unpooled, so the file is free to move or delete as soon as the connection closes.
    private static string Private(string file) => new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
