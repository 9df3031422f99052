using System.Security.Cryptography;
using BeschikbaarheidsWijzer.Api.Infrastructure.Database;
using Microsoft.AspNetCore.OutputCaching;

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
                if (services.GetRequiredService<DatabaseEndpoint>().HasSeparateReadOnlyDatabase)
                {
                    _ = EvictAfterReplicaLagAsync(store, services.GetRequiredService<IConfiguration>());
                }
            }

            return result;
        });

    /// <summary>
    /// Public answers are read from the replica, which applies a write a moment after the primary committed it. A search
    /// in that moment reads the old figures and caches them; a second eviction, once the replica has caught up, removes
    /// that answer too (<c>Database:ReplicaLagSeconds</c>, default 2).
    /// </summary>
    private static async Task EvictAfterReplicaLagAsync(IOutputCacheStore store, IConfiguration configuration)
    {
        await Task.Delay(TimeSpan.FromSeconds(configuration.GetValue("Database:ReplicaLagSeconds", 2.0)));
        await store.EvictByTagAsync(Tag, CancellationToken.None);
    }

    public static int CacheSeconds(IConfiguration configuration) => configuration.GetValue("Search:OutputCache:Seconds", 30);
}
