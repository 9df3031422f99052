using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Data;

/// <summary>
/// The model on <c>ConnectionStrings:ReadOnly</c> (a streaming replica), for the public search, detail and provider pages:
/// the bulk of the traffic, which can take figures a moment old. Pooled and untracked; it refuses to save, because a
/// replica would refuse the write anyway and a write that reaches it by mistake should fail in every environment.
/// </summary>
public sealed class ReadOnlyWijzerDbContext(DbContextOptions<ReadOnlyWijzerDbContext> options) : WijzerDbContext(options)
{
    public override int SaveChanges(bool acceptAllChangesOnSuccess) => throw WriteRefused();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) => throw WriteRefused();

    private static InvalidOperationException WriteRefused() =>
        new("ReadOnlyWijzerDbContext reads from the read-only database; write through WijzerDbContext.");
}
