using SafeHome.Domain.Common;
using SafeHome.Domain.Notes;
using SafeHome.UnitTests.Builders;

namespace SafeHome.UnitTests.Notes;

/// The lifecycle of a progress note (DOMAIN.md §6A): a draft changes only by its author, signing needs the required
/// parts and locks the text under a hash, co-signing and returning, and the service-time rules.
public sealed class ProgressNoteTests
{
    private const string Author = NoteBuilder.Author;
    private const string Director = NoteBuilder.Director;
    private static readonly DateTime Now = NoteBuilder.NowUtc;

    private static LanguageFinding Finding(LexiconSeverity severity, string term = "pimp") =>
        new(nameof(NoteSection.Narrative), Guid.Empty, term, term, 0, "trafficker", "Invented explanation.", severity);

    private static string Field(Action action) => Assert.Throws<DomainRuleException>(action).Field;

    [Fact]
    public void A_started_note_is_a_draft_of_its_author_with_the_content_cleaned()
    {
        var note = new NoteBuilder().WithSection(NoteSection.Narrative, "  Went to the library together.  ").Build();

        Assert.Equal(NoteStatus.Draft, note.Status);
        Assert.False(note.IsLocked);
        Assert.Equal(Author, note.AuthorId);
        Assert.Equal(NoteBuilder.StayId, note.StayId);
        Assert.Equal("Went to the library together.", note.Narrative);
        Assert.Null(note.ContentHash);
        Assert.Null(note.SignedAtUtc);
    }

    [Fact]
    public void The_author_can_save_a_half_written_draft()
    {
        var note = new NoteBuilder().WithSection(NoteSection.Narrative, null).WithStrengths(null).WithRisks(null, null, null).Build();

        Assert.Null(note.Narrative);
        Assert.Null(note.StrengthsObserved);
        Assert.Null(note.RiskSelfHarm);
    }

    [Fact]
    public void Someone_other_than_the_author_cannot_edit_or_sign_a_draft()
    {
        var note = new NoteBuilder().Build();
        var changed = new NoteBuilder().WithSection(NoteSection.Narrative, "Changed by someone else.").Content();

        Assert.Throws<DomainRuleException>(() => note.UpdateDraft("counselor-2", changed, [], NoteBuilder.Window, Now));
        Assert.Throws<DomainRuleException>(() => note.Sign("counselor-2", [], null, false, Now));

        Assert.Equal("Talked about the art class and the week ahead.", note.Narrative);
        Assert.Equal(NoteStatus.Draft, note.Status);
    }

    [Fact]
    public void Signing_locks_the_note_with_signer_time_and_a_hash_of_its_content()
    {
        var note = new NoteBuilder().Build();

        note.Sign(Author, [], null, needsCosign: false, Now);

        Assert.Equal(NoteStatus.Signed, note.Status);
        Assert.True(note.IsLocked);
        Assert.Equal(Now, note.SignedAtUtc);
        Assert.Equal(Author, note.SignedById);
        Assert.Equal(64, note.ContentHash?.Length);
        Assert.True(note.ContentHashMatches());
    }

