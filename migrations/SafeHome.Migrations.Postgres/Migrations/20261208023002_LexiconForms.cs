using System;
using Microsoft.EntityFrameworkCore.Migrations;
using SafeHome.Data;
using SafeHome.Domain.Notes;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SafeHome.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LexiconForms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FollowedBy",
                table: "LexiconTerms",
                type: "character varying(600)",
                maxLength: 600,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FollowedWithin",
                table: "LexiconTerms",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "NearWithin",
                table: "LexiconTerms",
                type: "integer",
                nullable: false,
                defaultValue: 8);

            migrationBuilder.AddColumn<string>(
                name: "NearWords",
                table: "LexiconTerms",
                type: "character varying(600)",
                maxLength: 600,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotFollowedBy",
                table: "LexiconTerms",
                type: "character varying(600)",
                maxLength: 600,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotPrecededBy",
                table: "LexiconTerms",
                type: "character varying(600)",
                maxLength: 600,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OtherForms",
                table: "LexiconTerms",
                type: "character varying(600)",
                maxLength: 600,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrecededBy",
                table: "LexiconTerms",
                type: "character varying(600)",
                maxLength: 600,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SkipNames",
                table: "LexiconTerms",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "LexiconTerms",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LanguageFlags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NoteId = table.Column<Guid>(type: "uuid", nullable: false),
                    TermId = table.Column<Guid>(type: "uuid", nullable: false),
                    FlaggedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SettledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LanguageFlags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LanguageFlags_LexiconTerms_TermId",
                        column: x => x.TermId,
                        principalTable: "LexiconTerms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LanguageFlags_ProgressNotes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "ProgressNotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LanguageFlags_FlaggedAtUtc",
                table: "LanguageFlags",
                column: "FlaggedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_LanguageFlags_NoteId_TermId",
                table: "LanguageFlags",
                columns: new[] { "NoteId", "TermId" });

            migrationBuilder.CreateIndex(
                name: "IX_LanguageFlags_TermId_FlaggedAtUtc",
                table: "LanguageFlags",
                columns: new[] { "TermId", "FlaggedAtUtc" });

            // The second revision of the seeded lexicon; entries a director has edited keep their wording.
            LexiconSeeding.Apply(migrationBuilder, LexiconSeed.Terms);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LanguageFlags");

            migrationBuilder.DropColumn(
                name: "FollowedBy",
                table: "LexiconTerms");

            migrationBuilder.DropColumn(
                name: "FollowedWithin",
                table: "LexiconTerms");

            migrationBuilder.DropColumn(
                name: "NearWithin",
                table: "LexiconTerms");

            migrationBuilder.DropColumn(
                name: "NearWords",
                table: "LexiconTerms");

            migrationBuilder.DropColumn(
                name: "NotFollowedBy",
                table: "LexiconTerms");

            migrationBuilder.DropColumn(
                name: "NotPrecededBy",
                table: "LexiconTerms");

            migrationBuilder.DropColumn(
                name: "OtherForms",
                table: "LexiconTerms");

            migrationBuilder.DropColumn(
                name: "PrecededBy",
                table: "LexiconTerms");

            migrationBuilder.DropColumn(
                name: "SkipNames",
                table: "LexiconTerms");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "LexiconTerms");

        }
    }
}
