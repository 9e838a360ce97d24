using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data.Auditing;
using SafeHome.Data.Encryption;

namespace SafeHome.Data;

public static class DatabaseServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "SafeHome.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "SafeHome.Migrations.Postgres";

    /// The one place that picks the provider and its migrations assembly (Database:Provider).
    public static IServiceCollection AddSafeHomeDatabase(
        this IServiceCollection services, DatabaseOptions options, string contentRoot, AuditChainOptions? audit = null, FieldEncryptionOptions? encryption = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = ResolveConnectionString(options, contentRoot);
        var dataFolder = Path.GetFullPath(options.DataFolder, contentRoot);
        audit ??= new AuditChainOptions();
        services.AddSingleton(audit);
        services.AddSingleton(_ => new AuditChainKeeper(audit, PrivateFiles.CreateFolder(dataFolder)));
        services.AddScoped<AuditChainVerifier>();
        encryption ??= new FieldEncryptionOptions();
        services.AddSingleton(encryption);
        services.AddSingleton(_ => FieldKeyRing.Load(encryption, PrivateFiles.CreateFolder(dataFolder)));
        services.AddScoped<FieldReencryption>();
        services.AddSingleton<SqlitePragmas>();
        services.AddScoped<AuditingInterceptor>();
        services.AddSingleton<AuditAppender>();
        services.AddScoped<AuditLog>();
        services.AddSingleton(sp => new SafeHomeRuntimeModel(options.Provider, connectionString, sp.GetRequiredService<FieldCipher>()));
        services.AddDbContext<SafeHomeDbContext>((sp, builder) =>
        {
            Configure(builder, options.Provider, connectionString);
            builder.UseFieldEncryption(sp.GetRequiredService<FieldCipher>());
            builder.UseModel(sp.GetRequiredService<SafeHomeRuntimeModel>().Model);
            builder.AddInterceptors(sp.GetRequiredService<AuditingInterceptor>());
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                builder.AddInterceptors(sp.GetRequiredService<SqlitePragmas>());
            }
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _ = provider switch
        {
            DatabaseProvider.Postgres => builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)),
            _ => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)),
        };
        if (provider == DatabaseProvider.Sqlite)
        {
            // EF's own SQLite table rebuilds (PRAGMA foreign_keys around them) run outside the migration's
            // transaction, and EF warns about it on every fresh database; the rebuild is EF-generated and already
            // shipped, so the warning told a newcomer nothing they could act on.
            builder.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning));
        }
    }

    public static string ResolveConnectionString(DatabaseOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                PrivateFiles.CreateSqliteFile(options.ConnectionString);
            }

            return options.ConnectionString;
        }

        if (options.Provider == DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.");
        }

        return $"Data Source={PrivateFiles.CreateFile(Path.Combine(Path.GetFullPath(options.DataFolder, contentRoot), "safehome.db"))}";
    }
}

/// The runtime model, built once per host. Without it EF looks for a compiled model on every new context (reading the
/// assembly's attributes, issue 16: a measurable share of every request's CPU, plus the garbage it leaves). Migrations
/// still build their design-time model the ordinary way, because a runtime model is never used at design time.
internal sealed class SafeHomeRuntimeModel(DatabaseProvider provider, string connectionString, FieldCipher cipher)
{
    private readonly Lazy<IModel> _model = new(() =>
    {
        var builder = new DbContextOptionsBuilder<SafeHomeDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, provider, connectionString);
        builder.UseFieldEncryption(cipher);
        using var context = new SafeHomeDbContext(builder.Options);
        return context.Model;
    });

    public IModel Model => _model.Value;
}