    [Fact]
    public void A_signed_note_cannot_be_edited_and_the_attempt_changes_nothing()
    {
        var note = new NoteBuilder().BuildSigned();
        var hash = note.ContentHash;
        var changed = new NoteBuilder().WithSection(NoteSection.Narrative, "Rewritten after signing.").WithStrengths("Different").Content();

        var error = Assert.Throws<DomainRuleException>(() => note.UpdateDraft(Author, changed, [], NoteBuilder.Window, Now.AddMinutes(5)));

        Assert.Contains("amendment", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Talked about the art class and the week ahead.", note.Narrative);
        Assert.Equal("Asked for help when stuck", note.StrengthsObserved);
        Assert.Equal(Now, note.UpdatedAtUtc);
        Assert.Equal(hash, note.ContentHash);
        Assert.True(note.ContentHashMatches());
    }

    [Fact]
    public void A_signed_note_cannot_be_signed_again()
    {
        var note = new NoteBuilder().BuildSigned();

        Assert.Throws<DomainRuleException>(() => note.Sign(Author, [], null, false, Now.AddMinutes(1)));
        Assert.Equal(Now, note.SignedAtUtc);
    }

    [Theory]
    [InlineData(NoteFormat.Girp)]
    [InlineData(NoteFormat.Dap)]
    [InlineData(NoteFormat.Soap)]
    [InlineData(NoteFormat.Birp)]
    [InlineData(NoteFormat.Narrative)]
    public void Signing_needs_every_section_of_the_format(NoteFormat format)
    {
        foreach (var missing in NoteFormats.SectionsOf(format))
        {
            var note = new NoteBuilder().InFormat(format).WithSection(missing.Section, "   ").Build();

            Assert.Equal(missing.Section.ToString(), Field(() => note.Sign(Author, [], null, false, Now)));
            Assert.Equal(NoteStatus.Draft, note.Status);
        }

        var complete = new NoteBuilder().InFormat(format).Build();
        complete.Sign(Author, [], null, false, Now);
        Assert.Equal(NoteStatus.Signed, complete.Status);
    }

    [Fact]
    public void Signing_needs_a_strength()
    {
        var note = new NoteBuilder().WithStrengths(" ").Build();

        Assert.Equal(nameof(ProgressNote.StrengthsObserved), Field(() => note.Sign(Author, [], null, false, Now)));
        Assert.Null(note.SignedAtUtc);
    }

    [Theory]
    [InlineData(null, false, false, nameof(ProgressNote.RiskSelfHarm))]
    [InlineData(false, null, false, nameof(ProgressNote.RiskExploiterContact))]
    [InlineData(false, false, null, nameof(ProgressNote.RiskMissing))]
    public void Signing_needs_every_risk_question_answered(bool? selfHarm, bool? exploiter, bool? missing, string field)
    {
        var note = new NoteBuilder().WithRisks(selfHarm, exploiter, missing).Build();

        Assert.Equal(field, Field(() => note.Sign(Author, [], null, false, Now)));
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void A_risk_answered_yes_needs_the_follow_up_even_in_a_draft(bool selfHarm, bool exploiter, bool missing)
    {
        Assert.Equal(nameof(ProgressNote.RiskFollowUp), Field(() => new NoteBuilder().WithRisks(selfHarm, exploiter, missing, "  ").Build()));

        var note = new NoteBuilder().WithRisks(selfHarm, exploiter, missing, "Safety plan reviewed; supervisor told.").Build();
        note.Sign(Author, [], null, false, Now);
        Assert.True(note.HasRiskYes);
        Assert.Equal("Safety plan reviewed; supervisor told.", note.RiskFollowUp);
    }

    [Fact]
    public void A_block_on_sign_term_needs_a_reason_which_is_stored_with_the_findings()
    {
        var note = new NoteBuilder().Build();
        var findings = new[] { Finding(LexiconSeverity.BlockOnSign), Finding(LexiconSeverity.Warn, "runaway") };

        Assert.Equal(nameof(ProgressNote.LanguageOverrideReason), Field(() => note.Sign(Author, findings, "  ", false, Now)));
        Assert.Equal(NoteStatus.Draft, note.Status);

        note.Sign(Author, findings, "  Direct quote from the police report.  ", false, Now);

        Assert.Equal(NoteStatus.Signed, note.Status);
        Assert.Equal("Direct quote from the police report.", note.LanguageOverrideReason);
        Assert.Equal(["pimp", "runaway"], note.LanguageFindings.Select(f => f.Term));
        Assert.Equal([LexiconSeverity.BlockOnSign, LexiconSeverity.Warn], note.LanguageFindings.Select(f => f.Severity));
    }

    [Fact]
    public void Warnings_alone_sign_without_a_reason_and_a_reason_given_anyway_is_not_kept()
    {
        var note = new NoteBuilder().Build();

        note.Sign(Author, [Finding(LexiconSeverity.Warn), Finding(LexiconSeverity.Suggest)], "Not needed", false, Now);

        Assert.Equal(NoteStatus.Signed, note.Status);
        Assert.Null(note.LanguageOverrideReason);
        Assert.Equal(2, note.LanguageFindings.Count);
    }

    [Fact]
    public void An_override_reason_longer_than_the_limit_is_refused()
    {
        var note = new NoteBuilder().Build();

        var field = Field(() => note.Sign(Author, [Finding(LexiconSeverity.BlockOnSign)], new string('r', ProgressNote.MaxLength.Reason + 1), false, Now));

        Assert.Equal(nameof(ProgressNote.LanguageOverrideReason), field);
        Assert.Equal(NoteStatus.Draft, note.Status);
    }

    [Fact]
    public void A_note_of_staff_who_need_supervision_waits_for_a_co_signature()
    {
        var note = new NoteBuilder().BuildSigned(needsCosign: true);

        Assert.Equal(NoteStatus.CosignPending, note.Status);
        Assert.True(note.IsLocked);
        Assert.True(note.ContentHashMatches());

        note.Cosign(Director, Now.AddHours(1));

        Assert.Equal(NoteStatus.Cosigned, note.Status);
        Assert.Equal(Director, note.CosignedById);
        Assert.Equal(Now.AddHours(1), note.CosignedAtUtc);
        Assert.True(note.ContentHashMatches());
    }

    [Fact]
    public void The_author_cannot_co_sign_their_own_note()
    {
        var note = new NoteBuilder().BuildSigned(needsCosign: true);

        Assert.Throws<DomainRuleException>(() => note.Cosign(Author, Now));

        Assert.Equal(NoteStatus.CosignPending, note.Status);
        Assert.Null(note.CosignedById);
    }

    [Fact]
    public void Only_a_note_waiting_for_a_co_signature_can_be_co_signed_or_returned()
    {
        var signed = new NoteBuilder().BuildSigned();
        var draft = new NoteBuilder().Build();

        Assert.Throws<DomainRuleException>(() => signed.Cosign(Director, Now));
        Assert.Throws<DomainRuleException>(() => draft.Cosign(Director, Now));
        Assert.Throws<DomainRuleException>(() => signed.ReturnToAuthor(Director, "Please add the plan.", Now));
        Assert.Equal(NoteStatus.Signed, signed.Status);
    }

    [Fact]
    public void Returning_a_note_needs_comments_and_withdraws_the_signature()
    {
        var note = new NoteBuilder().Build();
        note.Sign(Author, [Finding(LexiconSeverity.BlockOnSign)], "Quoted from a court order.", needsCosign: true, Now);

        Assert.Equal(nameof(ProgressNote.ReturnComments), Field(() => note.ReturnToAuthor(Director, " \n ", Now)));
        Assert.Equal(NoteStatus.CosignPending, note.Status);

        note.ReturnToAuthor(Director, "Describe what happened before the group ended.", Now.AddHours(2));

        Assert.Equal(NoteStatus.Draft, note.Status);
        Assert.Equal("Describe what happened before the group ended.", note.ReturnComments);
        Assert.Equal(Director, note.ReturnedById);
        Assert.Equal(Now.AddHours(2), note.ReturnedAtUtc);
        Assert.Null(note.SignedAtUtc);
        Assert.Null(note.SignedById);
        Assert.Null(note.ContentHash);
        Assert.Null(note.LanguageOverrideReason);
        Assert.Empty(note.LanguageFindings);
    }

    [Fact]
    public void A_returned_note_can_be_edited_and_signed_again_which_clears_the_comments()
    {
        var note = new NoteBuilder().BuildSigned(needsCosign: true);
        note.ReturnToAuthor(Director, "Add the youth's response.", Now);
        var revised = new NoteBuilder().WithSection(NoteSection.Narrative, "Talked about the art class; the youth chose the next topic.").Content();

        note.UpdateDraft(Author, revised, [], NoteBuilder.Window, Now.AddMinutes(30));
        note.Sign(Author, [], null, needsCosign: true, Now.AddMinutes(31));

        Assert.Equal(NoteStatus.CosignPending, note.Status);
        Assert.Null(note.ReturnComments);
        Assert.Null(note.ReturnedById);
        Assert.True(note.ContentHashMatches());
    }

    public static TheoryData<string, Func<NoteBuilder, NoteBuilder>> SignedFieldChanges() => new()
    {
        { "type", b => b.OfType(NoteType.Crisis) },
        { "service start", b => b.Between(NoteBuilder.NowUtc.AddHours(-3), NoteBuilder.NowUtc.AddHours(-1)) },
        { "service end", b => b.Between(NoteBuilder.NowUtc.AddHours(-2), NoteBuilder.NowUtc.AddMinutes(-30)) },
        { "section", b => b.WithSection(NoteSection.Narrative, "Talked about the art class and the week after.") },
        { "format", b => b.InFormat(NoteFormat.Dap) },
        { "youth words", b => b.WithYouthWords("I liked the painting part.") },
        { "strengths", b => b.WithStrengths("Asked for help early") },
        { "interventions", b => b.WithInterventions("Walk and talk") },
        { "risk answer", b => b.WithRisks(false, false, true, "Safety plan reviewed.") },
        { "follow-up", b => b.WithRisks(true, false, false, "Supervisor told.") },
        { "goal link", b => b.LinkedTo(new NoteLinkTarget(new Guid("5afe0000-0000-4000-8000-0000000000c1"), Guid.NewGuid(), null, null)) },
    };

    [Theory]
    [MemberData(nameof(SignedFieldChanges))]
    public void The_content_hash_changes_when_any_signed_field_changes(string field, Func<NoteBuilder, NoteBuilder> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var id = Guid.NewGuid();
        var baseline = new NoteBuilder().WithRisks(true, false, false, "Safety plan reviewed.").WithId(id);
        var original = baseline.Build();
        var changed = change(new NoteBuilder().WithRisks(true, false, false, "Safety plan reviewed.").WithId(id)).Build();

        Assert.True(original.ComputeContentHash() != changed.ComputeContentHash(), $"Changing the {field} left the hash as it was.");
        Assert.Equal(original.ComputeContentHash(), baseline.Build().ComputeContentHash());
    }

    [Fact]
    public void The_content_hash_does_not_change_with_sensitivity_or_co_signature()
    {
        var note = new NoteBuilder().BuildSigned(needsCosign: true);
        var hash = note.ContentHash;

        note.MarkSensitive(true);
        Assert.True(note.IsSensitive);
        Assert.Equal(hash, note.ComputeContentHash());

        note.Cosign(Director, Now);
        Assert.True(note.ContentHashMatches());
    }

    [Fact]
    public void Switching_format_drops_the_sections_the_new_format_does_not_have()
    {
        var note = new NoteBuilder().InFormat(NoteFormat.Soap).Build();
        Assert.NotNull(note.Subjective);

        var dap = new NoteBuilder().InFormat(NoteFormat.Dap)
            .WithSection(NoteSection.Subjective, "Left over from SOAP")
            .WithSection(NoteSection.Objective, "Left over from SOAP")
            .Content();
        note.UpdateDraft(Author, dap, [], NoteBuilder.Window, Now);

        Assert.Equal(NoteFormat.Dap, note.Format);
        Assert.Null(note.Subjective);
        Assert.Null(note.Objective);
        Assert.NotNull(note.Data);
        Assert.NotNull(note.Assessment);
        Assert.NotNull(note.Plan);
        Assert.Equal(["Data", "Assessment", "Plan", "StrengthsObserved", "InterventionsUsed"], note.CheckedTexts().Select(t => t.Field));
    }

    [Fact]
    public void The_language_check_reads_staff_text_but_not_the_youths_own_words()
    {
        var note = new NoteBuilder().WithYouthWords("My boyfriend said so.").WithRisks(false, true, false, "Told the supervisor.").Build();

        var fields = note.CheckedTexts().Select(t => t.Field).ToList();

        Assert.Equal(["Narrative", "StrengthsObserved", "InterventionsUsed", "RiskFollowUp"], fields);
        Assert.DoesNotContain(nameof(ProgressNote.YouthWords), fields);
    }

    [Fact]
    public void Links_are_kept_once_per_goal_and_objective_and_replaced_on_edit()
    {
        var goal = new NoteLinkTarget(Guid.NewGuid(), Guid.NewGuid(), null, null);
        var objective = new NoteLinkTarget(goal.GoalId, goal.GoalLineageId, Guid.NewGuid(), Guid.NewGuid());
        var note = new NoteBuilder().LinkedTo(goal, goal, objective).Build();

        Assert.Equal(2, note.Links.Count);
        Assert.All(note.Links, l => Assert.Equal(goal.GoalLineageId, l.GoalLineageId));

        note.UpdateDraft(Author, new NoteBuilder().Content(), [objective], NoteBuilder.Window, Now);

        var link = Assert.Single(note.Links);
        Assert.Equal(objective.ObjectiveLineageId, link.ObjectiveLineageId);
    }

    [Fact]
    public void A_service_that_ends_before_it_starts_is_refused()
    {
        var builder = new NoteBuilder().Between(Now.AddHours(-1), Now.AddHours(-2));

        Assert.Equal("ServiceEnd", Field(() => builder.Build()));
    }

    [Fact]
    public void A_service_that_starts_or_ends_in_the_future_is_refused()
    {
        Assert.Equal("ServiceStart", Field(() => new NoteBuilder().Between(Now.AddMinutes(1), Now.AddHours(1)).Build()));
        Assert.Equal("ServiceEnd", Field(() => new NoteBuilder().Between(Now.AddHours(-1), Now.AddMinutes(1)).Build()));
    }

    [Fact]
    public void A_service_that_ends_exactly_now_is_accepted() =>
        Assert.Equal(Now, new NoteBuilder().Between(Now.AddHours(-1), Now).Build().ServiceEndUtc);

    [Fact]
    public void A_service_outside_every_stay_is_refused()
    {
        var longAgo = new DateTime(2024, 1, 10, 10, 0, 0, DateTimeKind.Utc);

        Assert.Equal("ServiceStart", Field(() => new NoteBuilder().Between(longAgo, longAgo.AddHours(1)).Build()));
    }

    [Fact]
    public void A_service_after_discharge_is_refused()
    {
        var discharged = new ServiceWindow([(NoteBuilder.StayId, NoteBuilder.Today.AddYears(-1), NoteBuilder.Today.AddDays(-2))], TimeZoneInfo.Utc);
        var content = new NoteBuilder().Content();

        Assert.Equal("ServiceStart", Field(() => ProgressNote.Start(NoteBuilder.ResidentId, Author, content, [], discharged, Now)));
    }

    [Fact]
    public void A_note_is_put_in_the_stay_its_service_falls_in()
    {
        var earlier = Guid.NewGuid();
        var window = new ServiceWindow(
            [(earlier, NoteBuilder.Today.AddYears(-2), NoteBuilder.Today.AddYears(-1)), (NoteBuilder.StayId, NoteBuilder.Today.AddDays(-10), null)],
            TimeZoneInfo.Utc);

        var note = ProgressNote.Start(NoteBuilder.ResidentId, Author, new NoteBuilder().Content(), [], window, Now);

        Assert.Equal(NoteBuilder.StayId, note.StayId);
    }

    [Fact]
    public void A_service_longer_than_24_hours_is_refused_and_exactly_24_is_accepted()
    {
        Assert.Equal("ServiceEnd", Field(() => new NoteBuilder().Between(Now.AddHours(-25).AddMinutes(-1), Now.AddHours(-1)).Build()));

        var note = new NoteBuilder().Between(Now.AddHours(-25), Now.AddHours(-1)).Build();
        Assert.Equal(ProgressNote.LongestService, note.ServiceEndUtc - note.ServiceStartUtc);
    }

    [Fact]
    public void A_refused_edit_of_a_draft_keeps_the_draft_as_it_was()
    {
        var note = new NoteBuilder().Build();
        var bad = new NoteBuilder().WithSection(NoteSection.Narrative, "New text").Between(Now.AddHours(-1), Now.AddHours(1)).Content();

        Assert.Throws<DomainRuleException>(() => note.UpdateDraft(Author, bad, [], NoteBuilder.Window, Now));

        Assert.Equal("Talked about the art class and the week ahead.", note.Narrative);
        Assert.Equal(Now.AddHours(-1), note.ServiceEndUtc);
    }

    [Fact]
    public void The_signing_deadline_counts_from_the_end_of_the_service()
    {
        var note = new NoteBuilder().Build();

        Assert.Equal(note.ServiceEndUtc.AddHours(24), note.SignDueAtUtc(TimeSpan.FromHours(24)));
    }
}
