using System.Net.Sockets;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>
/// Every way a database that is away (dead, restarting, failing over, read-only after a failover, out of connections)
/// surfaces through Npgsql and EF Core is a 503 with Retry-After; a refusal that would repeat is not. One case per failure
/// mode, as the exception arrives at the handler, wrapped as EF Core wraps it.
/// </summary>
public sealed class DatabaseFailureClassificationTests
{
    private static PostgresException Server(string sqlState) => new($"server said {sqlState}", "FATAL", "FATAL", sqlState);

    private static NpgsqlException Refused(string host) => new($"Failed to connect to {host}", new SocketException((int)SocketError.ConnectionRefused));

    /// <summary>EF Core's execution strategy: "An exception has been raised that is likely due to a transient failure".</summary>
    private static InvalidOperationException ThroughExecutionStrategy(Exception inner) =>
        new("An exception has been raised that is likely due to a transient failure.", inner);

    public static TheoryData<string, Exception> Unavailable() => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)) },
        { "connection reset", new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset))) },
        { "command timeout", new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")) },
        { "57P01 admin shutdown (failover)", Server(PostgresErrorCodes.AdminShutdown) },
        { "57P02 crash shutdown", Server(PostgresErrorCodes.CrashShutdown) },
        { "57P03 cannot connect now", Server(PostgresErrorCodes.CannotConnectNow) },
        { "08006 connection failure", Server(PostgresErrorCodes.ConnectionFailure) },
        { "08003 connection does not exist", Server(PostgresErrorCodes.ConnectionDoesNotExist) },
        { "08001 unable to connect", Server(PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection) },
        { "25006 read-only transaction (a former primary)", Server(PostgresErrorCodes.ReadOnlySqlTransaction) },
        { "53300 too many connections", Server(PostgresErrorCodes.TooManyConnections) },
        { "57P01 wrapped by the execution strategy (the crash proof's 500)", ThroughExecutionStrategy(Server(PostgresErrorCodes.AdminShutdown)) },
        { "57P01 in a failed save", new DbUpdateException("An error occurred while saving the entity changes.", Server(PostgresErrorCodes.AdminShutdown)) },
        { "25006 in a failed save through the strategy", ThroughExecutionStrategy(new DbUpdateException("save", Server(PostgresErrorCodes.ReadOnlySqlTransaction))) },
        { "retry limit exceeded", new RetryLimitExceededException("Maximum number of retries exceeded", new NpgsqlException("connect", new SocketException((int)SocketError.ConnectionRefused))) },
        { "no suitable host (a multi-host string during a failover)", ThroughExecutionStrategy(new NpgsqlException("No suitable host was found.")) },
        { "in an aggregate", new AggregateException(new InvalidOperationException("other"), Server(PostgresErrorCodes.CannotConnectNow)) },
        { "in an aggregate, listed first", new AggregateException(Server(PostgresErrorCodes.CannotConnectNow), new InvalidOperationException("other")) },
        { "every host refused (a multi-host string: the failover proof's 500)", new NpgsqlException("Unable to connect to a suitable host. Check inner exception for more details.",
            new AggregateException(Refused("127.0.0.1:34531"), Refused("127.0.0.1:34532"))) },
        { "one host refused, the other still a standby", new NpgsqlException("Unable to connect to a suitable host. Check inner exception for more details.",
            new AggregateException(Refused("127.0.0.1:34531"), new NpgsqlException("No suitable host was found."))) },
    };

    public static TheoryData<string, Exception> NotUnavailable() => new()
    {
        { "unique violation", new DbUpdateException("save", Server(PostgresErrorCodes.UniqueViolation)) },
        { "check violation", Server(PostgresErrorCodes.CheckViolation) },
        { "value too long", Server(PostgresErrorCodes.StringDataRightTruncation) },
        { "a plain InvalidOperationException", new InvalidOperationException("Sequence contains no elements") },
        { "a socket error outside the database (the geocoder)", new HttpRequestException("geocoder", new SocketException((int)SocketError.ConnectionRefused)) },
        { "a client that went away mid-body", new IOException("The client reset the request stream.") },
        { "a wrong password on every host (configuration, not a moment)", new NpgsqlException("Unable to connect to a suitable host. Check inner exception for more details.",
            new AggregateException(Server(PostgresErrorCodes.InvalidPassword), Server(PostgresErrorCodes.InvalidPassword))) },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void A_database_that_is_away_is_a_503(string mode, Exception exception)
    {
        Assert.True(DatabaseFailures.IsUnavailable(exception), mode);
    }

    [Theory]
    [MemberData(nameof(NotUnavailable))]
    public void A_refusal_that_would_repeat_is_not_a_503(string mode, Exception exception)
    {
        Assert.False(DatabaseFailures.IsUnavailable(exception), mode);
    }

    [Fact]
    public void Only_a_read_only_refusal_is_a_database_that_refuses_writes()
    {
        Assert.True(DatabaseFailures.RefusesWrites(Server(PostgresErrorCodes.ReadOnlySqlTransaction)));
        Assert.True(DatabaseFailures.RefusesWrites(ThroughExecutionStrategy(new DbUpdateException("save", Server(PostgresErrorCodes.ReadOnlySqlTransaction)))));
        Assert.False(DatabaseFailures.RefusesWrites(Server(PostgresErrorCodes.AdminShutdown)));
        Assert.False(DatabaseFailures.RefusesWrites(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
    }
}
