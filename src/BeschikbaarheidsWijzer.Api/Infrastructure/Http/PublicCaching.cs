using System.Diagnostics;
using System.Security.Cryptography;
using BeschikbaarheidsWijzer.Api.Infrastructure.Database;
using Microsoft.AspNetCore.OutputCaching;
using Npgsql;
using NpgsqlTypes;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Http;

/// <summary>
/// Anonymous reads of offerings, providers and the open-data exports are cached for a short time (output cache, varied by
/// the whole query) and carry an ETag and Cache-Control. Any successful write through the API evicts them, so a new report shows on the next request.
/// With several replicas the cache is in Redis (<see cref="RedisOutputCache"/>), so the eviction reaches all of them.
/// </summary>
public static class PublicCaching
{
    public const string PolicyName = "public-offerings";
    public const string Tag = "offerings";

    public static IServiceCollection AddPublicCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOutputCache(options =>
        {
            options.AddPolicy(PolicyName, policy =>
            {
                if (!configuration.GetValue("Search:OutputCache:Enabled", true))
                {
                    policy.NoCache();
                    return;
                }

                policy.Expire(TimeSpan.FromSeconds(CacheSeconds(configuration))).SetVaryByQuery("*").Tag(Tag);
            });
        });
        if (RedisOutputCache.IsConfigured(configuration))
        {
            services.AddRedisOutputCacheStore(configuration);
        }

        return services;
    }

    /// <summary>Weak ETags and Cache-Control on the public GETs; If-None-Match that matches gets 304 without a body.</summary>
    public static IApplicationBuilder UsePublicETags(this IApplicationBuilder app, IConfiguration configuration)
    {
        var cacheControl = $"public, max-age={CacheSeconds(configuration)}";
        return app.UseWhen(
            context => HttpMethods.IsGet(context.Request.Method)
                       && (context.Request.Path.StartsWithSegments("/api/v1/offerings") || context.Request.Path.StartsWithSegments("/api/v1/providers")
                           || context.Request.Path.StartsWithSegments("/api/v1/municipalities")
                           || context.Request.Path.StartsWithSegments("/api/v1/exports/hsds")),
            branch => branch.Use(async (context, next) =>
            {
                var original = context.Response.Body;
                await using var buffer = new MemoryStream();
                context.Response.Body = buffer;
                try
                {
                    await next(context);
                }
                finally
                {
                    context.Response.Body = original;
                }

                if (context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    var etag = $"W/\"{Convert.ToBase64String(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))[..22]}\"";
                    context.Response.Headers.ETag = etag;
                    context.Response.Headers.CacheControl = cacheControl;
                    if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Contains(etag)))
                    {
                        context.Response.StatusCode = StatusCodes.Status304NotModified;
                        context.Response.ContentLength = 0;
                        return;
                    }
                }

                buffer.Position = 0;
                await buffer.CopyToAsync(original, context.RequestAborted);
            }));
    }

    /// <summary>Evicts the public cache after every successful write of the endpoints it is put on.</summary>
    public static TBuilder EvictsPublicCache<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            // Results<A, B> wraps the result that will run; its status is only known from the inner one.
            var inner = result;
            while (inner is INestedHttpResult nested)
            {
                inner = nested.Result;
            }

            var status = inner is IStatusCodeHttpResult { StatusCode: { } code } ? code : context.HttpContext.Response.StatusCode;
            var isWrite = !HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method);
            if (isWrite && status is >= 200 and < 300)
            {
                var services = context.HttpContext.RequestServices;
                var store = services.GetRequiredService<IOutputCacheStore>();
                await store.EvictByTagAsync(Tag, context.HttpContext.RequestAborted);
                if (services.GetRequiredService<DatabaseEndpoint>() is { HasSeparateReadOnlyDatabase: true } database)
                {
                    var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PublicCaching));
                    _ = EvictAgainOnceTheReplicaHasTheWriteAsync(store, database, services.GetRequiredService<IConfiguration>(), logger);
                }
            }

            return result;
        });

    /// <summary>
    /// Public answers are read from the replica, which applies a write a moment after the primary committed it. A search
    /// in that moment reads the old figures and caches them; so the cache is evicted again as soon as the replica has
    /// replayed the primary's WAL up to this write (polled every 10 ms), and once more <c>Database:ReplicaLagSeconds</c>
    /// (default 2) after the write, for a search that was still answering from the old state, or a read-only database that
    /// is no standby and cannot say how far it is.
    /// </summary>
    private static async Task EvictAgainOnceTheReplicaHasTheWriteAsync(IOutputCacheStore store, DatabaseEndpoint database, IConfiguration configuration, ILogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        var backstop = TimeSpan.FromSeconds(configuration.GetValue("Database:ReplicaLagSeconds", 2.0));
        try
        {
            await using var primary = new NpgsqlConnection(database.ConnectionString);
            await primary.OpenAsync();
            await using var position = new NpgsqlCommand("select pg_current_wal_lsn()", primary);
            var written = (NpgsqlLogSequenceNumber)(await position.ExecuteScalarAsync())!;

            await using var replica = new NpgsqlConnection(database.ReadOnlyConnectionString);
            await replica.OpenAsync();
            await using var replayed = new NpgsqlCommand("select pg_is_in_recovery(), coalesce(pg_last_wal_replay_lsn() >= $1, false)", replica)
            {
                // Npgsql does not infer pg_lsn from the CLR type: without the type every check failed, and only the backstop evicted.
                Parameters = { new NpgsqlParameter { Value = written, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.PgLsn } },
            };
            while (Stopwatch.GetElapsedTime(started) < backstop)
            {
                await using (var reader = await replayed.ExecuteReaderAsync())
                {
                    await reader.ReadAsync();
                    if (!reader.GetBoolean(0))
                    {
                        break; // not a standby: only the clock can tell
                    }

                    if (reader.GetBoolean(1))
                    {
                        await store.EvictByTagAsync(Tag, CancellationToken.None);
                        break;
                    }
                }

                await Task.Delay(10);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not see whether the replica has a write yet; the cache is evicted again after {Seconds} s", backstop.TotalSeconds);
        }
        catch (Exception ex)
        {
            // Not a database away but a defect (a wrong parameter type hid here once, as a warning): an error, so it is
            // seen. Nobody awaits this task, so the backstop below must still run.
            logger.LogError(ex, "The check of the replica's position failed; the cache is evicted again after {Seconds} s", backstop.TotalSeconds);
        }

        var remaining = backstop - Stopwatch.GetElapsedTime(started);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        await store.EvictByTagAsync(Tag, CancellationToken.None);
    }

    public static int CacheSeconds(IConfiguration configuration) => configuration.GetValue("Search:OutputCache:Seconds", 30);
}
