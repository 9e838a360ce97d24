using SafeHome.Domain.Common;
using SafeHome.Domain.Notes;
using SafeHome.UnitTests.Builders;

namespace SafeHome.UnitTests.Notes;

/// Amendments to signed notes (DOMAIN.md §6A step 5): what each kind needs, that they are never backdated, that a
/// draft or someone else's note cannot be amended, and that each amendment carries a hash of what it says.
public sealed class NoteAmendmentTests
{
    private const string Author = NoteBuilder.Author;
    private static readonly DateOnly Today = NoteBuilder.Today;
    private static readonly DateTime Later = NoteBuilder.NowUtc.AddDays(2);

    private static ProgressNote Signed() => new NoteBuilder().BuildSigned();

    private static string Field(Action action) => Assert.Throws<DomainRuleException>(action).Field;

    [Fact]
    public void An_addendum_needs_text_and_is_timed_when_written()
    {
        var note = Signed();

        Assert.Equal(nameof(NoteAmendment.Text), Field(() => note.Amend(Author, new AmendmentRequest(AmendmentKind.Addendum, null, "  ", null, null), Today, Later)));
        Assert.Empty(note.Amendments);

        var addendum = note.Amend(Author, new AmendmentRequest(AmendmentKind.Addendum, null, " The youth asked to continue next week. ", null, null), Today, Later);

        Assert.Equal(AmendmentKind.Addendum, addendum.Kind);
        Assert.Equal("The youth asked to continue next week.", addendum.Text);
        Assert.Equal(Later, addendum.CreatedAtUtc);
        Assert.Equal(note.Id, addendum.NoteId);
        Assert.Equal(Author, addendum.AuthorId);
        Assert.Same(addendum, Assert.Single(note.Amendments));
    }

    [Fact]
    public void A_correction_needs_the_part_corrected_the_new_text_and_a_reason()
    {
        var note = Signed();

        Assert.Equal(nameof(NoteAmendment.Section), Field(() => note.Amend(Author, new AmendmentRequest(AmendmentKind.Correction, "Typo", "Fixed", null, null), Today, Later)));
        Assert.Equal(nameof(NoteAmendment.Text), Field(() => note.Amend(Author, new AmendmentRequest(AmendmentKind.Correction, "Typo", " ", "Narrative", null), Today, Later)));
        Assert.Equal(nameof(NoteAmendment.Reason), Field(() => note.Amend(Author, new AmendmentRequest(AmendmentKind.Correction, null, "Fixed", "Narrative", null), Today, Later)));
        Assert.Empty(note.Amendments);

        var correction = note.Amend(Author, new AmendmentRequest(AmendmentKind.Correction, "Wrong day of the week", "Talked about the art class on Tuesday.", "Narrative", null), Today, Later);

        Assert.Equal("Narrative", correction.Section);
        Assert.Equal("Wrong day of the week", correction.Reason);
        Assert.Same(correction, note.LatestCorrectionOf("Narrative"));
        Assert.Equal("Talked about the art class and the week ahead.", note.Narrative);
    }

    [Theory]
    [InlineData("Goal")]
    [InlineData("Subjective")]
    [InlineData("ContentHash")]
    [InlineData("Nope")]
    public void A_correction_of_a_part_the_note_does_not_have_is_refused(string section)
    {
        var note = Signed();

        Assert.Equal(nameof(AmendmentRequest.Section), Field(() => note.Amend(Author, new AmendmentRequest(AmendmentKind.Correction, "Reason", "Text", section, null), Today, Later)));
        Assert.Empty(note.Amendments);
    }

    [Theory]
    [InlineData("Narrative")]
    [InlineData("YouthWords")]
    [InlineData("StrengthsObserved")]
    [InlineData("InterventionsUsed")]
    [InlineData("RiskFollowUp")]
    public void Every_written_part_of_the_note_can_be_corrected(string section) =>
        Assert.True(Signed().IsCorrectable(section));

    [Fact]
    public void The_latest_correction_of_a_part_is_the_one_shown()
    {
        var note = Signed();
        note.Amend(Author, new AmendmentRequest(AmendmentKind.Correction, "First", "First fix", "Narrative", null), Today, Later);
        var second = note.Amend(Author, new AmendmentRequest(AmendmentKind.Correction, "Second", "Second fix", "Narrative", null), Today, Later.AddMinutes(1));

        Assert.Same(second, note.LatestCorrectionOf("Narrative"));
        Assert.Null(note.LatestCorrectionOf("StrengthsObserved"));
    }

