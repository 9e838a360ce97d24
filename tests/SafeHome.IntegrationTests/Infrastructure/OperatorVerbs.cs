using System.Runtime.InteropServices;
using SafeHome.Web.Infrastructure;

namespace SafeHome.IntegrationTests.Infrastructure;

/// Runs the program's own entry as an operator types it, and the folders those runs use.
public static class OperatorVerbs
{
    // Long enough for a cold start; a verb that started the web server instead would never return.
    private static readonly TimeSpan VerbTimeout = TimeSpan.FromMinutes(2);

    /// Unless the caller passes <paramref name="error"/> to inspect a refusal, anything but exit 0 fails the test with
    /// what the verb printed.
    public static async Task<int> RunAsync(string[] args, string input = "", TextWriter? output = null, TextWriter? error = null)
    {
        var errors = error ?? new StringWriter();
        var exit = await CommandLine.MainAsync(args, new StringReader(input), output ?? TextWriter.Null, errors).WaitAsync(VerbTimeout, TestContext.Current.CancellationToken);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.True(exit == 0 || error is not null, errors.ToString());
        return exit;
    }

    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "safehome-tests", Guid.NewGuid().ToString("N"));

    public static void DeleteFolder(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on this machine is cleaned with the temp folder.
        }
    }

    public static UnixFileMode Private => UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// Sets the process's file-creation mask; returns the previous one.
    public static uint Umask(uint mask) => SetUmask(mask);

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);
}
