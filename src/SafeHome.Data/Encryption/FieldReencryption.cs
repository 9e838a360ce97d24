using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace SafeHome.Data.Encryption;

/// Works on the stored text of the encrypted columns, below EF: the start-up check that the key ring opens what the
/// database holds, and the re-encryption that moves every live value to the newest key after a rotation. The plain
/// values do not change, so neither writes an audit entry or bumps a record's version; the audit history itself is
/// append-only and keeps the key it was written with (which is why old keys stay in the ring).
public sealed class FieldReencryption(SafeHomeDbContext db, FieldCipher cipher)
{
    public const int BatchSize = 200;

    /// Throws, naming the column and key, when a stored value is under a key the ring lacks or does not
    /// authenticate under the ring's key of that id (a wrong key file or setting). A sample per column and key.
    public async Task CheckKeysAsync(CancellationToken cancellationToken = default)
    {
        foreach (var column in Columns())
        {
            var known = cipher.KeyIds.Select(id => $"{FieldCipher.Prefix}{id}:%").ToList();
            var unknown = await FirstAsync(
                column,
                $"{column.Column} LIKE @envelope{string.Concat(known.Select((_, i) => $" AND {column.Column} NOT LIKE @k{i}"))}",
                [("envelope", FieldCipher.Prefix + "%"), .. known.Select((k, i) => ($"k{i}", (object)k))],
                cancellationToken);
            if (unknown is not null)
            {
                throw new FieldDecryptionException(
                    $"{column.Name} holds values encrypted with key \"{FieldCipher.KeyIdOf(unknown)}\", which is not in the field key ring " +
                    $"(Encryption:Keys or the key file). Restore the key that was in use; a new key cannot read them.");
            }

            foreach (var id in cipher.KeyIds)
            {
                var sample = await FirstAsync(column, $"{column.Column} LIKE @k", [("k", $"{FieldCipher.Prefix}{id}:%")], cancellationToken);
                if (sample is null)
                {
                    continue;
                }

                try
                {
                    cipher.Decrypt(sample);
                }
                catch (FieldDecryptionException e)
                {
                    throw new FieldDecryptionException($"{column.Name}: {e.Message} Check Encryption:Keys or the key file; the site does not start with a key that cannot read its data.", e);
                }
            }
        }
    }

    /// Re-encrypts one batch per column under the current key (values under older keys, and any stored before field
    /// encryption); returns how many values it moved. Idempotent: run it until it returns 0.
    public async Task<int> ReencryptBatchAsync(CancellationToken cancellationToken = default)
    {
        var moved = 0;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            foreach (var column in Columns())
            {
                var rows = new List<(object Key, string Stored)>();
                await using (var select = connection.CreateCommand())
                {
                    select.CommandText = $"SELECT {column.Key}, {column.Column} FROM {column.Table} WHERE {column.Column} IS NOT NULL AND {column.Column} NOT LIKE @current LIMIT {BatchSize}";
                    Add(select, "current", $"{FieldCipher.Prefix}{cipher.CurrentKeyId}:%");
                    await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        rows.Add((reader.GetValue(0), reader.GetString(1)));
                    }
                }

                foreach (var (key, stored) in rows)
                {
                    // Only if nobody changed the value meanwhile: a concurrent save already wrote it under the current key.
                    await using var update = connection.CreateCommand();
                    update.CommandText = $"UPDATE {column.Table} SET {column.Column} = @value WHERE {column.Key} = @key AND {column.Column} = @stored";
                    Add(update, "value", cipher.Encrypt(cipher.Decrypt(stored)));
                    Add(update, "key", key);
                    Add(update, "stored", stored);
                    moved += await update.ExecuteNonQueryAsync(cancellationToken);
                }
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        return moved;
    }

    /// Re-encrypts batch after batch until every live value is under the current key.
    public async Task<int> ReencryptAllAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        int moved;
        do
        {
            moved = await ReencryptBatchAsync(cancellationToken);
            total += moved;
        }
        while (moved > 0);
        return total;
    }

    private async Task<string?> FirstAsync(EncryptedColumn column, string where, IEnumerable<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {column.Column} FROM {column.Table} WHERE {where} LIMIT 1";
            foreach (var (name, value) in parameters)
            {
                Add(command, name, value);
            }

            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // Quoted names work on both providers; every encrypted entity has a single-column key.
    private IEnumerable<EncryptedColumn> Columns()
    {
        foreach (var (entity, property) in FieldEncryption.EncryptedProperties(db.Model))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var key = entity.FindPrimaryKey()!.Properties.Single();
            yield return new EncryptedColumn(
                $"{entity.ClrType.Name}.{property.Name}",
                Quote(table.Name),
                Quote(key.GetColumnName(table)!),
                Quote(property.GetColumnName(table)!));
        }
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record EncryptedColumn(string Name, string Table, string Key, string Column);
}
