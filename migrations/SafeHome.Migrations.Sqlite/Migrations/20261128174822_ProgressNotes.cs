using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SafeHome.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProgressNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RequiresCosign",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SupervisorId",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LexiconTerms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Term = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    NormalizedTerm = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Preferred = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LexiconTerms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProgressNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StayId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ServiceStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ServiceEndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Goal = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Data = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Subjective = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Objective = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Behavior = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Intervention = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Response = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Assessment = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Narrative = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    YouthWords = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    StrengthsObserved = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    InterventionsUsed = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RiskSelfHarm = table.Column<bool>(type: "INTEGER", nullable: true),
                    RiskExploiterContact = table.Column<bool>(type: "INTEGER", nullable: true),
                    RiskMissing = table.Column<bool>(type: "INTEGER", nullable: true),
                    RiskFollowUp = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    IsSensitive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SignedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LanguageOverrideReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CosignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CosignedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReturnComments = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReturnedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReturnedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    IsEnteredInError = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressNotes_Residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "Residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgressNotes_Stays_StayId",
                        column: x => x.StayId,
                        principalTable: "Stays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NoteAmendments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NoteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Section = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ServiceOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteAmendments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoteAmendments_ProgressNotes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "ProgressNotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NoteLanguageFinding",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NoteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Term = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Matched = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteLanguageFinding", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoteLanguageFinding_ProgressNotes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "ProgressNotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NoteLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NoteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GoalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GoalLineageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ObjectiveId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ObjectiveLineageId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoteLinks_ProgressNotes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "ProgressNotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "LexiconTerms",
                columns: new[] { "Id", "Explanation", "IsActive", "NormalizedTerm", "Preferred", "Severity", "Term", "Version" },
                values: new object[,]
                {
                    { new Guid("5afe1e00-0000-4000-8000-000000000001"), "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", true, "child prostitute", "youth who experienced commercial sexual exploitation", "BlockOnSign", "child prostitute", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000002"), "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", true, "teen prostitute", "youth who experienced commercial sexual exploitation", "BlockOnSign", "teen prostitute", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000003"), "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", true, "juvenile prostitute", "youth who experienced commercial sexual exploitation", "BlockOnSign", "juvenile prostitute", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000004"), "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", true, "underage sex worker", "youth who experienced commercial sexual exploitation", "BlockOnSign", "underage sex worker", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000005"), "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", true, "prostituting", "was trafficked / exploited / sold by…", "BlockOnSign", "prostituting", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000006"), "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", true, "turning tricks", "was exploited / sold by…", "BlockOnSign", "turning tricks", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000007"), "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", true, "sold herself", "was sold by… / was exploited", "BlockOnSign", "sold herself", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000008"), "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", true, "sold himself", "was sold by… / was exploited", "BlockOnSign", "sold himself", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000009"), "Minors cannot consent to commercial sex (TVPA); the term blames the youth for their exploitation.", true, "sold themselves", "was sold by… / was exploited", "BlockOnSign", "sold themselves", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000010"), "Exploitation is never a choice of the child; this wording implies consent. Fine for everyday choices.", true, "chose to", "was coerced / made to / exploited (when about exploitation)", "Warn", "chose to", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000011"), "Implies a minor consented to exploitation.", true, "willingly", "was coerced / made to", "Warn", "willingly", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000012"), "Minors cannot consent to commercial sex.", true, "consented", "was coerced / exploited", "Warn", "consented", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000013"), "Implies consent when used about exploitation. Fine for plan agreements.", true, "agreed to", "was made to / was coerced (when about exploitation)", "Warn", "agreed to", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000014"), "ECPAT-USA: the term minimises the buyer's responsibility for abuse.", true, "john", "sex buyer; exploiter", "BlockOnSign", "john", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000015"), "ECPAT-USA: the term minimises the buyer's responsibility for abuse.", true, "johns", "sex buyers; exploiters", "BlockOnSign", "johns", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000016"), "Calls a buyer of a child a customer. Use \"youth\" or the youth's name for the person in care.", true, "client", "sex buyer; exploiter (when about a buyer)", "Suggest", "client", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000017"), "Calls a buyer of a child a customer (ECPAT-USA).", true, "customer", "sex buyer; exploiter", "Warn", "customer", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000018"), "Vernacular that frames abuse as a transaction (ECPAT-USA).", true, "trick", "sex buyer; exploiter", "Warn", "trick", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000019"), "ECPAT-USA: glamorises the trafficker; in staff voice use \"trafficker\".", true, "pimp", "trafficker / exploiter (quote the youth's term if clinically relevant)", "BlockOnSign", "pimp", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000020"), "ECPAT-USA: glamorises the trafficker; in staff voice use \"traffickers\".", true, "pimps", "traffickers / exploiters", "BlockOnSign", "pimps", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000021"), "Vernacular for a trafficker; in staff voice it normalises the relationship.", true, "daddy", "trafficker / exploiter; quote the youth's term if clinically relevant", "Warn", "daddy", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000022"), "When the person is a trafficker, the word hides the exploitation. Quote the youth's word.", true, "boyfriend", "the person the youth calls \"boyfriend\" (quoted), or trafficker", "Warn", "boyfriend", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000023"), "ECPAT-USA and the Luxembourg Guidelines: it is abuse, not pornography.", true, "child pornography", "child sexual abuse material (CSAM)", "BlockOnSign", "child pornography", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000024"), "ECPAT-USA and the Luxembourg Guidelines: it is abuse, not pornography.", true, "kiddie porn", "child sexual abuse material (CSAM)", "BlockOnSign", "kiddie porn", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000025"), "HHS and state manuals: the youth is missing from care, which calls for a safety response, not blame.", true, "runaway", "missing from care; left placement without permission", "Warn", "runaway", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000026"), "Frames a missing episode as misbehaviour rather than a safety concern.", true, "ran away", "went missing from care; left placement without permission", "Warn", "ran away", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000027"), "Military/correctional term that frames a missing child as a deserter.", true, "awol", "missing from care", "Warn", "AWOL", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000028"), "Institutional term that hides the safety concern.", true, "eloped", "missing from care; left placement without permission", "Warn", "eloped", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000029"), "Correctional term that frames the youth as an offender.", true, "absconded", "missing from care; left placement without permission", "Warn", "absconded", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000030"), "Suggestion only: when about leaving placement, name it as missing from care.", true, "ran", "went missing from care / left placement without permission (when about leaving placement)", "Suggest", "ran", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000031"), "For minors there is no sex work, only exploitation (Irina Project).", true, "sex work", "commercial sexual exploitation", "Warn", "sex work", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000032"), "For minors there is no sex work, only exploitation (Irina Project).", true, "sex worker", "youth who experienced commercial sexual exploitation", "Warn", "sex worker", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000033"), "Youth Spark: labels the person instead of naming the risk factors.", true, "at-risk youth", "youth with risk factors", "Suggest", "at-risk youth", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000034"), "A moral label that blames the youth; describe what happened instead.", true, "promiscuous", "describe the specific behaviour and its context", "Warn", "promiscuous", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000035"), "A label; survival strategies are better described as behaviour in context.", true, "manipulative", "describe the specific behaviour and its context", "Warn", "manipulative", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000036"), "A label that dismisses a need.", true, "attention-seeking", "describe the specific behaviour and its context (for example, \"asked for help\")", "Warn", "attention-seeking", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000037"), "A label; say what was asked and what the youth did.", true, "non-compliant", "describe the specific behaviour and its context; \"declined\"", "Warn", "non-compliant", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000038"), "A label that hides what happened and why.", true, "acting out", "describe the specific behaviour and its context", "Warn", "acting out", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000039"), "\"Declined\" respects the youth's right to choose.", true, "refused", "declined", "Suggest", "refused", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000040"), "Implies guilt about something the youth disclosed.", true, "admitted", "reported; stated; disclosed", "Warn", "admitted", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000041"), "Implies the youth's account is doubted.", true, "claims", "reported; stated; disclosed", "Warn", "claims", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000042"), "Implies the youth's account is doubted; keep \"alleged\" for legal findings about others.", true, "alleged", "reported; stated; disclosed", "Warn", "alleged", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000043"), "Puts the failure on the youth.", true, "failed placement", "placement ended; placement disruption", "Warn", "failed placement", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000044"), "Puts the failure on the youth.", true, "placement failure", "placement ended; placement disruption", "Warn", "placement failure", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000045"), "Vernacular: quote it as the youth's words rather than adopt it in staff voice.", true, "the life", "put the youth's term in quotes as their own words", "Suggest", "the life", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000046"), "Vernacular: quote it as the youth's words rather than adopt it in staff voice.", true, "the game", "put the youth's term in quotes as their own words", "Suggest", "the game", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000047"), "Vernacular (a trafficker's enforcer): quote it as the youth's words.", true, "bottom", "put the youth's term in quotes as their own words", "Suggest", "bottom", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000048"), "Vernacular: quote it as the youth's words rather than adopt it in staff voice.", true, "choosing up", "put the youth's term in quotes as their own words", "Suggest", "choosing up", 0L },
                    { new Guid("5afe1e00-0000-4000-8000-000000000049"), "Vernacular: quote it as the youth's words rather than adopt it in staff voice.", true, "the track", "put the youth's term in quotes as their own words", "Suggest", "the track", 0L }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_SupervisorId",
                table: "AspNetUsers",
                column: "SupervisorId");

            migrationBuilder.CreateIndex(
                name: "IX_LexiconTerms_NormalizedTerm",
                table: "LexiconTerms",
                column: "NormalizedTerm",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoteAmendments_NoteId",
                table: "NoteAmendments",
                column: "NoteId");

            migrationBuilder.CreateIndex(
                name: "IX_NoteLanguageFinding_NoteId",
                table: "NoteLanguageFinding",
                column: "NoteId");

            migrationBuilder.CreateIndex(
                name: "IX_NoteLinks_GoalLineageId",
                table: "NoteLinks",
                column: "GoalLineageId");

            migrationBuilder.CreateIndex(
                name: "IX_NoteLinks_NoteId",
                table: "NoteLinks",
                column: "NoteId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressNotes_ResidentId_ServiceStartUtc",
                table: "ProgressNotes",
                columns: new[] { "ResidentId", "ServiceStartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressNotes_Status_AuthorId",
                table: "ProgressNotes",
                columns: new[] { "Status", "AuthorId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressNotes_StayId",
                table: "ProgressNotes",
                column: "StayId");

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_AspNetUsers_SupervisorId",
                table: "AspNetUsers",
                column: "SupervisorId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_AspNetUsers_SupervisorId",
                table: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "LexiconTerms");

            migrationBuilder.DropTable(
                name: "NoteAmendments");

            migrationBuilder.DropTable(
                name: "NoteLanguageFinding");

            migrationBuilder.DropTable(
                name: "NoteLinks");

            migrationBuilder.DropTable(
                name: "ProgressNotes");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_SupervisorId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "RequiresCosign",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SupervisorId",
                table: "AspNetUsers");
        }
    }
}
