using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GhostAssist.Api.Templates.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Outcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OutcomeCounts",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TeamId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TemplateKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Play = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Situation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Week = table.Column<DateOnly>(type: "date", nullable: false),
                    Sent = table.Column<int>(type: "integer", nullable: false),
                    Recovered = table.Column<int>(type: "integer", nullable: false),
                    RecoveredByMeeting = table.Column<int>(type: "integer", nullable: false),
                    Missed = table.Column<int>(type: "integer", nullable: false),
                    Day1 = table.Column<int>(type: "integer", nullable: false),
                    Day2 = table.Column<int>(type: "integer", nullable: false),
                    Day3 = table.Column<int>(type: "integer", nullable: false),
                    Day4 = table.Column<int>(type: "integer", nullable: false),
                    Day5 = table.Column<int>(type: "integer", nullable: false),
                    Day6 = table.Column<int>(type: "integer", nullable: false),
                    Day7 = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeCounts", x => new { x.TenantId, x.TeamId, x.UserId, x.TemplateKey, x.Play, x.Situation, x.Week });
                });

            migrationBuilder.CreateTable(
                name: "OutcomeLedger",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeLedger", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeSettings",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Tracking = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeSettings", x => new { x.TenantId, x.UserId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeCounts_TenantId_UserId",
                table: "OutcomeCounts",
                columns: new[] { "TenantId", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutcomeCounts");

            migrationBuilder.DropTable(
                name: "OutcomeLedger");

            migrationBuilder.DropTable(
                name: "OutcomeSettings");
        }
    }
}
