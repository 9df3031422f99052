using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
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

    /// <summary>Whether the request failed because the database is away for a moment (see <see cref="DatabaseFailures"/>).</summary>
    public static bool IsDatabaseUnavailable(Exception exception) => DatabaseFailures.IsUnavailable(exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable, answered 503: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}

/// <summary>
/// Which failures mean "the database is away for a moment, try again": every way PostgreSQL's going, restarting or
/// failing over surfaces through Npgsql and EF Core, wherever in the chain of inner exceptions it is. A refusal that
/// would repeat (a constraint, a bad value) is not one of them.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>SQLSTATEs of a server that is going or not (yet) able to serve: 57P01 admin shutdown (a fast shutdown or
    /// a failover), 57P02 crash shutdown, 57P03 cannot connect now (starting, recovering), 25006 read-only transaction (a
    /// former primary, now a standby, or a replica taking a write), 53300 too many connections; and class 08 (connection
    /// exceptions).</summary>
    private static readonly HashSet<string> ServerGoingOrNotReady = new(StringComparer.Ordinal)
    {
        PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown, PostgresErrorCodes.CannotConnectNow,
        PostgresErrorCodes.ReadOnlySqlTransaction, PostgresErrorCodes.TooManyConnections,
    };

    /// <summary>Npgsql's words when no host of a multi-host connection string is (yet) the kind asked for.</summary>
    public const string NoSuitableHost = "No suitable host was found";

    public static bool IsUnavailable(Exception exception) => IsUnavailable(exception, depth: 0);

    /// <summary>Whether the database refused a write because it is read-only now (25006: a standby, or a former primary
    /// after a failover), wherever in the chain.</summary>
    public static bool RefusesWrites(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction })
            {
                return true;
            }
        }

        return false;
    }

    // Walk the chain: EF Core wraps (DbUpdateException, "likely due to a transient failure", the retry limit), and Npgsql
    // wraps too: with several hosts, "Unable to connect to a suitable host" holds an aggregate of each host's failure.
    private static bool IsUnavailable(Exception exception, int depth) => depth < 32 && exception switch
    {
        PostgresException postgres =>
            ServerGoingOrNotReady.Contains(postgres.SqlState) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.IsTransient,

        // Refused, reset or timed out on the way: Npgsql marks these transient. With several hosts in the connection
        // string, none of them fitting (the primary gone, the replica not yet promoted, or its promotion not yet seen) is
        // "No suitable host was found", which Npgsql does not mark transient and has no type or code of its own: the
        // message is all there is. Otherwise the exception it wraps decides.
        NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is TimeoutException or IOException or System.Net.Sockets.SocketException
            || npgsql.Message.StartsWith(NoSuitableHost, StringComparison.Ordinal) => true,

        // One host away is enough: the others' failures are about the same moment.
        AggregateException aggregate => aggregate.InnerExceptions.Any(inner => IsUnavailable(inner, depth + 1)),
        _ => exception.InnerException is { } inner && IsUnavailable(inner, depth + 1),
    };
}

