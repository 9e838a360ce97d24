using SafeHome.Domain.Common;
using SafeHome.Domain.Residents;
using SafeHome.UnitTests.Builders;

namespace SafeHome.UnitTests.Domain;

public sealed class ResidentAssignCaseloadTests
{
    private const string Ada = "counselor-ada";
    private const string Bo = "counselor-bo";
    private const string Cy = "counselor-cy";

    private static readonly DateTime Now = ResidentBuilder.DefaultNowUtc;

    private static Resident NewResident() => new ResidentBuilder().Build();

    private static string[] Primaries(Resident resident) => [.. resident.Assignments.Where(a => a.IsPrimary).Select(a => a.CounselorId)];

    private static string[] Secondaries(Resident resident) => [.. resident.Assignments.Where(a => !a.IsPrimary).Select(a => a.CounselorId).Order(StringComparer.Ordinal)];

    [Fact]
    public void A_first_assignment_sets_one_primary_and_the_secondaries()
    {
        var resident = NewResident();

        resident.AssignCaseload(Ada, [Bo, Cy], Now);

        Assert.Equal(Ada, resident.PrimaryCounselorId);
        Assert.Equal([Ada], Primaries(resident));
        Assert.Equal([Bo, Cy], Secondaries(resident));
        Assert.All(resident.Assignments, a =>
        {
            Assert.Equal(resident.Id, a.ResidentId);
            Assert.Equal(Now, a.AssignedAtUtc);
        });
    }

    [Fact]
    public void A_resident_without_assignments_has_no_primary()
    {
        var resident = NewResident();

        Assert.Null(resident.PrimaryCounselorId);
        Assert.False(resident.IsOnCaseloadOf(Ada));
    }

    [Fact]
    public void A_new_primary_replaces_the_old_one()
    {
        var resident = NewResident();
        resident.AssignCaseload(Ada, [], Now);

        resident.AssignCaseload(Bo, [], Now.AddDays(1));

        Assert.Equal([Bo], Primaries(resident));
        Assert.Equal(Bo, resident.PrimaryCounselorId);
        Assert.False(resident.IsOnCaseloadOf(Ada));
        Assert.Equal(Now.AddDays(1), Assert.Single(resident.Assignments).AssignedAtUtc);
    }

    [Fact]
    public void A_replaced_primary_can_stay_on_as_a_secondary()
    {
        var resident = NewResident();
        resident.AssignCaseload(Ada, [], Now);

        resident.AssignCaseload(Bo, [Ada], Now);

        Assert.Equal([Bo], Primaries(resident));
        Assert.Equal([Ada], Secondaries(resident));
    }

    [Fact]
    public void A_former_secondary_promoted_to_primary_is_not_also_a_secondary()
    {
        var resident = NewResident();
        resident.AssignCaseload(Ada, [Bo, Cy], Now);

        resident.AssignCaseload(Bo, [Cy], Now.AddDays(1));

        Assert.Equal([Bo], Primaries(resident));
        Assert.Equal([Cy], Secondaries(resident));
        Assert.Single(resident.Assignments, a => a.CounselorId == Bo);
    }

    [Fact]
    public void A_former_secondary_promoted_while_still_listed_as_secondary_is_only_primary()
    {
        var resident = NewResident();
        resident.AssignCaseload(Ada, [Bo], Now);

        resident.AssignCaseload(Bo, [Bo, Ada], Now.AddDays(1));

        var bo = Assert.Single(resident.Assignments, a => a.CounselorId == Bo);
        Assert.True(bo.IsPrimary);
        Assert.Equal([Ada], Secondaries(resident));
    }

    [Fact]
    public void Keeping_the_same_primary_keeps_the_original_assignment()
    {
        var resident = NewResident();
        resident.AssignCaseload(Ada, [Bo], Now);
        var original = Assert.Single(resident.Assignments, a => a.IsPrimary);

        resident.AssignCaseload(Ada, [Cy], Now.AddDays(3));

        Assert.Same(original, Assert.Single(resident.Assignments, a => a.IsPrimary));
        Assert.Equal(Now, original.AssignedAtUtc);
        Assert.Equal([Cy], Secondaries(resident));
    }

    [Fact]
    public void Repeated_secondaries_are_assigned_once()
    {
        var resident = NewResident();

        resident.AssignCaseload(Ada, [Bo, Cy, Bo, Cy, Bo], Now);

        Assert.Equal([Bo, Cy], Secondaries(resident));
        Assert.Equal(3, resident.Assignments.Count);
    }

    [Fact]
    public void The_primary_listed_among_the_secondaries_is_ignored_there()
    {
        var resident = NewResident();

        resident.AssignCaseload(Ada, [Ada, Bo], Now);

        var ada = Assert.Single(resident.Assignments, a => a.CounselorId == Ada);
        Assert.True(ada.IsPrimary);
        Assert.Equal([Bo], Secondaries(resident));
    }

    [Fact]
    public void Five_secondaries_are_accepted()
    {
        var resident = NewResident();
        var five = Enumerable.Range(1, 5).Select(i => $"secondary-{i}").ToArray();

        resident.AssignCaseload(Ada, five, Now);

        Assert.Equal(five, Secondaries(resident));
    }

    [Fact]
    public void Duplicates_and_the_primary_do_not_count_towards_the_limit_of_five()
    {
        var resident = NewResident();
        var five = Enumerable.Range(1, 5).Select(i => $"secondary-{i}").ToArray();

        resident.AssignCaseload(Ada, [.. five, Ada, five[0], five[4]], Now);

        Assert.Equal(five, Secondaries(resident));
    }

    [Fact]
    public void More_than_five_secondaries_are_refused_and_the_caseload_is_unchanged()
    {
        var resident = NewResident();
        resident.AssignCaseload(Ada, [Bo], Now);
        var six = Enumerable.Range(1, 6).Select(i => $"secondary-{i}").ToArray();

        var error = Assert.Throws<DomainRuleException>(() => resident.AssignCaseload(Cy, six, Now));

        Assert.Equal("SecondaryCounselorIds", error.Field);
        Assert.Equal(Ada, resident.PrimaryCounselorId);
        Assert.Equal([Bo], Secondaries(resident));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_primary_is_refused(string primary)
    {
        var resident = NewResident();

        Assert.ThrowsAny<ArgumentException>(() => resident.AssignCaseload(primary, [Bo], Now));
        Assert.Empty(resident.Assignments);
    }

    [Fact]
    public void The_resident_is_on_the_caseload_of_the_primary_and_the_secondaries_only()
    {
        var resident = NewResident();
        resident.AssignCaseload(Ada, [Bo], Now);

        Assert.True(resident.IsOnCaseloadOf(Ada));
        Assert.True(resident.IsOnCaseloadOf(Bo));
        Assert.False(resident.IsOnCaseloadOf(Cy));
        Assert.False(resident.IsOnCaseloadOf(Ada.ToUpperInvariant()));
    }

    [Fact]
    public void A_counselor_dropped_from_the_caseload_no_longer_has_the_resident()
    {
        var resident = NewResident();
        resident.AssignCaseload(Ada, [Bo], Now);

        resident.AssignCaseload(Ada, [], Now);

        Assert.False(resident.IsOnCaseloadOf(Bo));
        Assert.True(resident.IsOnCaseloadOf(Ada));
    }
}
