using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Audit;

/// Issue 16 item 3: access entries of many requests share one transaction and one durable commit. No timing is
/// asserted: requests arrive "together" because the test holds the chain's writer lock while they queue.
public sealed class GroupCommitTests
{
    [Fact]
    public async Task Views_that_arrive_together_share_one_or_two_commits_and_the_chain_stays_gapless()
    {
        var commits = new CommitCounter();
        await using var app = await GroupCommit.StartAsync(commits);

        await using var together = await GroupCommit.RecordTogetherAsync(app, commits, count: 64);
        await Task.WhenAll(together.Recorded);

        // The writer may have taken the first request alone before the rest arrived; everything else is one batch.
        Assert.InRange(commits.Committed - together.CommittedBefore, 1, 2);
        await GroupCommit.AssertEachOnceAndChainIntactAsync(app, together.Keys);
    }

    [Fact]
    public async Task A_failing_commit_faults_every_waiter_of_its_batch_and_writes_nothing()
    {
        var commits = new CommitCounter();
        await using var app = await GroupCommit.StartAsync(commits);
        var before = await app.WithDbAsync(db => db.AuditEntries.LongCountAsync());

        commits.Fail = true;
        await using (var together = await GroupCommit.RecordTogetherAsync(app, commits, count: 20))
        {
            foreach (var request in together.Recorded)
            {
                var failure = await Assert.ThrowsAnyAsync<Exception>(() => request);
                Assert.Contains(CommitCounter.FailureMessage, failure.ToString(), StringComparison.Ordinal);
            }
        }

        commits.Fail = false;
        Assert.Equal(before, await app.WithDbAsync(db => db.AuditEntries.LongCountAsync()));

        // The writer and the lock survive the failure: the next view is stored right after the old head.
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditActions.View, "Resident", "after-the-failure", "viewer");
        await GroupCommit.AssertEachOnceAndChainIntactAsync(app, ["after-the-failure"]);
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.AuditEntries.LongCountAsync()));
    }

    [Theory, Providers]
    public async Task Each_entry_is_readable_from_a_fresh_connection_as_soon_as_its_record_call_returns(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var connectionString = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        DbConnection Fresh() => provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString())
            : new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());

        var unseen = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            var key = "fresh-" + i.ToString(CultureInfo.InvariantCulture);
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditActions.View, "Resident", key, "viewer-" + key);
            }

            await using var connection = Fresh();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"EntityKey\" = @key AND \"Hash\" IS NOT NULL";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@key";
            parameter.Value = key;
            command.Parameters.Add(parameter);
            return (long)(await command.ExecuteScalarAsync())! == 1 ? null : key;
        })));

        Assert.All(unseen, Assert.Null);
    }

    [Theory, Providers]
    public async Task A_view_recorded_after_a_change_in_the_same_request_comes_after_it_in_the_chain(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var change = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ResidentId == residentId && a.Action == AuditActions.Insert).MaxAsync(a => a.Sequence));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordForResidentAsync(AuditActions.View, "Resident", residentId.ToString(), residentId);
        }

        var view = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.ResidentId == residentId && a.Action == AuditActions.View));
        Assert.True(view.Sequence > change);
    }

    [Theory, Providers]
    public async Task Inside_the_callers_own_transaction_the_entry_commits_with_it_instead_of_waiting_for_its_write_lock(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<AuditLog>()
                .RecordAsync(AuditActions.View, "Resident", "in-a-transaction", counselor.Id)
                .WaitAsync(TimeSpan.FromSeconds(60));
            await transaction.CommitAsync();
        }

        await GroupCommit.AssertEachOnceAndChainIntactAsync(app, ["in-a-transaction"]);
    }

    [Theory, Providers]
    public async Task Changes_the_caller_left_unsaved_are_saved_with_the_entry_as_before(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>();
            (await db.Users.SingleAsync(u => u.Id == counselor.Id)).DisplayName = "Renamed Alongside";
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditActions.View, "Resident", "with-unsaved-changes", counselor.Id);
        }

        Assert.Equal("Renamed Alongside", await app.WithDbAsync(db => db.Users.Where(u => u.Id == counselor.Id).Select(u => u.DisplayName).SingleAsync()));
        await GroupCommit.AssertEachOnceAndChainIntactAsync(app, ["with-unsaved-changes"]);
    }

    [Fact]
    public async Task Two_app_instances_on_one_sqlite_file_appending_at_once_keep_one_linear_gapless_chain()
    {
        var folder = Path.Combine(Path.GetTempPath(), "safehome-tests", "two-nodes-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var first = new SafeHomeApp(folder: folder);
            await first.InitializeAsync();
            await using var second = new SafeHomeApp(folder: folder);
            await second.InitializeAsync();

            await GroupCommit.AppendFromBothAsync(first, second);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// The same on PostgreSQL, where the advisory lock is what keeps two nodes' batches apart.
public sealed class PostgresGroupCommitTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [Fact]
    public async Task Views_that_arrive_together_share_one_or_two_commits_on_postgresql()
    {
        var commits = new CommitCounter();
        await using var app = await GroupCommit.StartAsync(commits, await cluster.CreateDatabaseAsync());

        await using var together = await GroupCommit.RecordTogetherAsync(app, commits, count: 64);
        await Task.WhenAll(together.Recorded);

        Assert.InRange(commits.Committed - together.CommittedBefore, 1, 2);
        await GroupCommit.AssertEachOnceAndChainIntactAsync(app, together.Keys);
    }

    [Fact]
    public async Task Two_nodes_on_one_postgresql_database_appending_at_once_keep_one_linear_gapless_chain()
    {
        var database = await cluster.CreateDatabaseAsync();
        var folder = Path.Combine(Path.GetTempPath(), "safehome-tests", "two-pg-nodes-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var first = new SafeHomeApp(postgres: database, folder: folder);
            await first.InitializeAsync();
            await using var second = new SafeHomeApp(postgres: database, folder: folder);
            await second.InitializeAsync();

            await GroupCommit.AppendFromBothAsync(first, second);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// Counts committed transactions of every DbContext in the app, and can make commits fail.
internal sealed class CommitCounter : DbTransactionInterceptor
{
    public const string FailureMessage = "The test made this commit fail.";

    private int _committed;

    public int Committed => Volatile.Read(ref _committed);

    public volatile bool Fail;

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        Fail ? throw new InvalidOperationException(FailureMessage) : result;

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        Fail ? throw new InvalidOperationException(FailureMessage) : ValueTask.FromResult(result);

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref _committed);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _committed);
        return Task.CompletedTask;
    }
}

internal sealed record Together(List<string> Keys, List<Task> Recorded, List<AsyncServiceScope> Scopes) : IAsyncDisposable
{
    public int CommittedBefore { get; set; }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in Scopes)
        {
            await scope.DisposeAsync();
        }
    }
}

