using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Jobs;

/// Deletes kept typing past its lifetime (issue 18: short-lived), whether or not anyone types again to trigger the
/// clean-up that saving a draft also does. Logs a count, never a page or a field.
public sealed partial class DraftsExpireJob(FormDrafts drafts, ILogger<DraftsExpireJob> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var deleted = await drafts.DeleteExpiredAsync(cancellationToken);
        if (deleted > 0)
        {
            LogDeleted(deleted);
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired drafts.")]
    private partial void LogDeleted(int count);
}
