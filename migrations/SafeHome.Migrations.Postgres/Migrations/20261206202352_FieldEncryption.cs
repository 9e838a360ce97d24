using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeHome.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FieldEncryption : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Referrals",
                table: "ReturnDebrief",
                type: "character varying(16060)",
                maxLength: 16060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "HarmDetails",
                table: "ReturnDebrief",
                type: "character varying(16060)",
                maxLength: 16060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Experiences",
                table: "ReturnDebrief",
                type: "character varying(16060)",
                maxLength: 16060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "DeclinedReason",
                table: "ReturnDebrief",
                type: "character varying(16060)",
                maxLength: 16060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "LegalName",
                table: "Residents",
                type: "character varying(860)",
                maxLength: 860,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "CourtCaseNumber",
                table: "Residents",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(60)",
                oldMaxLength: 60,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "YouthWords",
                table: "ProgressNotes",
                type: "character varying(16060)",
                maxLength: 16060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Subjective",
                table: "ProgressNotes",
                type: "character varying(40060)",
                maxLength: 40060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10000)",
                oldMaxLength: 10000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "StrengthsObserved",
                table: "ProgressNotes",
                type: "character varying(8060)",
                maxLength: 8060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "RiskFollowUp",
                table: "ProgressNotes",
                type: "character varying(8060)",
                maxLength: 8060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Response",
                table: "ProgressNotes",
                type: "character varying(40060)",
                maxLength: 40060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10000)",
                oldMaxLength: 10000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Plan",
                table: "ProgressNotes",
                type: "character varying(40060)",
                maxLength: 40060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10000)",
                oldMaxLength: 10000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Objective",
                table: "ProgressNotes",
                type: "character varying(40060)",
                maxLength: 40060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10000)",
                oldMaxLength: 10000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Narrative",
                table: "ProgressNotes",
                type: "character varying(40060)",
                maxLength: 40060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10000)",
                oldMaxLength: 10000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "InterventionsUsed",
                table: "ProgressNotes",
                type: "character varying(4060)",
                maxLength: 4060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Intervention",
                table: "ProgressNotes",
                type: "character varying(40060)",
                maxLength: 40060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10000)",
                oldMaxLength: 10000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Goal",
                table: "ProgressNotes",
                type: "character varying(40060)",
                maxLength: 40060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10000)",
                oldMaxLength: 10000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Data",
                table: "ProgressNotes",
                type: "character varying(40060)",
                maxLength: 40060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10000)",
                oldMaxLength: 10000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Behavior",
                table: "ProgressNotes",
                type: "character varying(40060)",
                maxLength: 40060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10000)",
                oldMaxLength: 10000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Assessment",
                table: "ProgressNotes",
                type: "character varying(40060)",
                maxLength: 40060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10000)",
                oldMaxLength: 10000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Text",
                table: "NoteAmendments",
                type: "character varying(40060)",
                maxLength: 40060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10000)",
                oldMaxLength: 10000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "SearchActions",
                table: "MissingEpisodes",
                type: "character varying(16060)",
                maxLength: 16060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "FoundZip",
                table: "MissingEpisodes",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10)",
                oldMaxLength: 10,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Circumstances",
                table: "MissingEpisodes",
                type: "character varying(16060)",
                maxLength: 16060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Text",
                table: "LocationEntry",
                type: "character varying(8060)",
                maxLength: 8060,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000);

            migrationBuilder.AlterColumn<string>(
                name: "Description",
                table: "ExploitationEvents",
                type: "character varying(16060)",
                maxLength: 16060,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000,
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Referrals",
                table: "ReturnDebrief",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16060)",
                oldMaxLength: 16060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "HarmDetails",
                table: "ReturnDebrief",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16060)",
                oldMaxLength: 16060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Experiences",
                table: "ReturnDebrief",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16060)",
                oldMaxLength: 16060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "DeclinedReason",
                table: "ReturnDebrief",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16060)",
                oldMaxLength: 16060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "LegalName",
                table: "Residents",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(860)",
                oldMaxLength: 860);

            migrationBuilder.AlterColumn<string>(
                name: "CourtCaseNumber",
                table: "Residents",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(300)",
                oldMaxLength: 300,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "YouthWords",
                table: "ProgressNotes",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16060)",
                oldMaxLength: 16060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Subjective",
                table: "ProgressNotes",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40060)",
                oldMaxLength: 40060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "StrengthsObserved",
                table: "ProgressNotes",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(8060)",
                oldMaxLength: 8060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "RiskFollowUp",
                table: "ProgressNotes",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(8060)",
                oldMaxLength: 8060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Response",
                table: "ProgressNotes",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40060)",
                oldMaxLength: 40060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Plan",
                table: "ProgressNotes",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40060)",
                oldMaxLength: 40060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Objective",
                table: "ProgressNotes",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40060)",
                oldMaxLength: 40060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Narrative",
                table: "ProgressNotes",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40060)",
                oldMaxLength: 40060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "InterventionsUsed",
                table: "ProgressNotes",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4060)",
                oldMaxLength: 4060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Intervention",
                table: "ProgressNotes",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40060)",
                oldMaxLength: 40060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Goal",
                table: "ProgressNotes",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40060)",
                oldMaxLength: 40060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Data",
                table: "ProgressNotes",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40060)",
                oldMaxLength: 40060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Behavior",
                table: "ProgressNotes",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40060)",
                oldMaxLength: 40060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Assessment",
                table: "ProgressNotes",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40060)",
                oldMaxLength: 40060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Text",
                table: "NoteAmendments",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40060)",
                oldMaxLength: 40060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "SearchActions",
                table: "MissingEpisodes",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16060)",
                oldMaxLength: 16060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "FoundZip",
                table: "MissingEpisodes",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Circumstances",
                table: "MissingEpisodes",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16060)",
                oldMaxLength: 16060,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Text",
                table: "LocationEntry",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(8060)",
                oldMaxLength: 8060);

            migrationBuilder.AlterColumn<string>(
                name: "Description",
                table: "ExploitationEvents",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16060)",
                oldMaxLength: 16060,
                oldNullable: true);
        }
    }
}
