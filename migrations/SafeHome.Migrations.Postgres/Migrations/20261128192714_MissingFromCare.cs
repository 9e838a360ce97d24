using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeHome.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MissingFromCare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CareFollowUps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResolvedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareFollowUps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JurisdictionPolicies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ClockStart = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    LawEnforcementMinutes = table.Column<int>(type: "integer", nullable: false),
                    NcmecMinutes = table.Column<int>(type: "integer", nullable: false),
                    CaseworkerMinutes = table.Column<int>(type: "integer", nullable: false),
                    GuardianMinutes = table.Column<int>(type: "integer", nullable: false),
                    GalMinutes = table.Column<int>(type: "integer", nullable: false),
                    CourtMinutes = table.Column<int>(type: "integer", nullable: false),
                    DirectorMinutes = table.Column<int>(type: "integer", nullable: false),
                    DebriefMinutes = table.Column<int>(type: "integer", nullable: false),
                    ScreenMinutes = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JurisdictionPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MissingAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResolvedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MissingAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MissingEpisodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    StayId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LastSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DiscoveredMissingUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DiscoveredBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DeterminedMissingUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClockStart = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ClockStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Circumstances = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SearchActions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    KnownExploiterContact = table.Column<bool>(type: "boolean", nullable: true),
                    Pregnancy = table.Column<bool>(type: "boolean", nullable: true),
                    Medications = table.Column<bool>(type: "boolean", nullable: true),
                    Suicidality = table.Column<bool>(type: "boolean", nullable: true),
                    Substances = table.Column<bool>(type: "boolean", nullable: true),
                    WeatherExposure = table.Column<bool>(type: "boolean", nullable: true),
                    RiskLevel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    BelongingsTaken = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PhoneTaken = table.Column<bool>(type: "boolean", nullable: true),
                    ReturnedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    FoundZip = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    MedicalCheckDone = table.Column<bool>(type: "boolean", nullable: true),
                    MedicalCheckNotes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DebriefDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ScreenDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MissingEpisodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MissingEpisodes_Residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "Residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MissingEpisodes_Stays_StayId",
                        column: x => x.StayId,
                        principalTable: "Stays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlacementSafetyDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    StayId = table.Column<Guid>(type: "uuid", nullable: false),
                    Occasion = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: true),
                    DistanceFromExploitationMiles = table.Column<int>(type: "integer", nullable: true),
                    KnownExploiterNearby = table.Column<bool>(type: "boolean", nullable: true),
                    OtherTraffickedYouthInPlacement = table.Column<int>(type: "integer", nullable: false),
                    SchoolContinuity = table.Column<bool>(type: "boolean", nullable: true),
                    FamilyCommunityTies = table.Column<bool>(type: "boolean", nullable: true),
                    Interstate = table.Column<bool>(type: "boolean", nullable: false),
                    FactorNotes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Decision = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Rationale = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DecidedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    SignedName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlacementSafetyDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlacementSafetyDecisions_Residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "Residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PlacementSafetyDecisions_Stays_StayId",
                        column: x => x.StayId,
                        principalTable: "Stays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExploitationEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Certainty = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DisclosedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecordedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExploitationEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExploitationEvents_MissingEpisodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "MissingEpisodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ExploitationEvents_Residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "Residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LocationEntry",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LocationEntry", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LocationEntry_MissingEpisodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "MissingEpisodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MissingNotifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Recipient = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Phase = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NotifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NotifiedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ContactName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Agency = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CaseNumber = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OfficerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    BadgeNumber = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NcicNumber = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NcmecCaseNumber = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NotApplicableReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MissingNotifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MissingNotifications_MissingEpisodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "MissingEpisodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReturnDebrief",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DeclinedReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ConductedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ConductedByDirectCarer = table.Column<bool>(type: "boolean", nullable: false),
                    PushFactors = table.Column<int>(type: "integer", nullable: false),
                    PullFactors = table.Column<int>(type: "integer", nullable: false),
                    Experiences = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    HarmReported = table.Column<bool>(type: "boolean", nullable: true),
                    HarmDetails = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Referrals = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecordedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnDebrief", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReturnDebrief_MissingEpisodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "MissingEpisodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TraffickingScreen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScreenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Instrument = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Result = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ScreenedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TraffickingScreen", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TraffickingScreen_MissingEpisodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "MissingEpisodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "JurisdictionPolicies",
                columns: new[] { "Id", "CaseworkerMinutes", "ClockStart", "CourtMinutes", "DebriefMinutes", "DirectorMinutes", "GalMinutes", "GuardianMinutes", "LawEnforcementMinutes", "Name", "NcmecMinutes", "ScreenMinutes", "Version" },
                values: new object[] { new Guid("5afe0001-0000-4000-8000-000000000001"), 1440, "DiscoveredMissing", 2880, 4320, 60, 1440, 1440, 120, "Program default", 1440, 4320, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_CareFollowUps_Kind_SourceId",
                table: "CareFollowUps",
                columns: new[] { "Kind", "SourceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CareFollowUps_ResidentId_ResolvedAtUtc",
                table: "CareFollowUps",
                columns: new[] { "ResidentId", "ResolvedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ExploitationEvents_EpisodeId",
                table: "ExploitationEvents",
                column: "EpisodeId");

            migrationBuilder.CreateIndex(
                name: "IX_ExploitationEvents_ResidentId_OccurredOn",
                table: "ExploitationEvents",
                columns: new[] { "ResidentId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_LocationEntry_EpisodeId",
                table: "LocationEntry",
                column: "EpisodeId");

            migrationBuilder.CreateIndex(
                name: "IX_MissingAlerts_Kind_SubjectId",
                table: "MissingAlerts",
                columns: new[] { "Kind", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MissingAlerts_ResidentId_ResolvedAtUtc",
                table: "MissingAlerts",
                columns: new[] { "ResidentId", "ResolvedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MissingEpisodes_ResidentId_LastSeenUtc",
                table: "MissingEpisodes",
                columns: new[] { "ResidentId", "LastSeenUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MissingEpisodes_Status",
                table: "MissingEpisodes",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_MissingEpisodes_StayId",
                table: "MissingEpisodes",
                column: "StayId");

            migrationBuilder.CreateIndex(
                name: "IX_MissingNotifications_EpisodeId",
                table: "MissingNotifications",
                column: "EpisodeId");

            migrationBuilder.CreateIndex(
                name: "IX_PlacementSafetyDecisions_ResidentId_DecidedAtUtc",
                table: "PlacementSafetyDecisions",
                columns: new[] { "ResidentId", "DecidedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PlacementSafetyDecisions_StayId",
                table: "PlacementSafetyDecisions",
                column: "StayId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnDebrief_EpisodeId",
                table: "ReturnDebrief",
                column: "EpisodeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TraffickingScreen_EpisodeId",
                table: "TraffickingScreen",
                column: "EpisodeId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CareFollowUps");

            migrationBuilder.DropTable(
                name: "ExploitationEvents");

            migrationBuilder.DropTable(
                name: "JurisdictionPolicies");

            migrationBuilder.DropTable(
                name: "LocationEntry");

            migrationBuilder.DropTable(
                name: "MissingAlerts");

            migrationBuilder.DropTable(
                name: "MissingNotifications");

            migrationBuilder.DropTable(
                name: "PlacementSafetyDecisions");

            migrationBuilder.DropTable(
                name: "ReturnDebrief");

            migrationBuilder.DropTable(
                name: "TraffickingScreen");

            migrationBuilder.DropTable(
                name: "MissingEpisodes");
        }
    }
}
