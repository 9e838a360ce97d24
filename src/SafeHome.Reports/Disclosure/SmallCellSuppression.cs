namespace SafeHome.Reports.Disclosure;

/// The small-cell rule of DOMAIN.md §9 and SECURITY.md D3: a count from 1 to threshold − 1 is never published, and the
/// threshold is a setting that cannot go below 5. <see cref="DisclosureModel"/> applies it and protects what is left.
public static class SmallCellSuppression
{
    /// The smallest count that may ever be published; a configured threshold below it is refused.
    public const int MinimumThreshold = 5;

    public const int DefaultThreshold = 11;
}
