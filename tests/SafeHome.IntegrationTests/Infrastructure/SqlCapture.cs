using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SafeHome.IntegrationTests.Infrastructure;

/// Records every SQL command the app runs (text and parameter values) and every connection it opens, while
/// <see cref="Recording"/> is on; a test turns it on around one request to see exactly what that request cost.
public sealed class SqlCapture : DbCommandInterceptor, IDbConnectionInterceptor
{
    private readonly ConcurrentQueue<CapturedCommand> _commands = new();
    private int _opens;

    public bool Recording { get; set; }

    public IReadOnlyList<CapturedCommand> Commands => [.. _commands];

    public int ConnectionOpens => _opens;

    public void Clear()
    {
        _commands.Clear();
        _opens = 0;
    }

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result) => result;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => CountOpen();

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        CountOpen();
        return Task.CompletedTask;
    }

    private void CountOpen()
    {
        if (Recording)
        {
            Interlocked.Increment(ref _opens);
        }
    }

    private void Record(DbCommand command)
    {
        if (Recording)
        {
            _commands.Enqueue(new CapturedCommand(
                command.CommandText,
                [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value))]));
        }
    }
}

public sealed record CapturedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)
{
    public bool IsQuery => Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
}
