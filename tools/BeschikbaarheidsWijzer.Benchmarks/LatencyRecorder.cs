using System.Globalization;

namespace BeschikbaarheidsWijzer.Benchmarks;

/// <summary>
/// Collects request durations (safe to call from many tasks at once) and summarises them: count, rate over the wall
/// time of the run, and percentiles by nearest rank (so p50 of 7 samples is the 4th, the true median).
/// </summary>
public sealed class LatencyRecorder
{
    private readonly List<long> _ticks = [];
    private readonly Lock _lock = new();

    public void Record(TimeSpan duration)
    {
        lock (_lock)
        {
            _ticks.Add(duration.Ticks);
        }
    }

    public LatencySummary Summarize(TimeSpan wallTime)
    {
        long[] sorted;
        lock (_lock)
        {
            sorted = [.. _ticks];
        }

        Array.Sort(sorted);
        return new LatencySummary(
            sorted.Length,
            wallTime.TotalSeconds > 0 ? sorted.Length / wallTime.TotalSeconds : 0,
            Percentile(sorted, 50),
            Percentile(sorted, 95),
            Percentile(sorted, 99),
            sorted.Length == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(sorted[^1]));
    }

    /// <summary>Prints one line: count, requests per second, p50/p95/p99 and max in milliseconds.</summary>
    public LatencySummary Print(string label, TimeSpan wallTime)
    {
        var summary = Summarize(wallTime);
        Console.WriteLine(summary.Format(label));
        return summary;
    }

    private static TimeSpan Percentile(long[] sorted, int percent)
    {
        if (sorted.Length == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return TimeSpan.FromTicks(sorted[Math.Clamp(rank, 1, sorted.Length) - 1]);
    }
}

public sealed record LatencySummary(int Count, double PerSecond, TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Max)
{
    public string Format(string label) => string.Create(CultureInfo.InvariantCulture,
        $"{label}: {Count} requests, {PerSecond:F1} req/s, p50 {P50.TotalMilliseconds:F1} ms, p95 {P95.TotalMilliseconds:F1} ms, " +
        $"p99 {P99.TotalMilliseconds:F1} ms, max {Max.TotalMilliseconds:F1} ms");
}
