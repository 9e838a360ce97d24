using Microsoft.EntityFrameworkCore;
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
        services.AddDbContext<SafeHomeDbContext>((sp, builder) =>
        {
            Configure(builder, options.Provider, connectionString);
            builder.UseFieldEncryption(sp.GetRequiredService<FieldCipher>());
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
