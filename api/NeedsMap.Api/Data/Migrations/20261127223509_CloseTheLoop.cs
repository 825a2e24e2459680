using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NeedsMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CloseTheLoop : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "consultations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    need_id = table.Column<long>(type: "bigint", nullable: true),
                    category_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    jurisdiction_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    support_threshold = table.Column<int>(type: "integer", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    scene_id = table.Column<long>(type: "bigint", nullable: true),
                    whistle_id = table.Column<long>(type: "bigint", nullable: true),
                    reform_item_id = table.Column<long>(type: "bigint", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consultations", x => x.id);
                    table.ForeignKey(
                        name: "fk_consultations_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "departments",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_departments", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "one_things",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    service_item_ids = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_one_things", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reform_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    problem = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    department_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    needs_rule_change = table.Column<bool>(type: "boolean", nullable: false),
                    evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    evidence_need_ids = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    consultation_id = table.Column<long>(type: "bigint", nullable: true),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    added_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reform_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scenes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    area = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: false),
                    category_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    consultation_id = table.Column<long>(type: "bigint", nullable: true),
                    verdict = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    needs_replanning = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scenes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    category_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    department_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    deadline_hours = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_items_categories_category_code",
                        column: x => x.category_code,
                        principalTable: "categories",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "whistles",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    blown_by_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    holder_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    holder_level = table.Column<short>(type: "smallint", nullable: false),
                    category_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    subject_jurisdiction_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    subject_jurisdiction_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    blown_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    allowed_time = table.Column<TimeSpan>(type: "interval", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    escalation_count = table.Column<int>(type: "integer", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    rating = table.Column<int>(type: "integer", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_whistles", x => x.id);
                    table.ForeignKey(
                        name: "fk_whistles_categories_category_code",
                        column: x => x.category_code,
                        principalTable: "categories",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_whistles_jurisdictions_holder_code",
                        column: x => x.holder_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "consultation_participants",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    consultation_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consultation_participants", x => x.id);
                    table.ForeignKey(
                        name: "fk_consultation_participants_consultations_consultation_id",
                        column: x => x.consultation_id,
                        principalTable: "consultations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "whistle_departments",
                columns: table => new
                {
                    whistle_id = table.Column<long>(type: "bigint", nullable: false),
                    department_code = table.Column<string>(type: "character varying(32)", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_whistle_departments", x => new { x.whistle_id, x.department_code });
                    table.ForeignKey(
                        name: "fk_whistle_departments_departments_department_code",
                        column: x => x.department_code,
                        principalTable: "departments",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_whistle_departments_whistles_whistle_id",
                        column: x => x.whistle_id,
                        principalTable: "whistles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "whistle_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    whistle_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    department_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    from_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    to_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_whistle_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_whistle_history_whistles_whistle_id",
                        column: x => x.whistle_id,
                        principalTable: "whistles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "whistle_needs",
                columns: table => new
                {
                    whistle_id = table.Column<long>(type: "bigint", nullable: false),
                    need_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_whistle_needs", x => new { x.whistle_id, x.need_id });
                    table.ForeignKey(
                        name: "fk_whistle_needs_needs_need_id",
                        column: x => x.need_id,
                        principalTable: "needs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_whistle_needs_whistles_whistle_id",
                        column: x => x.whistle_id,
                        principalTable: "whistles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "consultation_posts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    consultation_id = table.Column<long>(type: "bigint", nullable: false),
                    participant_id = table.Column<long>(type: "bigint", nullable: false),
                    reply_to_id = table.Column<long>(type: "bigint", nullable: true),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    hidden_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    hidden_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    hidden_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consultation_posts", x => x.id);
                    table.ForeignKey(
                        name: "fk_consultation_posts_consultation_participants_participant_id",
                        column: x => x.participant_id,
                        principalTable: "consultation_participants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consultation_posts_consultation_posts_reply_to_id",
                        column: x => x.reply_to_id,
                        principalTable: "consultation_posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consultation_posts_consultations_consultation_id",
                        column: x => x.consultation_id,
                        principalTable: "consultations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "consultation_proposals",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    consultation_id = table.Column<long>(type: "bigint", nullable: false),
                    participant_id = table.Column<long>(type: "bigint", nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    proposed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    supported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consultation_proposals", x => x.id);
                    table.ForeignKey(
                        name: "fk_consultation_proposals_consultation_participants_participan",
                        column: x => x.participant_id,
                        principalTable: "consultation_participants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consultation_proposals_consultations_consultation_id",
                        column: x => x.consultation_id,
                        principalTable: "consultations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "proposal_votes",
                columns: table => new
                {
                    proposal_id = table.Column<long>(type: "bigint", nullable: false),
                    participant_id = table.Column<long>(type: "bigint", nullable: false),
                    voted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_proposal_votes", x => new { x.proposal_id, x.participant_id });
                    table.ForeignKey(
                        name: "fk_proposal_votes_consultation_participants_participant_id",
                        column: x => x.participant_id,
                        principalTable: "consultation_participants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_proposal_votes_consultation_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "consultation_proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_consultation_participants_consultation_id",
                table: "consultation_participants",
                column: "consultation_id");

            migrationBuilder.CreateIndex(
                name: "ix_consultation_posts_consultation_id",
                table: "consultation_posts",
                column: "consultation_id");

            migrationBuilder.CreateIndex(
                name: "ix_consultation_posts_participant_id",
                table: "consultation_posts",
                column: "participant_id");

            migrationBuilder.CreateIndex(
                name: "ix_consultation_posts_reply_to_id",
                table: "consultation_posts",
                column: "reply_to_id");

            migrationBuilder.CreateIndex(
                name: "ix_consultation_proposals_consultation_id",
                table: "consultation_proposals",
                column: "consultation_id");

            migrationBuilder.CreateIndex(
                name: "ix_consultation_proposals_participant_id",
                table: "consultation_proposals",
                column: "participant_id");

            migrationBuilder.CreateIndex(
                name: "ix_consultations_jurisdiction_code",
                table: "consultations",
                column: "jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_proposal_votes_participant_id",
                table: "proposal_votes",
                column: "participant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scenes_area",
                table: "scenes",
                column: "area")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_scenes_needs_replanning",
                table: "scenes",
                column: "needs_replanning");

            migrationBuilder.CreateIndex(
                name: "ix_service_items_category_code",
                table: "service_items",
                column: "category_code");

            migrationBuilder.CreateIndex(
                name: "ix_whistle_departments_department_code",
                table: "whistle_departments",
                column: "department_code");

            migrationBuilder.CreateIndex(
                name: "ix_whistle_history_whistle_id_at",
                table: "whistle_history",
                columns: new[] { "whistle_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_whistle_needs_need_id",
                table: "whistle_needs",
                column: "need_id");

            migrationBuilder.CreateIndex(
                name: "ix_whistles_category_code",
                table: "whistles",
                column: "category_code");

            migrationBuilder.CreateIndex(
                name: "ix_whistles_holder_code",
                table: "whistles",
                column: "holder_code");

            migrationBuilder.CreateIndex(
                name: "ix_whistles_status_due_at",
                table: "whistles",
                columns: new[] { "status", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consultation_posts");

            migrationBuilder.DropTable(
                name: "one_things");

            migrationBuilder.DropTable(
                name: "proposal_votes");

            migrationBuilder.DropTable(
                name: "reform_items");

            migrationBuilder.DropTable(
                name: "scenes");

            migrationBuilder.DropTable(
                name: "service_items");

            migrationBuilder.DropTable(
                name: "whistle_departments");

            migrationBuilder.DropTable(
                name: "whistle_history");

            migrationBuilder.DropTable(
                name: "whistle_needs");

            migrationBuilder.DropTable(
                name: "consultation_proposals");

            migrationBuilder.DropTable(
                name: "departments");

            migrationBuilder.DropTable(
                name: "whistles");

            migrationBuilder.DropTable(
                name: "consultation_participants");

            migrationBuilder.DropTable(
                name: "consultations");
        }
    }
}
