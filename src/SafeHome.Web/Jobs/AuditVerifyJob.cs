using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;

namespace SafeHome.Web.Jobs;

/// Nightly: recomputes the whole audit chain. A failed run is stored as an <see cref="IntegrityCheck"/>, which shows
/// as an alert to auditors and directors until a later run passes; a passing run moves the checkpoint outside the
/// database. No arguments beyond the cancellation token.
public sealed class AuditVerifyJob(AuditChainVerifier verifier)
{
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var report = await verifier.VerifyAsync(IntegrityCheckSource.Nightly, requestedById: null, cancellationToken);
        return report.Intact;
    }
}
