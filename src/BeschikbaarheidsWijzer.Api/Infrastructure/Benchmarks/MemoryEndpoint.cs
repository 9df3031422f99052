using System.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Benchmarks;

/// <summary>
/// For the soak proof: what the process retains after a full, compacting collection. Resident memory sampled in passing
/// rises and falls with the collector's rhythm (a gen2 collection can be minutes away); a leak is what survives a full
/// collection, so that is what the soak compares between its first and its last minute. Off unless
/// <c>Benchmarks:MemoryEndpoint</c> is true; not part of the API contract or its document.
/// </summary>
public static class MemoryEndpoint
{
    public const string Path = "/api/v1/benchmark-memory";

    public static IEndpointRouteBuilder MapBenchmarkMemory(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (configuration.GetValue("Benchmarks:MemoryEndpoint", false))
        {
            app.MapPost(Path, CollectAndMeasure).ExcludeFromDescription();
        }

        return app;
    }

    public static Ok<RetainedMemory> CollectAndMeasure()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return TypedResults.Ok(new RetainedMemory(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64));
    }
}

public sealed record RetainedMemory(long ManagedHeapBytes, long ResidentBytes);
