using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeHome.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UnfiledAuditEntriesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Unfiled_EntityType_EntityKey_Sequence",
                table: "AuditEntries",
                columns: new[] { "EntityType", "EntityKey", "Sequence" },
                filter: "\"ResidentId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Unfiled_EntityType_EntityKey_Sequence",
                table: "AuditEntries");
        }
    }
}
