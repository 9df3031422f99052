using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Http;

/// <summary>
/// While PostgreSQL is away (killed, restarting, failing over, out of connections) every request that needs it answers
/// at once with 503 problem+json and <c>Retry-After</c>, instead of a 500 or a hang. The connect and command timeouts
/// (<see cref="Database.DatabaseEndpoint"/>) bound how long finding that out can take. The pools are cleared, so the
/// dead connections of the old server are not handed out one by one after it is back: the first request after its
/// return opens a new connection and succeeds, without restarting the app.
/// </summary>
internal sealed partial class DatabaseUnavailableExceptionHandler(IProblemDetailsService problemDetails, ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDatabaseUnavailable(exception))
        {
            return false;
        }

        NpgsqlConnection.ClearAllPools();
        LogUnavailable(logger, exception.GetBaseException().Message);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteProblemAsync(httpContext, exception, StatusCodes.Status503ServiceUnavailable, "Database unavailable",
            $"The database cannot be reached right now. Try again in {RetryAfterSeconds} seconds; " +
            "a batch sent again with the same Idempotency-Key is stored only once.");
    }

    /// <summary>Connection failures, timeouts and server states a retry can get past (Npgsql's own judgement).</summary>
    public static bool IsDatabaseUnavailable(Exception exception) => exception switch
    {
        NpgsqlException npgsql => npgsql.IsTransient,
        DbUpdateException { InnerException: { } inner } => IsDatabaseUnavailable(inner),

        // EF Core's "An exception has been raised that is likely due to a transient failure".
        InvalidOperationException { InnerException: { } inner } => IsDatabaseUnavailable(inner),
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable, answered 503: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
