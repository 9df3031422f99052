using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace BeschikbaarheidsWijzer.Benchmarks.Proofs;

/// <summary>A refused request: which kind, in which phase, its status, media type and body.</summary>
public sealed record Refusal(string Request, string Phase, int Status, string? MediaType, string Body)
{
    public bool IsProblem503 => Status == 503 && MediaType == "application/problem+json";

    /// <summary>The problem's <c>traceId</c>, to find the app's log lines of this request.</summary>
    public string? TraceId
    {
        get
        {
            try
            {
                using var problem = JsonDocument.Parse(Body);
                return problem.RootElement.TryGetProperty("traceId", out var id) ? id.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}

/// <summary>
/// The load the fault proofs put on the app while they break its database: each provider posts reports back to back (a
/// short pause after a refusal) and one searcher pages through the municipality's offerings. It records every answer by
/// phase, the acknowledged report ids, each refusal, the slowest answer and the first acknowledged report after the fault.
/// </summary>
public sealed class ReportLoad(AppUnderTest app, IReadOnlyList<ProofProvider> providers)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentBag<long> _acknowledged = [];
    private readonly ConcurrentDictionary<string, int> _statuses = new();
    private readonly ConcurrentBag<Refusal> _refusals = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _slowestLock = new();
    private List<Task> _running = [];
    private TimeSpan _slowest;
    private int _noAnswer;
    private long _faultAt;
    private long _firstReportAfterFault;
    private volatile string _phase = "before";

    /// <summary>Answers from now on are counted under this name ("before", "outage", "after").</summary>
    public string Phase { get => _phase; set => _phase = value; }

    public IReadOnlyCollection<long> Acknowledged => _acknowledged;

    public IReadOnlyCollection<Refusal> Refusals => _refusals;

    public int NoAnswer => _noAnswer;

    public TimeSpan Slowest
    {
        get
        {
            lock (_slowestLock)
            {
                return _slowest;
            }
        }
    }

    /// <summary>How many reports of a phase were answered with a status starting with <paramref name="statusPrefix"/> (e.g. "2").</summary>
    public int Count(string phase, string statusPrefix) =>
        _statuses.Where(s => s.Key.StartsWith($"{phase}: {statusPrefix}", StringComparison.Ordinal)).Sum(s => s.Value);

    /// <summary>From the fault (<see cref="MarkFault"/>) to the first acknowledged report sent after it, or null.</summary>
    public TimeSpan? FirstReportAfterFault =>
        Interlocked.Read(ref _firstReportAfterFault) is var first and not 0 ? Stopwatch.GetElapsedTime(Interlocked.Read(ref _faultAt), first) : null;

    public void Start()
    {
        _running = [.. providers.Select(p => Task.Run(() => PostReportsAsync(p))), Task.Run(SearchAsync)];
    }

    /// <summary>The database has just been broken: the next acknowledged report is timed from now.</summary>
    public void MarkFault() => Interlocked.Exchange(ref _faultAt, Stopwatch.GetTimestamp());

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
        _stop.Dispose();
    }

    /// <summary>Prints every answer by phase, and for each refusal that was not a 503 problem (at most 5) the exception the app logged for it.</summary>
    public void PrintAnswers()
    {
        Console.WriteLine($"Answers: {string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}× {s.Value}"))}; {_noAnswer} without an answer");
        foreach (var refusal in _refusals.Where(r => !r.IsProblem503).Take(5))
        {
            var logged = refusal.TraceId is { } traceId
                ? app.ErrorLines.Where(l => l.Contains(traceId, StringComparison.Ordinal)).Select(AppUnderTest.ExceptionHead).OfType<string>().LastOrDefault()
                : null;
            Console.WriteLine($"Not a 503: {refusal.Request} in phase {refusal.Phase} answered {refusal.Status} {refusal.MediaType}; the app logged: {logged ?? "(nothing found)"}");
        }
    }

    private async Task RecordAsync(string request, HttpResponseMessage response, long started, bool isReport)
    {
        var took = Stopwatch.GetElapsedTime(started);
        var phase = _phase;
        _statuses.AddOrUpdate(isReport ? $"{phase}: {(int)response.StatusCode}" : $"{phase} search: {(int)response.StatusCode}", 1, (_, n) => n + 1);
        lock (_slowestLock)
        {
            _slowest = took > _slowest ? took : _slowest;
        }

        if (!response.IsSuccessStatusCode)
        {
            _refusals.Add(new Refusal(request, phase, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                await response.Content.ReadAsStringAsync(CancellationToken.None)));
        }
        else if (isReport)
        {
            _acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("id").GetInt64());
            // Only a report sent after the fault: one sent before it and answered just after tells nothing about recovery.
            if (Interlocked.Read(ref _faultAt) is var faultAt and not 0 && started > faultAt)
            {
                Interlocked.CompareExchange(ref _firstReportAfterFault, Stopwatch.GetTimestamp(), 0L);
            }
        }
    }

    private async Task PostReportsAsync(ProofProvider provider)
    {
        using var client = app.CreateClient(provider.Key);
        client.Timeout = RequestTimeout;
        var random = new Random(provider.Index);
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            var offering = provider.OfferingIds[i % provider.OfferingIds.Length];
            await SendAsync("PUT availability", isReport: true, () => client.PutAsJsonAsync($"/api/v1/provider/offerings/{offering}/availability",
                new { acceptingReferrals = true, waitToIntakeWeeks = random.Next(0, 20), freePlaces = 1, totalPlaces = 5 }, _stop.Token), pauseAfterSuccess: TimeSpan.Zero);
        }
    }

    private async Task SearchAsync()
    {
        using var client = app.CreateClient();
        client.Timeout = RequestTimeout;
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            var page = i % 5 + 1;
            await SendAsync("GET search", isReport: false, () => client.GetAsync($"/api/v1/offerings?municipality={ProofKit.Municipality}&page={page}", _stop.Token),
                pauseAfterSuccess: TimeSpan.FromMilliseconds(100));
        }
    }

    private async Task SendAsync(string request, bool isReport, Func<Task<HttpResponseMessage>> send, TimeSpan pauseAfterSuccess)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await send();
            await RecordAsync(request, response, started, isReport);
            var pause = response.IsSuccessStatusCode ? pauseAfterSuccess : TimeSpan.FromMilliseconds(50);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
        {
            // No answer: a report may or may not be stored ("in doubt"); it is not acknowledged.
            Interlocked.Increment(ref _noAnswer);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
