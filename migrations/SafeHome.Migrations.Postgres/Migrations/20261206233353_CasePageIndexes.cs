using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeHome.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CasePageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_IntegrityChecks_RanAtUtc",
                table: "IntegrityChecks");

            migrationBuilder.DropIndex(
                name: "IX_CaseloadAssignments_CounselorId",
                table: "CaseloadAssignments");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_EntityType_EntityKey",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ResidentId_OccurredAtUtc",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_UserId_OccurredAtUtc",
                table: "AuditEntries");

            migrationBuilder.CreateIndex(
                name: "IX_Stays_DischargedOn_ResidentId",
                table: "Stays",
                columns: new[] { "DischargedOn", "ResidentId" });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrityChecks_RanAtUtc_Id",
                table: "IntegrityChecks",
                columns: new[] { "RanAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseloadAssignments_CounselorId_ResidentId",
                table: "CaseloadAssignments",
                columns: new[] { "CounselorId", "ResidentId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_EntityKey_Sequence",
                table: "AuditEntries",
                columns: new[] { "EntityType", "EntityKey", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ResidentId_Sequence",
                table: "AuditEntries",
                columns: new[] { "ResidentId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserId_Sequence",
                table: "AuditEntries",
                columns: new[] { "UserId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Stays_DischargedOn_ResidentId",
                table: "Stays");

            migrationBuilder.DropIndex(
                name: "IX_IntegrityChecks_RanAtUtc_Id",
                table: "IntegrityChecks");

            migrationBuilder.DropIndex(
                name: "IX_CaseloadAssignments_CounselorId_ResidentId",
                table: "CaseloadAssignments");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_EntityType_EntityKey_Sequence",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ResidentId_Sequence",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_UserId_Sequence",
                table: "AuditEntries");

            migrationBuilder.CreateIndex(
                name: "IX_IntegrityChecks_RanAtUtc",
                table: "IntegrityChecks",
                column: "RanAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_CaseloadAssignments_CounselorId",
                table: "CaseloadAssignments",
                column: "CounselorId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_EntityKey",
                table: "AuditEntries",
                columns: new[] { "EntityType", "EntityKey" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ResidentId_OccurredAtUtc",
                table: "AuditEntries",
                columns: new[] { "ResidentId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserId_OccurredAtUtc",
                table: "AuditEntries",
                columns: new[] { "UserId", "OccurredAtUtc" });
        }
    }
}
