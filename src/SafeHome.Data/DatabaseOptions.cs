namespace SafeHome.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <c>Sqlite</c> (one home on one machine) or <c>Postgres</c> (several nodes).
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// Folder of the SQLite file; relative paths are resolved against the content root.
    public string DataFolder { get; set; } = "data";

    /// Overrides the SQLite file location, or gives the PostgreSQL connection string.
    public string? ConnectionString { get; set; }

    /// Outside Development the schema is migrated by the <c>migrate</c> verb unless this is set.
    public bool MigrateOnStartup { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
