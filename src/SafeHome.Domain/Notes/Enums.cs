using System.ComponentModel.DataAnnotations;

namespace SafeHome.Domain.Notes;

/// DOMAIN.md §3, ProgressNote.
public enum NoteType
{
    Individual,
    Group,
    Family,
    [Display(Name = "Case management")] CaseManagement,
    Crisis,
    [Display(Name = "Milieu / shift")] MilieuShift,
    Collateral,
    [Display(Name = "Medical escort")] MedicalEscort,
}

/// DOMAIN.md §5. Each format has its own sections (<see cref="NoteFormats"/>).
public enum NoteFormat
{
    [Display(Name = "GIRP (goal, intervention, response, plan)")] Girp,
    [Display(Name = "DAP (data, assessment, plan)")] Dap,
    [Display(Name = "SOAP (subjective, objective, assessment, plan)")] Soap,
    [Display(Name = "BIRP (behavior, intervention, response, plan)")] Birp,
    Narrative,
}

/// DOMAIN.md §4. A note returned by the co-signer goes back to DRAFT with the comments.
public enum NoteStatus
{
    Draft,
#pragma warning disable CA1720 // "Signed" is the status named in DOMAIN.md, not the integer type.
    Signed,
#pragma warning restore CA1720
    [Display(Name = "Waiting for co-signature")] CosignPending,
    [Display(Name = "Co-signed")] Cosigned,
}

/// The structured sections of all formats; the names are also the form field names.
public enum NoteSection
{
    Goal,
    Data,
    Subjective,
    Objective,
    Behavior,
    Intervention,
    Response,
    Assessment,
    Plan,
    Narrative,
}

/// DOMAIN.md §6A step 5.
public enum AmendmentKind
{
    Addendum,
    Correction,
    [Display(Name = "Late entry")] LateEntry,
    [Display(Name = "Entered in error")] EnteredInError,
}

public enum LexiconSeverity
{
    /// Signing stops unless the author records why the term is needed.
    [Display(Name = "Block on sign")] BlockOnSign,
    [Display(Name = "Warn")] Warn,
    [Display(Name = "Suggest")] Suggest,
}
