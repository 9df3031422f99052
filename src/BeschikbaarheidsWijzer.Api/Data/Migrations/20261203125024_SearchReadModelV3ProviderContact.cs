using BeschikbaarheidsWijzer.Api.Data.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BeschikbaarheidsWijzer.Api.Data.Migrations
{
    /// <summary>Search read model v3: the provider's phone and e-mail in search_offerings, for the referral table.</summary>
    public partial class SearchReadModelV3ProviderContact : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlFiles.Read("search_read_model.v3.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Version 2's view has fewer columns: replacing cannot drop columns, so the view goes first.
            migrationBuilder.Sql("drop view search_offerings;");
            migrationBuilder.Sql(SqlFiles.Read("search_read_model.v2.sql"));
        }
    }
}
