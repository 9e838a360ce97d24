using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations;
using SafeHome.Domain.Notes;

namespace SafeHome.Data;

/// Brings a revision of the seeded lexicon to a database, as plain SQL inside a migration: an entry no director has
/// edited (its version is still 0) takes the new wording and context; an entry a director has edited is left exactly
/// as it is; a new entry is added unless a director already has a term of that spelling. A model seed (HasData)
/// cannot do this: it would overwrite the director's edits.
public static class LexiconSeeding
{
    private static readonly string[] Columns =
    [
        "Term", "NormalizedTerm", "Preferred", "Explanation", "Severity", "IsActive", "Source", "OtherForms", "PrecededBy",
        "NotPrecededBy", "FollowedBy", "FollowedWithin", "NotFollowedBy", "NearWords", "NearWithin", "SkipNames",
    ];

    public static void Apply(MigrationBuilder migrationBuilder, IReadOnlyList<SeedTerm> revision)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        ArgumentNullException.ThrowIfNull(revision);
        var postgres = migrationBuilder.ActiveProvider?.Contains("Npgsql", StringComparison.Ordinal) == true;
        foreach (var seed in revision)
        {
            var term = LexiconTerm.From(seed);
            var id = postgres ? $"CAST('{seed.Id:D}' AS uuid)" : $"'{seed.Id.ToString("D").ToUpperInvariant()}'";
            string[] values =
            [
                Text(term.Term), Text(term.NormalizedTerm), Text(term.Preferred), Text(term.Explanation), Text(term.Severity.ToString()),
                Bool(seed.IsActive, postgres), Text(term.Source), Text(term.OtherForms), Text(term.PrecededBy), Text(term.NotPrecededBy),
                Text(term.FollowedBy), Number(term.FollowedWithin), Text(term.NotFollowedBy), Text(term.NearWords), Number(term.NearWithin),
                Bool(term.SkipNames, postgres),
            ];
            var spelledElsewhere = $"SELECT 1 FROM \"LexiconTerms\" AS \"other\" WHERE \"other\".\"NormalizedTerm\" = {Text(term.NormalizedTerm)} AND \"other\".\"Id\" <> {id}";
            migrationBuilder.Sql(
                $"UPDATE \"LexiconTerms\" SET {string.Join(", ", Columns.Zip(values, (c, v) => $"\"{c}\" = {v}"))} "
                + $"WHERE \"Id\" = {id} AND \"Version\" = 0 AND NOT EXISTS ({spelledElsewhere});");
            migrationBuilder.Sql(
                $"INSERT INTO \"LexiconTerms\" (\"Id\", \"Version\", {string.Join(", ", Columns.Select(c => $"\"{c}\""))}) "
                + $"SELECT {id}, 0, {string.Join(", ", values)} "
                + $"WHERE NOT EXISTS (SELECT 1 FROM \"LexiconTerms\" AS \"other\" WHERE \"other\".\"Id\" = {id} OR \"other\".\"NormalizedTerm\" = {Text(term.NormalizedTerm)});");
        }
    }

    private static string Text(string? value) => value is null ? "NULL" : $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    private static string Bool(bool value, bool postgres) => postgres ? (value ? "TRUE" : "FALSE") : (value ? "1" : "0");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
