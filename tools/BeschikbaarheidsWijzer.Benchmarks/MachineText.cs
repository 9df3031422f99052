using System.Runtime.InteropServices;

namespace BeschikbaarheidsWijzer.Benchmarks;

/// <summary>The lines every scenario's summary ends with: the verdict per target and what the machine was doing.</summary>
public static class MachineText
{
    public static string PassOrMiss(bool met) => met ? "PASS" : "MISS";

    /// <summary>The machine's load from /proc/loadavg (Linux only): other work on the machine shows in the figures.</summary>
    public static string? LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', fields.Take(3));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Prints the machine line and, when known, the load average before and after the run.</summary>
    public static void PrintMachine(string? loadBefore, string? loadAfter)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription} " +
                          $"({RuntimeInformation.OSArchitecture}), {RuntimeInformation.FrameworkDescription}; the app, PostgreSQL and " +
                          "this client share it");
        if (loadBefore is not null)
        {
            // Before the run it shows what else the machine was doing; after it, mostly this run's own load.
            Console.WriteLine($"load average (1/5/15 min) before the run: {loadBefore}; after it: {loadAfter}");
        }
    }
}
