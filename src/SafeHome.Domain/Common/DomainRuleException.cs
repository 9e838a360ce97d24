namespace SafeHome.Domain.Common;

/// Thrown when an entity refuses a change. <see cref="Field"/> names the input the rule is about, so a page
/// can show the message next to that field instead of as a general error.
public sealed class DomainRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
