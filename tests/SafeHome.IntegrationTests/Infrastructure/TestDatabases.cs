using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeHome.Data;
using Xunit.Sdk;
using Xunit.v3;

namespace SafeHome.IntegrationTests.Infrastructure;

/// Which databases the suite runs on (issue 17, in the style of Bitwarden's DatabaseData): SQLite always, and
/// PostgreSQL whenever <see cref="Variable"/> holds a connection string to a server on which the tests may create and
/// drop databases. `.ci/run` always sets it, so in CI every test marked with the attributes below runs on both.
public static class TestDatabases
{
    public const string Variable = "SAFEHOME_TEST_POSTGRES";

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    public static IReadOnlyList<DatabaseProvider> Providers => Server is null ? [DatabaseProvider.Sqlite] : [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    // One database migrated once per test run (and given Hangfire's tables), copied for each test by CREATE DATABASE
    // ... TEMPLATE: a copy is a file copy on the server, where running every migration again would be seconds per test.
    // Nothing the app writes at start-up (keys, roles, audit entries) is in it, as with SQLite's migrated schema.
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    /// A new database of its own for one app, with the schema already migrated; <see cref="DropAsync"/> removes it.
    public static async Task<string> CreatePostgresAsync()
    {
        var template = await Template.Value;
        var name = "safehome_t_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY");
        return ConnectionString(name);
    }

    /// A new empty database (no schema), for a test that migrates it step by step; <see cref="DropAsync"/> removes it.
    public static async Task<string> CreateEmptyPostgresAsync()
    {
        var name = "safehome_e_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync($"CREATE DATABASE {name}");
        return ConnectionString(name);
    }

    public static async Task DropAsync(string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)");
    }

    private static async Task<string> CreateTemplateAsync()
    {
        var name = "safehome_template_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE {name}");
        var connectionString = ConnectionString(name);
        var options = new DbContextOptionsBuilder<SafeHomeDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, DatabaseProvider.Postgres, connectionString);
        await using (var db = new SafeHomeDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            PostgreSqlObjectsInstaller.Install(connection);
        }

        // A template must have no open connection when it is copied.
        NpgsqlConnection.ClearAllPools();

        // The template outlives every test; it goes with the process, so a developer's own server is left as it was.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)").GetAwaiter().GetResult();
        };
        return name;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Server ?? throw new InvalidOperationException($"{Variable} is not set.")) { Database = database }.ConnectionString;
}

/// [Theory, Providers]: the test once per database of <see cref="TestDatabases.Providers"/>, given as its last
/// parameter (a <see cref="DatabaseProvider"/>).
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProvidersAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new(TestDatabases.Providers.Select(p => (ITheoryDataRow)new TheoryDataRow(p)).ToList());

    public override bool SupportsDiscoveryEnumeration() => true;
}

/// [InlineData] once per database: the row's values, then the <see cref="DatabaseProvider"/>.
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ProviderInlineDataAttribute(params object?[] data) : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new(TestDatabases.Providers.Select(p => (ITheoryDataRow)new TheoryDataRow([.. data, p])).ToList());

    public override bool SupportsDiscoveryEnumeration() => true;
}

/// [MemberData] once per database: each row's values, then the <see cref="DatabaseProvider"/>.
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ProviderMemberDataAttribute(string memberName, params object?[] arguments) : MemberDataAttributeBase(memberName, arguments)
{
    public override async ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        var rows = await base.GetData(testMethod, disposalTracker);
        return [.. rows.SelectMany(row => TestDatabases.Providers.Select(p => (ITheoryDataRow)new TheoryDataRow([.. row.GetData(), p])
        {
            Skip = row.Skip,
            TestDisplayName = row.TestDisplayName is null ? null : string.Create(CultureInfo.InvariantCulture, $"{row.TestDisplayName} ({p})"),
        }))];
    }
}

/// A class fixture's shared home once per database: made the first time a test on that database asks for it, so a run
/// without PostgreSQL never makes the PostgreSQL one. <typeparamref name="THome"/> reads its database from
/// <see cref="IProviderHome.Provider"/>.
public class PerProvider<THome> : IAsyncDisposable
    where THome : IProviderHome, new()
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<THome>>> _homes = new();

    public Task<THome> On(DatabaseProvider provider) => _homes.GetOrAdd(provider, p => new(async () =>
    {
        var home = new THome { Provider = p };
        await home.InitializeAsync();
        return home;
    })).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var home in _homes.Values)
        {
            await (await home.Value).DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public interface IProviderHome : IAsyncLifetime
{
    DatabaseProvider Provider { get; init; }
}
