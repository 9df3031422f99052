using BeschikbaarheidsWijzer.Api.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BeschikbaarheidsWijzer.Api.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting a database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WijzerDbContext>
{
    public WijzerDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<WijzerDbContext>();
        DatabaseSetup.ConfigureDbContext(options, "Host=127.0.0.1;Database=design_time");
        return new WijzerDbContext(options.Options);
    }
}
