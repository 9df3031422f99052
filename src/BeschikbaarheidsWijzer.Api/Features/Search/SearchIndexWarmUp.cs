using BeschikbaarheidsWijzer.Api.Infrastructure.Database;

namespace BeschikbaarheidsWijzer.Api.Features.Search;

/// <summary>
/// Loads the search index as soon as the app runs, so the first search does not wait for it (seconds at national scale).
/// A failure is only logged: the first search tries again.
/// </summary>
public sealed class SearchIndexWarmUp(SearchIndexStore store, ILogger<SearchIndexWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (DatabaseSetup.IsBuildTimeDocumentGeneration)
        {
            return;
        }

        try
        {
            await store.GetFreshAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not load the search index at start; the first search will try again.");
        }
    }
}