    [Fact]
    public void A_late_entry_needs_text_and_the_day_it_is_about_and_keeps_both_dates()
    {
        var note = Signed();

        Assert.Equal(nameof(NoteAmendment.Text), Field(() => note.Amend(Author, new AmendmentRequest(AmendmentKind.LateEntry, null, "", null, Today), Today, Later)));
        Assert.Equal(nameof(NoteAmendment.ServiceOn), Field(() => note.Amend(Author, new AmendmentRequest(AmendmentKind.LateEntry, null, "Phone call with the caseworker.", null, null), Today, Later)));

        var late = note.Amend(Author, new AmendmentRequest(AmendmentKind.LateEntry, null, "Phone call with the caseworker.", "Narrative", Today.AddDays(-3)), Today, Later);

        Assert.Equal(Today.AddDays(-3), late.ServiceOn);
        Assert.Equal(Later, late.CreatedAtUtc);
        Assert.Null(late.Section);
    }

    [Fact]
    public void A_late_entry_about_a_future_day_is_refused_and_today_is_accepted()
    {
        var note = Signed();

        Assert.Equal(nameof(NoteAmendment.ServiceOn), Field(() => note.Amend(Author, new AmendmentRequest(AmendmentKind.LateEntry, null, "Text", null, Today.AddDays(1)), Today, Later)));

        Assert.Equal(Today, note.Amend(Author, new AmendmentRequest(AmendmentKind.LateEntry, null, "Text", null, Today), Today, Later).ServiceOn);
    }

    [Fact]
    public void Entered_in_error_needs_a_reason_marks_the_note_and_keeps_its_text()
    {
        var note = Signed();

        Assert.Equal(nameof(NoteAmendment.Reason), Field(() => note.Amend(Author, new AmendmentRequest(AmendmentKind.EnteredInError, " ", null, null, null), Today, Later)));
        Assert.False(note.IsEnteredInError);

        var amendment = note.Amend(Author, new AmendmentRequest(AmendmentKind.EnteredInError, "Written for the wrong resident.", "ignored", "Narrative", Today), Today, Later);

        Assert.True(note.IsEnteredInError);
        Assert.Equal("Written for the wrong resident.", amendment.Reason);
        Assert.Null(amendment.Text);
        Assert.Null(amendment.Section);
        Assert.Null(amendment.ServiceOn);
        Assert.Equal("Talked about the art class and the week ahead.", note.Narrative);
        Assert.True(note.ContentHashMatches());
    }

    [Fact]
    public void A_note_entered_in_error_cannot_be_amended_again()
    {
        var note = Signed();
        note.Amend(Author, new AmendmentRequest(AmendmentKind.EnteredInError, "Wrong resident.", null, null, null), Today, Later);

        Assert.Throws<DomainRuleException>(() => note.Amend(Author, new AmendmentRequest(AmendmentKind.Addendum, null, "More", null, null), Today, Later));
        Assert.Single(note.Amendments);
    }

    [Fact]
    public void A_draft_cannot_be_amended()
    {
        var draft = new NoteBuilder().Build();

        Assert.Throws<DomainRuleException>(() => draft.Amend(Author, new AmendmentRequest(AmendmentKind.Addendum, null, "More", null, null), Today, Later));
        Assert.Empty(draft.Amendments);
    }

    [Fact]
    public void Someone_other_than_the_author_cannot_amend()
    {
        var note = Signed();

        Assert.Throws<DomainRuleException>(() => note.Amend("counselor-2", new AmendmentRequest(AmendmentKind.Addendum, null, "More", null, null), Today, Later));
        Assert.Empty(note.Amendments);
    }

    [Fact]
    public void A_note_waiting_for_a_co_signature_can_be_amended_without_changing_the_signed_text()
    {
        var note = new NoteBuilder().BuildSigned(needsCosign: true);

        note.Amend(Author, new AmendmentRequest(AmendmentKind.Addendum, null, "More information.", null, null), Today, Later);

        Assert.Equal(NoteStatus.CosignPending, note.Status);
        Assert.True(note.ContentHashMatches());
    }

    [Fact]
    public void Each_amendment_carries_a_hash_that_verifies_and_differs_between_amendments()
    {
        var note = Signed();
        var first = note.Amend(Author, new AmendmentRequest(AmendmentKind.Addendum, null, "Same text.", null, null), Today, Later);
        var second = note.Amend(Author, new AmendmentRequest(AmendmentKind.Addendum, null, "Same text.", null, null), Today, Later);

        Assert.Equal(64, first.ContentHash.Length);
        Assert.True(first.ContentHashMatches());
        Assert.True(second.ContentHashMatches());
        Assert.NotEqual(first.ContentHash, second.ContentHash);
        Assert.Equal(first.ComputeContentHash(), first.ContentHash);
    }
}
