namespace SafeHome.Domain.Residents;

/// The ages a home is licensed to admit; configurable per site (Intake:MinAgeAtAdmission/MaxAgeAtAdmission).
public sealed record AdmissionAgeRange(int Min, int Max)
{
    public static AdmissionAgeRange Default { get; } = new(10, 21);

    public bool Contains(int age) => age >= Min && age <= Max;
}

public static class Ages
{
    public static int YearsOn(DateOnly dateOfBirth, DateOnly on)
    {
        var years = on.Year - dateOfBirth.Year;
        if (on < dateOfBirth.AddYears(years))
        {
            years--;
        }

        return years;
    }
}
