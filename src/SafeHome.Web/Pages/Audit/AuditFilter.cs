using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace SafeHome.Web.Pages.Audit;

/// The GET filters shared by the resident timeline, its CSV extract and the staff-activity view. Before/After are
/// keyset cursors on the gapless audit sequence, so a page costs one indexed range read however long the history is.
public sealed partial class AuditFilter : IValidatableObject
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    [Display(Name = "Staff member")]
    [StringLength(450)]
    public string? User { get; set; }

    [Display(Name = "From")]
    public DateOnly? From { get; set; }

    [Display(Name = "To")]
    public DateOnly? To { get; set; }

    [Display(Name = "Record type")]
    [StringLength(100)]
    public string? Type { get; set; }

    [Display(Name = "Action")]
    [StringLength(50)]
    public string? Action { get; set; }

    [Range(1, long.MaxValue, ErrorMessage = "This page link is not valid; start again from the newest entries.")]
    public long? Before { get; set; }

    [Range(0, long.MaxValue, ErrorMessage = "This page link is not valid; start again from the newest entries.")]
    public long? After { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (User is { Length: > 0 } && !IdPattern().IsMatch(User))
        {
            yield return new ValidationResult("Choose a staff member from the list.", [nameof(User)]);
        }

        foreach (var (date, name) in new[] { (From, nameof(From)), (To, nameof(To)) })
        {
            if (date is { } d && (d < Earliest || d > Latest))
            {
                yield return new ValidationResult($"Enter a date between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.", [name]);
            }
        }

        if (From is { } from && To is { } to && to < from)
        {
            yield return new ValidationResult("The end date must not be before the start date.", [nameof(To)]);
        }

        if (Type is { Length: > 0 } && !TypePattern().IsMatch(Type))
        {
            yield return new ValidationResult("Choose a record type from the list.", [nameof(Type)]);
        }

        if (Action is { Length: > 0 } && !AuditQueries.Actions.Contains(Action))
        {
            yield return new ValidationResult("Choose an action from the list.", [nameof(Action)]);
        }
    }

    /// The filter as query values, for links (pager, CSV) that must keep it; empty filters are left out.
    public Dictionary<string, string> RouteValues(string prefix)
    {
        var values = new Dictionary<string, string?>
        {
            [$"{prefix}.User"] = User,
            [$"{prefix}.From"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            [$"{prefix}.To"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            [$"{prefix}.Type"] = Type,
            [$"{prefix}.Action"] = Action,
        };
        return values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!);
    }

    [GeneratedRegex(@"^[A-Za-z0-9._@-]+\z")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_`]*\z")]
    private static partial Regex TypePattern();
}
