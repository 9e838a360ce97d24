using SafeHome.Data.Encryption;

namespace SafeHome.Web.Jobs;

/// After a field key rotation: moves every live encrypted value to the newest key, batch by batch, so the retired
/// keys end up needed only by the audit history. Idempotent and cheap when there is nothing to move (one query per
/// column), so it simply runs on a schedule. Logs counts, never values.
public sealed partial class FieldReencryptionJob(FieldReencryption reencryption, FieldCipher cipher, ILogger<FieldReencryptionJob> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var moved = await reencryption.ReencryptAllAsync(cancellationToken);
        if (moved > 0)
        {
            LogMoved(moved, cipher.CurrentKeyId);
        }

        return moved;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-encrypted {Count} field values under key {KeyId}.")]
    private partial void LogMoved(int count, string keyId);
}
