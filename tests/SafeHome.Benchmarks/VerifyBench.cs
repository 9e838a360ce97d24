using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;

namespace SafeHome.Benchmarks;

/// Issue 16 item 4: `verify-audit` at disk speed. Seeds a valid chain of 500,000 entries into a fresh SQLite file
/// (sealed with AuditChain.Seal and inserted raw; not measured), then checks it the old way (EF pages of 5,000, kept
/// below as the baseline) and with the verifier the verb uses, interleaved run by run so drift on a shared machine hits
/// both alike, and prints entries/s for each, their ratio, and the real `verify-audit` verb on the same data folder.
///   dotnet run -c Release --project tests/SafeHome.Benchmarks -- verify-bench [--entries 500000] [--runs 3] [--keep]
internal static class VerifyBench
{
    private const double TargetPerSecond = 200_000;
    private const int OldPageSize = 5_000;
    private static readonly string[] Parameters = ["$sequence", "$at", "$user", "$action", "$type", "$key", "$changes", "$resident", "$hash"];

    public static async Task<int> RunAsync(string[] args)
    {
        var entries = int.Parse(Option(args, "--entries") ?? "500000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var folder = Path.Combine(Path.GetTempPath(), "safehome-bench-verify-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var keeper = new AuditChainKeeper(new AuditChainOptions(), folder);
            var path = Path.Combine(folder, "safehome.db");
            var options = new DbContextOptionsBuilder<SafeHomeDbContext>()
                .UseSqlite(new SqliteConnectionStringBuilder { DataSource = path }.ToString(), o => o.MigrationsAssembly(DatabaseServiceCollectionExtensions.SqliteMigrationsAssembly))
                .AddInterceptors(new SqlitePragmas())
                .Options;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Load average before seeding: {LoadAverage()}"));
            var seeding = Stopwatch.StartNew();
            await SeedAsync(options, keeper.Key, entries);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Seeded {entries:N0} sealed entries in {seeding.Elapsed.TotalSeconds:F1} s (not measured); file {new FileInfo(path).Length / 1048576.0:F0} MB; {Environment.ProcessorCount} processors"));

            var old = new List<double>();
            var fresh = new List<double>();
            for (var run = 0; run <= runs; run++)
            {
                // Run 0 warms up both (JIT, page cache) and is not counted.
                var oldRate = await TimeAsync("old (EF pages)", options, db => PagedCheckAsync(db, keeper.Key), entries, run == 0);
                var newRate = await TimeAsync("new (stream, parallel)", options, db => AuditChainVerifier.CheckAsync(db, keeper.Key, []), entries, run == 0);
                if (oldRate is null || newRate is null)
                {
                    return 1;
                }

                if (run > 0)
                {
                    old.Add(oldRate.Value);
                    fresh.Add(newRate.Value);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Load average after the runs: {LoadAverage()}"));
            var (oldMedian, newMedian) = (Median(old), Median(fresh));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median of {runs}: old {oldMedian:N0} entries/s, new {newMedian:N0} entries/s, {newMedian / oldMedian:F1}x"));

            var verb = Stopwatch.StartNew();
            var output = new StringWriter();
            var exit = await SafeHome.Web.Infrastructure.CommandLine.MainAsync(
                [$"--Database:DataFolder={folder}", "--environment=Development", "--Logging:LogLevel:Default=Warning", "verify-audit"], TextReader.Null, output, Console.Error);
            verb.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"verify-audit verb (host start, migration check, verify, checkpoint): exit {exit} in {verb.Elapsed.TotalSeconds:F2} s = {entries / verb.Elapsed.TotalSeconds:N0} entries/s; {output.ToString().Trim()}"));

            var pass = newMedian >= TargetPerSecond && exit == 0;
            Console.WriteLine(pass
                ? string.Create(CultureInfo.InvariantCulture, $"RESULT: PASS (new >= {TargetPerSecond:N0} entries/s)")
                : string.Create(CultureInfo.InvariantCulture, $"RESULT: FAIL (target {TargetPerSecond:N0} entries/s, verb exit 0)"));
            return pass ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (args.Contains("--keep"))
            {
                Console.WriteLine($"Kept {folder}");
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<double?> TimeAsync(string name, DbContextOptions<SafeHomeDbContext> options, Func<SafeHomeDbContext, Task<ChainReport>> check, int entries, bool warmUp)
    {
        await using var db = new SafeHomeDbContext(options);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var report = await check(db);
        watch.Stop();
        process.Refresh();
        var used = process.TotalProcessorTime - cpu;

        // CPU time beside wall time: on a machine shared with other builds the wall time says how much CPU was free.
        var rate = entries / watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(warmUp ? "warm-up " : "")}{name,-24} {watch.Elapsed.TotalSeconds,6:F2} s  {rate,10:N0} entries/s  CPU {used.TotalSeconds,5:F2} s ({used.TotalMicroseconds / entries:F1} µs/entry)  {report.Message}"));
        if (!report.Intact || report.Checked != entries)
        {
            Console.WriteLine("RESULT: FAIL (the seeded chain did not verify)");
            return null;
        }

        return rate;
    }

    // The verifier as it was before issue 16: EF pages of 5,000 by (sequence, id), every row an entity.
    private static async Task<ChainReport> PagedCheckAsync(SafeHomeDbContext database, byte[] key)
    {
        var stored = await database.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).ThenByDescending(c => c.Id).Take(3).ToListAsync();
        var verification = new ChainVerification(key, [.. stored.Select(c => c.ToCheckpoint())]);
        var (afterSequence, afterId) = (long.MinValue, long.MinValue);
        while (true)
        {
            var (s, i) = (afterSequence, afterId);
            var page = await database.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence > s || (a.Sequence == s && a.Id > i))
                .OrderBy(a => a.Sequence)
                .ThenBy(a => a.Id)
                .Take(OldPageSize)
                .ToListAsync();
            foreach (var entry in page)
            {
                verification.Add(entry);
            }

            if (page.Count < OldPageSize)
            {
                return verification.Finish();
            }

            (afterSequence, afterId) = (page[^1].Sequence, page[^1].Id);
        }
    }

