using Microsoft.Data.Sqlite;

namespace SafeHome.Data;

// Case data at rest is for the service account alone: folders are created 700 and database files 600 whatever the
// umask. A database file is created empty before SQLite opens it, because SQLite gives a new file 644 and its -wal
// and -shm files the mode of the database file.
public static class PrivateFiles
{
    public static string CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    public static string CreateFile(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        CreateFolder(Path.GetDirectoryName(path)!);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var file = new FileStream(path, create);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process of this installation created it first.
        }

        return path;
    }

    // The file behind a SQLite connection string, created private; in-memory databases have none.
    public static void CreateSqliteFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            CreateFile(Path.GetFullPath(builder.DataSource));
        }
    }
}
