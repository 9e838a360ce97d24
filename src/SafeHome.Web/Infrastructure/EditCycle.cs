using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;

namespace SafeHome.Web.Infrastructure;

/// A form's copy of the version it was rendered from.
public interface IVersionedInput
{
    long Version { get; set; }
}

/// How a save ended: saved, refused by a rule (the message is beside its field), or overtaken by someone else's save
/// (<see cref="Conflicts"/> lists what is saved now beside what was typed).
public sealed record EditOutcome(bool Saved, IReadOnlyList<ConflictField> Conflicts)
{
    public static readonly EditOutcome Done = new(true, []);

    public static readonly EditOutcome Refused = new(false, []);
}

/// The one edit cycle of every form that changes a versioned record: check the form, expect the version it was
/// rendered from, apply the change through the entity's rules, save. When someone else saved first, the form comes
/// back with the typing kept, what is saved now beside it, and the version refreshed, so the next submit saves
/// (instead of conflicting again on every resubmit).
public static class EditCycle
{
    /// <param name="record">The record as loaded for this request.</param>
    /// <param name="typed">The form as posted; its version is refreshed on a conflict.</param>
    /// <param name="apply">The change, through the entity's methods (a <see cref="DomainRuleException"/> refuses it).</param>
    /// <param name="reload">Loads the record again after a conflict (the page keeps it to show the saved state).</param>
    /// <param name="asTyped">The saved record as this form would show it, to compare with what was typed.</param>
    /// <param name="additive">The form only adds (a log entry): another save cannot collide with it, so after a
    /// conflict it is applied once more to the record as saved now.</param>
    /// <param name="actsOnWhatWasRead">The form acts on the record as the person read it (signing, approving,
    /// co-signing): a stale one is never applied to a newer record, even when nothing typed differs; the person sees
    /// that it changed, reads it, and acts again.</param>
    /// <param name="refused">Puts a rule's refusal where this page shows it (default: beside the field of that name
    /// in <paramref name="prefix"/>).</param>
    /// <param name="compare">What differs between the record as saved now and the form, where the form's own words
    /// say it better than a field-by-field comparison of <paramref name="asTyped"/> (hours and minutes as one span).</param>
    public static async Task<EditOutcome> SaveAsync<TRecord, TInput>(
        this SafeHomeDbContext db,
        ModelStateDictionary modelState,
        TRecord record,
        TInput typed,
        Func<TRecord, Task> apply,
        Func<Task<TRecord?>> reload,
        Func<TRecord, TInput> asTyped,
        string prefix = "Input",
        bool additive = false,
        bool actsOnWhatWasRead = false,
        Action<DomainRuleException>? refused = null,
        Func<TRecord, TInput, IReadOnlyList<ConflictField>>? compare = null)
        where TRecord : class, IVersioned
        where TInput : IVersionedInput
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentNullException.ThrowIfNull(reload);
        ArgumentNullException.ThrowIfNull(asTyped);
        if (!modelState.IsValid)
        {
            return EditOutcome.Refused;
        }

        // At most one automatic second try, so two people saving in a loop cannot keep each other spinning.
        for (var attempt = 1; ; attempt++)
        {
            // A form rendered from an older version is stale before any rule is asked: the person first sees what
            // changed, whatever the rules would say about applying their typing to it.
            var saved = record.Version == typed.Version ? null : record;
            if (saved is null)
            {
                // Bumped even when only the record's children change (a notification, a log entry), so two people
                // changing children at once cannot both win.
                db.ExpectAndBumpVersion(record, typed.Version);

                try
                {
                    await apply(record);
                    await db.SaveChangesAsync();
                    return EditOutcome.Done;
                }
                catch (DomainRuleException ex)
                {
                    if (refused is null)
                    {
                        modelState.AddRuleError(ex, prefix);
                    }
                    else
                    {
                        refused(ex);
                    }

                    return EditOutcome.Refused;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Saved by someone else between this request's load and its save.
                    db.ChangeTracker.Clear();
                    saved = await reload();
                    if (saved is null)
                    {
                        modelState.AddModelError(string.Empty, "This record was removed while you were editing it; nothing of yours was saved.");
                        return EditOutcome.Refused;
                    }
                }
            }

            // The form posts its version in a hidden field, which renders from ModelState before the model.
            modelState.Remove($"{prefix}.{nameof(IVersionedInput.Version)}");
            var conflicts = compare?.Invoke(saved, typed) ?? ConcurrencyConflict.Compare(asTyped(saved), typed);
            typed.Version = saved.Version;
            record = saved;

            // Nothing typed here differs from what is saved now (someone changed another part of the record), or
            // the form only adds: applying it to the record as saved now overwrites nobody.
            if (attempt == 1 && !actsOnWhatWasRead && (additive || conflicts.Count == 0))
            {
                continue;
            }

            return new EditOutcome(false, conflicts.Count > 0 ? conflicts : [new ConflictField("(this record)", "changed since you opened the page", "(read it again, then submit again)")]);
        }
    }
}
