using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SafeHome.Data;

/// WAL keeps readers off the writer's back; synchronous=FULL keeps the last commits across a power loss (WAL with
/// NORMAL may lose them); busy_timeout lets a second writer wait instead of failing at once.
///
/// These settings belong to the physical connection, which the pool keeps between opens; they are set once per
/// physical connection (known by its native handle) rather than on every open, which used to be a round of PRAGMAs
/// before every query (issue 16).
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private static readonly object Set = new();
    private readonly ConditionalWeakTable<object, object> _prepared = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";

    // EF's existence check opens read-only, and a read-only connection cannot switch the still-empty database file
    // (created private before SQLite first opens it) to WAL; the first read-write connection does that.
    private const string ReadOnlyPragmas = "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (AlreadyPrepared(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = For(connection);
        command.ExecuteNonQuery();
        Prepared(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (AlreadyPrepared(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = For(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        Prepared(connection);
    }

    private bool AlreadyPrepared(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && _prepared.TryGetValue(handle, out _);

    private void Prepared(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            _prepared.AddOrUpdate(handle, Set);
        }
    }

    private static string For(DbConnection connection) =>
        new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly ? ReadOnlyPragmas : Pragmas;
}
