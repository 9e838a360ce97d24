using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeHome.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StartPageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Stays_AdmittedOn",
                table: "Stays",
                column: "AdmittedOn");

            migrationBuilder.CreateIndex(
                name: "IX_MissingEpisodes_LastSeenUtc",
                table: "MissingEpisodes",
                column: "LastSeenUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Stays_AdmittedOn",
                table: "Stays");

            migrationBuilder.DropIndex(
                name: "IX_MissingEpisodes_LastSeenUtc",
                table: "MissingEpisodes");
        }
    }
}
