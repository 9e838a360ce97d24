using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SafeHome.IntegrationTests.Infrastructure;

/// Records every SQL command the app runs (text and parameter values) and every connection it opens, while
/// <see cref="Recording"/> is on; a test turns it on around one request to see exactly what that request cost.
public sealed class SqlCapture : DbCommandInterceptor, IDbConnectionInterceptor
{
    private readonly ConcurrentQueue<CapturedCommand> _commands = new();
    private readonly ConcurrentDictionary<object, int> _opens = new(ReferenceEqualityComparer.Instance);

    public bool Recording { get; set; }

    public IReadOnlyList<CapturedCommand> Commands => [.. _commands];

    /// How many times each DbContext that opened a connection did so (the request's own, the audit writer's).
    public IReadOnlyCollection<int> ConnectionOpensPerContext => [.. _opens.Values];

    public void Clear()
    {
        _commands.Clear();
        _opens.Clear();
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

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => CountOpen(eventData);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        CountOpen(eventData);
        return Task.CompletedTask;
    }

    private void CountOpen(ConnectionEndEventData eventData)
    {
        if (Recording && eventData.Context is { } context)
        {
            _opens.AddOrUpdate(context, 1, (_, n) => n + 1);
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