internal static class GroupCommit
{
    public static async Task<SafeHomeApp> StartAsync(CommitCounter commits, string? postgres = null)
    {
        var app = new SafeHomeApp(postgres: postgres)
        {
            ConfigureTestServices = services => services.ConfigureDbContext<SafeHomeDbContext>(builder => builder.AddInterceptors(commits)),
        };
        await app.InitializeAsync();
        return app;
    }

    /// Queues <paramref name="count"/> views from as many requests while the test holds the chain's writer lock, then
    /// lets go: the requests are all waiting before the first batch can commit.
    public static async Task<Together> RecordTogetherAsync(SafeHomeApp app, CommitCounter commits, int count)
    {
        var keeper = app.Services.GetRequiredService<AuditChainKeeper>();
        var keys = Enumerable.Range(0, count).Select(i => "together-" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var together = new Together(keys, [], keys.Select(_ => app.Services.CreateAsyncScope()).ToList());
        await keeper.WriterLock.WaitAsync();
        together.CommittedBefore = commits.Committed;
        try
        {
            for (var i = 0; i < count; i++)
            {
                // RecordAsync queues its entry before it first waits, so every entry is queued when this loop ends.
                together.Recorded.Add(together.Scopes[i].ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditActions.View, "Resident", keys[i], "viewer-" + keys[i]));
            }

            Assert.DoesNotContain(together.Recorded, r => r.IsCompleted);
        }
        finally
        {
            keeper.WriterLock.Release();
        }

        return together;
    }

    public static async Task AssertEachOnceAndChainIntactAsync(SafeHomeApp app, IReadOnlyCollection<string> keys)
    {
        var stored = await app.WithDbAsync(db => db.AuditEntries.Where(a => keys.Contains(a.EntityKey)).Select(a => a.EntityKey).ToListAsync());
        Assert.Equal(keys.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        var sequences = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(n => (long)n), sequences);
        await using var scope = app.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(IntegrityCheckSource.Command, null);
        Assert.True(report.Intact, report.Message);
        Assert.Equal(sequences.Count, (int)report.Checked);
    }

    /// Two nodes (each with its own writer lock and appender) record 60 views each at the same time.
    public static async Task AppendFromBothAsync(SafeHomeApp first, SafeHomeApp second)
    {
        var keys = new List<string>();
        var writes = new List<Task>();
        foreach (var (app, node) in new[] { (first, "a"), (second, "b") })
        {
            for (var i = 0; i < 60; i++)
            {
                var key = $"node-{node}-{i.ToString(CultureInfo.InvariantCulture)}";
                keys.Add(key);
                writes.Add(Task.Run(async () =>
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditActions.View, "Resident", key, "viewer-" + key);
                }));
            }
        }

        await Task.WhenAll(writes);
        await AssertEachOnceAndChainIntactAsync(first, keys);
    }
}
