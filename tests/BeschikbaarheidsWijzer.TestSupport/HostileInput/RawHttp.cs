using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace BeschikbaarheidsWijzer.TestSupport.HostileInput;

/// <summary>An HTTP/1.1 response as it came off the socket.</summary>
public sealed record RawResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body, TimeSpan Duration)
{
    public string? ContentType => Headers.GetValueOrDefault("content-type");

    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// Sends bytes exactly as given (an <see cref="HttpClient"/> would refuse or repair much of what hostile input is made
/// of: invalid UTF-8 in the path, broken headers, a wrong Content-Length) over a new connection, and reads the response
/// until the server closes it (the requests say <c>Connection: close</c>).
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse?> SendAsync(string host, int port, byte[] request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(host, port, cts.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, cts.Token);
        }
        catch (IOException)
        {
            // The server may answer (413) and close before it has read a large body: read what it said.
        }

        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the response: what arrived is the answer.
        }

        return Parse(received.ToArray(), Stopwatch.GetElapsedTime(started));
    }

    private static RawResponse? Parse(byte[] data, TimeSpan duration)
    {
        var headerEnd = IndexOf(data, "\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            return null;
        }

        var head = Encoding.Latin1.GetString(data, 0, headerEnd).Split("\r\n");
        var statusParts = head[0].Split(' ', 3);
        if (statusParts.Length < 2 || !int.TryParse(statusParts[1], out var status))
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
            }
        }

        var body = data.AsSpan(headerEnd + 4).ToArray();
        if (headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new RawResponse(status, headers, body, duration);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var output = new MemoryStream();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = IndexOf(chunked.AsSpan(position), "\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }

            var sizeText = Encoding.ASCII.GetString(chunked, position, lineEnd).Split(';')[0];
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0)
            {
                break;
            }

            position += lineEnd + 2;
            output.Write(chunked, position, Math.Min(size, chunked.Length - position));
            position += size + 2;
        }

        return output.ToArray();
    }

    private static int IndexOf(ReadOnlySpan<byte> data, ReadOnlySpan<byte> pattern) => data.IndexOf(pattern);
}