    // A mix like the case pages write: mostly views (ids only), some changes with old and new values as JSON.
    private static async Task SeedAsync(DbContextOptions<SafeHomeDbContext> options, byte[] key, int count)
    {
        await using var db = new SafeHomeDbContext(options);
        await db.Database.MigrateAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var random = new Random(16_4);
        var users = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var residents = Enumerable.Range(0, 2_000).Select(_ => Guid.NewGuid()).ToArray();
        var at = new DateTime(2016, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        var head = ChainHead.Empty;
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO "AuditEntries" ("Sequence", "OccurredAtUtc", "UserId", "Action", "EntityType", "EntityKey", "Changes", "ResidentId", "Hash")
            VALUES ($sequence, $at, $user, $action, $type, $key, $changes, $resident, $hash)
            """;
        var parameters = Parameters.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        for (var first = 0; first < count; first += 10_000)
        {
            var batch = new List<AuditEntry>();
            for (var n = first; n < Math.Min(count, first + 10_000); n++)
            {
                at = at.AddMilliseconds(random.Next(1, 600_000));
                var resident = residents[random.Next(residents.Length)];
                var kind = random.Next(10);
                batch.Add(kind < 6
                    ? new AuditEntry(at, users[random.Next(users.Length)], AuditActions.View, "Resident", resident.ToString(), null, resident)
                    : new AuditEntry(at, users[random.Next(users.Length)], kind < 9 ? AuditActions.Update : AuditActions.Insert, "ProgressNote", Guid.NewGuid().ToString(),
                        kind < 9
                            ? $$$"""{"Summary":{"Old":"Met with counselor n{{{n}}}; discussed school and family contact.","New":"Met with counselor n{{{n}}}; discussed school, family contact and sleep."}}"""
                            : $$$"""{"Summary":{"Old":null,"New":"Weekly session n{{{n}}}. Talked about the week at school, contact with her aunt, a plan for the weekend outing and sleep routine."},"Kind":{"Old":null,"New":"Individual"},"Minutes":{"Old":null,"New":"50"}}""",
                        resident));
            }

            head = AuditChain.Seal(key, head, batch);
            foreach (var entry in batch)
            {
                parameters[0].Value = entry.Sequence;
                parameters[1].Value = entry.OccurredAtUtc;
                parameters[2].Value = entry.UserId;
                parameters[3].Value = entry.Action;
                parameters[4].Value = entry.EntityType;
                parameters[5].Value = entry.EntityKey;
                parameters[6].Value = (object?)entry.Changes ?? DBNull.Value;

                // As EF stores a Guid on SQLite: upper-case text.
                parameters[7].Value = entry.ResidentId?.ToString().ToUpperInvariant();
                parameters[8].Value = entry.Hash;
                await insert.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? Option(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
