using SafeHome.Domain.Common;
using SafeHome.Domain.Residents;
using SafeHome.UnitTests.Builders;

namespace SafeHome.UnitTests.Domain;

public sealed class StayDischargeTests
{
    private static readonly DateOnly AdmittedOn = new(2025, 6, 2);
    private static readonly DateOnly Today = new(2025, 9, 15);

    private static (Resident Resident, Stay Stay) OpenStay()
    {
        var resident = new ResidentBuilder().Build();
        return (resident, resident.AdmitOn(AdmittedOn, Today));
    }

    private static void Discharge(Stay stay, DateOnly dischargedOn) =>
        stay.Discharge(dischargedOn, DischargeType.Unplanned, DischargeReason.StepDownLessRestrictive, DischargeDestination.FamilyFoster, Today);

    [Fact]
    public void A_discharge_closes_the_stay_and_records_its_outcome()
    {
        var (resident, stay) = OpenStay();
        var dischargedOn = AdmittedOn.AddDays(40);

        Discharge(stay, dischargedOn);

        Assert.Equal(dischargedOn, stay.DischargedOn);
        Assert.Equal(DischargeType.Unplanned, stay.DischargeType);
        Assert.Equal(DischargeReason.StepDownLessRestrictive, stay.DischargeReason);
        Assert.Equal(DischargeDestination.FamilyFoster, stay.DischargeDestination);
        Assert.False(stay.IsOpen);
        Assert.Null(resident.CurrentStay);
    }

    [Fact]
    public void A_discharge_before_the_admission_date_is_refused()
    {
        var (_, stay) = OpenStay();

        var error = Assert.Throws<DomainRuleException>(() => Discharge(stay, AdmittedOn.AddDays(-1)));

        Assert.Equal(nameof(Stay.DischargedOn), error.Field);
        Assert.Contains(AdmittedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.True(stay.IsOpen);
        Assert.Null(stay.DischargeReason);
    }

    [Fact]
    public void A_discharge_on_the_admission_day_is_allowed()
    {
        var (_, stay) = OpenStay();

        Discharge(stay, AdmittedOn);

        Assert.Equal(stay.AdmittedOn, stay.DischargedOn);
    }

    [Fact]
    public void A_discharge_today_is_allowed()
    {
        var (_, stay) = OpenStay();

        Discharge(stay, Today);

        Assert.Equal(Today, stay.DischargedOn);
    }

    [Fact]
    public void A_discharge_in_the_future_is_refused()
    {
        var (_, stay) = OpenStay();

        var error = Assert.Throws<DomainRuleException>(() => Discharge(stay, Today.AddDays(1)));

        Assert.Equal(nameof(Stay.DischargedOn), error.Field);
        Assert.True(stay.IsOpen);
    }

    [Fact]
    public void A_stay_cannot_be_discharged_twice()
    {
        var (_, stay) = OpenStay();
        var first = AdmittedOn.AddDays(10);
        Discharge(stay, first);

        var error = Assert.Throws<DomainRuleException>(() =>
            stay.Discharge(first.AddDays(5), DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.Reunification, Today));

        Assert.Equal(nameof(Stay.DischargedOn), error.Field);
        Assert.Equal(first, stay.DischargedOn);
        Assert.Equal(DischargeType.Unplanned, stay.DischargeType);
        Assert.Equal(DischargeDestination.FamilyFoster, stay.DischargeDestination);
    }

    [Fact]
    public void The_documents_the_youth_leaves_with_are_kept_with_the_discharge()
    {
        var (_, stay) = OpenStay();
        const IdentityDocuments documents = IdentityDocuments.BirthCertificate | IdentityDocuments.MedicalRecords;

        stay.Discharge(AdmittedOn.AddDays(30), DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.Reunification, Today, documents);

        Assert.Equal(documents, stay.DocumentsAtExit);
    }

    [Fact]
    public void A_discharge_without_the_checklist_leaves_the_documents_not_recorded_and_none_is_kept_as_none()
    {
        var (_, unrecorded) = OpenStay();
        var (_, none) = OpenStay();

        Discharge(unrecorded, AdmittedOn.AddDays(30));
        none.Discharge(AdmittedOn.AddDays(30), DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.Reunification, Today, IdentityDocuments.None);

        Assert.Null(unrecorded.DocumentsAtExit);
        Assert.Equal(IdentityDocuments.None, none.DocumentsAtExit);
    }

    [Fact]
    public void A_document_outside_the_checklist_is_refused_and_the_stay_stays_open()
    {
        var (_, stay) = OpenStay();

        var error = Assert.Throws<DomainRuleException>(() =>
            stay.Discharge(AdmittedOn.AddDays(30), DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.Reunification, Today, (IdentityDocuments)64));

        Assert.Equal(nameof(Stay.DocumentsAtExit), error.Field);
        Assert.True(stay.IsOpen);
    }
}
