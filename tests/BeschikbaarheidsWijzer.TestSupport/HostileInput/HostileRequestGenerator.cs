using System.Text;
using System.Text.Json.Nodes;

namespace BeschikbaarheidsWijzer.TestSupport.HostileInput;

/// <summary>One generated request: raw bytes, what it tries, and whether only the HTTP server itself can judge it.</summary>
/// <param name="ProtocolLevel">Broken at the HTTP level (bytes no HTTP/1.1 request may hold, a NUL in the path): Kestrel
/// refuses it before the app runs, with a bare 4xx, so only "no 5xx" applies, not "problem+json".</param>
/// <param name="ExpectedStatus">The one status the HTTP standard prescribes, where that is not a 4xx (505 for an HTTP
/// version the server does not speak).</param>
public sealed record HostileRequest(string Operation, string Attack, byte[] Bytes, bool ProtocolLevel = false, int? ExpectedStatus = null);

/// <summary>What the generator needs to aim past authentication and routing at the validation behind them.</summary>
public sealed class HostileTargets
{
    /// <summary>A valid value for a path parameter of an operation (template, parameter name), e.g. an existing offering's id.</summary>
    public required Func<string, string, string> PathValue { get; init; }

    /// <summary>The bearer key that may call an operation (by path template), or null for a public one.</summary>
    public required Func<string, string?> KeyFor { get; init; }

    /// <summary>Valid JSON for body properties the schema alone cannot make valid (ids, codes), by property name.</summary>
    public IReadOnlyDictionary<string, string> KnownJson { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Aims at one provider's things: its id and first offering in paths (a DELETE at nothing), <paramref name="bodyOfferingId"/>
    /// in bodies; <paramref name="providerKey"/> on the provider API, <paramref name="managementKey"/> on the admin and report API.
    /// </summary>
    public static HostileTargets ForProvider(Guid providerId, Guid pathOfferingId, Guid bodyOfferingId, string providerKey, string managementKey) => new()
    {
        PathValue = (template, parameter) => parameter switch
        {
            "locationId" => Guid.CreateVersion7().ToString(),
            "code" => "GM0222",
            "region" => "achterhoek",
            "careType" => "jeugd-ggz-basis",
            _ when template.Contains("/api-keys/", StringComparison.Ordinal) => "no-such-key",
            _ when template.Contains("providers/{id}", StringComparison.Ordinal) => providerId.ToString(),
            _ => pathOfferingId.ToString(),
        },
        KeyFor = template => template.StartsWith("/api/v1/provider/", StringComparison.Ordinal) ? providerKey
            : template.StartsWith("/api/v1/admin/", StringComparison.Ordinal) || template.StartsWith("/api/v1/reports/", StringComparison.Ordinal) ? managementKey
            : null,
        KnownJson = new Dictionary<string, string>
        {
            ["offeringId"] = $"\"{bodyOfferingId}\"", ["providerId"] = $"\"{providerId}\"", ["careType"] = "\"jeugd-ggz-basis\"",
            ["municipality"] = "\"GM0222\"", ["municipalities"] = "[\"GM0222\"]", ["regions"] = "[\"achterhoek\"]",
            ["locationIds"] = "[]", ["tags"] = "[\"autisme\"]", ["kvkNumber"] = "\"12345678\"", ["agbCode"] = "\"12345678\"", ["validFrom"] = "\"2026-12-01\"", ["unchanged"] = "false", ["postcode"] = "\"7001 AB\"",
            ["website"] = "\"https://zorg.example\"", ["email"] = "\"info@zorg.example\"", ["phone"] = "\"0314-123456\"", ["method"] = "\"actueel\"",
            ["role"] = "\"region-manager\"", ["ageMin"] = "0", ["ageMax"] = "18", ["lat"] = "51.96", ["lon"] = "6.29",
        },
    };
}

/// <summary>
/// Hostile requests for every operation of the app's own OpenAPI document, so an endpoint added later is covered
/// without touching this code: each path, query and header parameter and each body field (also inside arrays) gets
/// wrong types, boundary and huge numbers, SQL and script fragments, path traversal, control characters, invalid UTF-8
/// and oversized values; bodies are also malformed, deeply nested, oversized or of the wrong media type; keys are
/// missing, malformed or of the wrong role, and methods wrong. Deterministic for a seed.
/// </summary>
public sealed class HostileRequestGenerator(JsonNode document, HostileTargets targets, string host)
{
    private static readonly string[] HostileStrings =
    [
        "", " ", "' or 1=1 --", "'; drop table offerings; --", "\" or \"\"=\"", "1; select pg_sleep(10)", "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>", "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f", "${jndi:ldap://x/a}",
        "{{7*7}}", "\u0000", "a\u0000b", "\u0007\u001b[31m", "\uFEFF", "\u202Egnalpmeh", "\r\nSet-Cookie: x=y", "null", "NaN", "Infinity",
        "GM0222' --", "😀😀😀", new string('x', 10_000), string.Concat(Enumerable.Repeat("é", 3000)), "\\u0000", "*", "%", "_",
        "0001-01-01", "9999-12-31", "2026-02-29", "2026-W53",
    ];

    private static readonly string[] HostileNumbers =
    [
        "-1", "0", "104", "105", "10000", "10001", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "1e400", "-1e400",
        "1.5", "1e2", "-0", "0.0000001", "00012", "0x10",
    ];

    private static readonly string[] WrongTypes =
        ["\"3\"", "\"true\"", "true", "null", "[]", "{}", "[1,2,3]", "{\"a\":1}", "12", "\"00000000-0000-0000-0000-000000000000\"", Nest(200)];

    private static readonly string[] QueryValues =
    [
        "-1", "0", "1", "101", "2147483648", "99999999999999999999", "1e309", "NaN", "abc", "true", "", "%00", "%C3%28", "%FF%FE", "%", "%zz",
        "'%20or%201%3D1--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "..%2F..%2Fetc%2Fpasswd", "GM0222%27", Repeat("a", 5000), "%E2%80%AE", "+", "%2B%2B",

        // Dates and weeks at the edges: the ends of the calendar, a day and a week that do not exist, and the Amsterdam
        // daylight-saving days.
        "0001-01-01", "9999-12-31", "2026-02-29", "2026-W53", "2020-W53", "2026-03-29", "2026-10-25", "2026-13-01",
    ];

    private static readonly string[] PathValues =
    [
        "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "..", "%00", "%C3%28", "%FF", "'%20or%201=1--", "%3Cscript%3E", Repeat("9", 5000),
        "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "{id}", "12345", "%20", "1e400",
    ];

    private static readonly (string Name, string Value)[] BadAuthorization =
    [
        ("none", ""), ("garbage", "garbage"), ("empty bearer", "Bearer "), ("basic", "Basic YWRtaW46YWRtaW4="),
        ("malformed key", "Bearer bwk_zz_zz"), ("unknown key", "Bearer bwk_0123456789abcdef_" + new string('0', 64)),
        ("sql in key", "Bearer bwk_' or 1=1 --_x"), ("huge key", "Bearer bwk_" + new string('a', 8000)),
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/json; charset=utf-16", "application/json; charset=nonsense", "application/json;;;",
        "multipart/form-data; boundary=", "application/x-www-form-urlencoded", "*/*", "",
    ];

    private static readonly string[] WrongMethods = ["PATCH", "TRACE", "PROPFIND", "HEAD", "OPTIONS"];

    private const string Placeholder = "__hostile_value__";

    private readonly JsonObject _schemas = document["components"]?["schemas"] as JsonObject ?? [];

    public IEnumerable<HostileRequest> Generate()
    {
        foreach (var (path, item) in Paths())
        {
            foreach (var (method, operationNode) in (item as JsonObject)!)
            {
                if (operationNode is not JsonObject operation || method == "parameters")
                {
                    continue;
                }

                foreach (var request in ForOperation(method.ToUpperInvariant(), path, operation))
                {
                    yield return request;
                }
            }
        }

        foreach (var request in Protocol())
        {
            yield return request;
        }
    }

    /// <summary>The operations in the document, as "METHOD /path".</summary>
    public IReadOnlyList<string> Operations() =>
        Paths().SelectMany(p => (p.Item as JsonObject)!.Where(m => m.Key != "parameters").Select(m => $"{m.Key.ToUpperInvariant()} {p.Path}")).ToList();

    /// <summary>The document's paths as requests are sent: after the servers URL (<c>/api/v1</c>), which holds the major version.</summary>
    private IEnumerable<(string Path, JsonNode? Item)> Paths()
    {
        var server = ((string?)document["servers"]?[0]?["url"] ?? "").TrimEnd('/');
        return (document["paths"] as JsonObject)!.Select(p => (server + p.Key, p.Value));
    }

    private IEnumerable<HostileRequest> ForOperation(string method, string template, JsonObject operation)
    {
        var name = $"{method} {template}";
        var parameters = (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var pathParameters = parameters.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!).ToList();
        var query = parameters.Where(p => (string?)p["in"] == "query").ToList();
        var headerParameters = parameters.Where(p => (string?)p["in"] == "header").Select(p => (string)p["name"]!).ToList();
        var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        var key = targets.KeyFor(template);
        var validPath = FillPath(template, pathParameters, method, overrideName: null, overrideValue: null);
        string ValidQuery(IEnumerable<JsonObject> parameters) =>
            string.Join('&', parameters.Select(p => (Name: p["name"], Value: ValidQueryValue(p))).Where(p => p.Value is not null).Select(p => $"{p.Name}={p.Value}"));
        var validQuery = ValidQuery(query);
        var validBody = bodySchema is null ? null : ValidJson(bodySchema, depth: 0, propertyName: null);

        HostileRequest Build(string attack, string? path = null, string? queryString = null, string? body = null, byte[]? rawBody = null,
            string? authorization = null, string? contentType = "application/json", IEnumerable<(string, string)>? headers = null, string? verb = null, bool protocol = false)
        {
            var target = (path ?? validPath) + (string.IsNullOrEmpty(queryString ?? validQuery) ? "" : "?" + (queryString ?? validQuery));
            var bytes = rawBody ?? (body is null ? null : Encoding.UTF8.GetBytes(body));
            var all = new List<(string, string)>();
            var auth = authorization ?? (key is null ? null : "Bearer " + key);
            if (!string.IsNullOrEmpty(auth))
            {
                all.Add(("Authorization", auth));
            }

            if (bytes is not null && contentType is not null)
            {
                all.Add(("Content-Type", contentType));
            }

            all.AddRange(headers ?? []);
            return new HostileRequest(name, attack, Encode(verb ?? method, target, all, bytes), protocol);
        }

        yield return Build("valid", body: validBody);

        foreach (var parameter in pathParameters)
        {
            foreach (var value in PathValues)
            {
                // Kestrel refuses a NUL in the decoded path itself, before routing.
                yield return Build($"path {parameter}={Short(value)}", path: FillPath(template, pathParameters, method, parameter, value), body: validBody, protocol: value == "%00");
            }
        }

        foreach (var parameter in query)
        {
            var parameterName = (string)parameter["name"]!;
            foreach (var value in QueryValues)
            {
                var others = ValidQuery(query.Where(p => p != parameter));
                yield return Build($"query {parameterName}={Short(value)}", queryString: string.Join('&', new[] { others, $"{parameterName}={value}" }.Where(q => q.Length > 0)), body: validBody);
            }

            yield return Build($"query {parameterName} twice", queryString: $"{validQuery}&{parameterName}=1&{parameterName}=2", body: validBody);
        }

        yield return Build("unknown query parameter", queryString: validQuery + "&__proto__=1&select=*", body: validBody);
        yield return Build("query of 7000 characters", queryString: validQuery + "&q=" + Repeat("%41", 2300), body: validBody);

        foreach (var header in headerParameters)
        {
            foreach (var value in new[] { "", "garbage", "\"x\"", "*", "W/\"\"", new string('k', 6000), "' or 1=1 --", "a,b,,c" })
            {
                yield return Build($"header {header}={Short(value)}", body: validBody, headers: [(header, value)]);
            }
        }

        foreach (var (attack, value) in BadAuthorization)
        {
            yield return Build($"authorization {attack}", authorization: value, body: validBody);
        }

        if (key is not null)
        {
            // The other role's key: a provider's on admin and report endpoints, and the other way round.
            var other = targets.KeyFor(template.StartsWith("/api/v1/provider/", StringComparison.Ordinal) ? "/api/v1/admin/providers" : "/api/v1/provider/offerings");
            if (other is not null && other != key)
            {
                yield return Build("key of another role", authorization: "Bearer " + other, body: validBody);
            }
        }

        foreach (var verb in WrongMethods)
        {
            yield return Build($"method {verb}", verb: verb, body: null);
        }

        if (bodySchema is null)
        {
            yield return Build("unexpected JSON body", body: "{\"x\":1}");
            yield return Build("unexpected body of 1 MB", rawBody: Encoding.ASCII.GetBytes(new string('x', 1024 * 1024)), contentType: "text/plain");
            yield break;
        }

        foreach (var (attack, raw) in MalformedBodies())
        {
            yield return Build($"body {attack}", rawBody: raw);
        }

        foreach (var contentType in ContentTypes)
        {
            yield return Build($"content type '{contentType}'", body: validBody, contentType: contentType);
        }

        yield return Build("no content type", body: validBody, contentType: null);
        yield return Build("body cut short", rawBody: Encoding.UTF8.GetBytes(validBody![..(validBody!.Length / 2)]));
        yield return Build("body with unknown fields", body: "{\"__proto__\":{\"isAdmin\":true},\"constructor\":1," + validBody![1..]);

        foreach (var (field, mutated) in FieldMutations(JsonNode.Parse(validBody!)!, bodySchema))
        {
            yield return Build($"body {field}", body: mutated);
        }
    }

    /// <summary>HTTP-level garbage that never reaches the app: Kestrel's own 400.</summary>
    private IEnumerable<HostileRequest> Protocol()
    {
        const string operation = "HTTP";
        yield return new(operation, "raw invalid UTF-8 in the path", Concat("GET /api/v1/offerings/\xC3\x28 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"), true);
        yield return new(operation, "raw space in the path", Concat("GET /api/v1/off erings HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"), true);
        yield return new(operation, "non-ASCII header value", Concat("GET /api/v1/regions HTTP/1.1\r\nHost: h\r\nX-Naam: \xE9\xE9\r\nConnection: close\r\n\r\n"), true);
        yield return new(operation, "control character in a header", Concat("GET /api/v1/regions HTTP/1.1\r\nHost: h\r\nX-A: a\x01b\r\nConnection: close\r\n\r\n"), true);
        yield return new(operation, "header without colon", Concat("GET /api/v1/regions HTTP/1.1\r\nHost: h\r\nNoColon\r\nConnection: close\r\n\r\n"), true);
        yield return new(operation, "bad Content-Length", Concat("POST /api/v1/provider/availability-reports HTTP/1.1\r\nHost: h\r\nContent-Length: abc\r\nConnection: close\r\n\r\n"), true);
        yield return new(operation, "two Content-Lengths", Concat("POST /api/v1/admin/providers HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{}"), true);
        yield return new(operation, "header of 40 KB", Concat($"GET /api/v1/regions HTTP/1.1\r\nHost: h\r\nX-Big: {new string('b', 40_000)}\r\nConnection: close\r\n\r\n"), true);
        yield return new(operation, "request line of 20 KB", Concat($"GET /api/v1/regions?q={new string('q', 20_000)} HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"), true);
        yield return new(operation, "HTTP/9.9", Concat("GET /api/v1/regions HTTP/9.9\r\nHost: h\r\nConnection: close\r\n\r\n"), true, ExpectedStatus: 505);
        yield return new(operation, "broken chunked body", Concat("POST /api/v1/admin/providers HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"), true);
        yield return new(operation, "absolute-form target to another host", Concat("GET http://169.254.169.254/latest/meta-data HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"), true);
        yield return new(operation, "path traversal, raw", Concat("GET /../../../../etc/passwd HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"), true);
        yield return new(operation, "path traversal into the static files", Concat("GET /api/docs/..%2f..%2f..%2fappsettings.json HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"), true);
    }

    private static IEnumerable<(string Attack, byte[] Raw)> MalformedBodies()
    {
        foreach (var text in new[] { "", "{", "}", "[", "{\"a\":}", "{\"a\":1,}", "{'a':1}", "{\"a\":1}{\"b\":2}", "null", "true", "\"text\"", "123", "[]", "[{}]",
                     "{\"reports\":", "/* comment */ {}", "{\"a\":\"\\uZZZZ\"}", "{\"a\":\"\\ud800\"}", "{\"a\"\u0000:1}", "\u0000", Nest(1000), Nest(64), "{\"a\":" + new string('9', 100_000) + "}" })
        {
            yield return ($"'{Short(text)}'", Encoding.UTF8.GetBytes(text));
        }

        yield return ("invalid UTF-8 in a string", [.. "{\"name\":\""u8.ToArray(), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()]);
        yield return ("invalid UTF-8 start", [0xFF, 0xFE, .. "{}"u8.ToArray()]);
        yield return ("byte order mark", [0xEF, 0xBB, 0xBF, .. "{}"u8.ToArray()]);
        yield return ("UTF-16", Encoding.Unicode.GetBytes("{\"name\":\"x\"}"));
        yield return ("3 MB of JSON", Encoding.UTF8.GetBytes("{\"reports\":[" + string.Join(',', Enumerable.Repeat("{\"note\":\"" + new string('x', 1000) + "\"}", 3000)) + "]}"));
        yield return ("3 MB of '['", Encoding.ASCII.GetBytes(new string('[', 3 * 1024 * 1024)));
    }

    /// <summary>Each field (and each field of an array's first element) replaced by every hostile value of its kind.</summary>
    private IEnumerable<(string Field, string Body)> FieldMutations(JsonNode valid, JsonNode schema)
    {
        foreach (var (fieldPath, propertySchema, set) in Fields(valid, Resolve(schema), ""))
        {
            var type = (string?)Resolve(propertySchema)?["type"];
            var values = type switch
            {
                "integer" or "number" => HostileNumbers.Concat(WrongTypes),
                "boolean" => new[] { "0", "1", "\"yes\"", "\"false\"", "null", "[]", "{}" },
                "array" => new[] { "null", "{}", "\"a\"", "[null]", "[1]", "[[]]", $"[{string.Join(',', Enumerable.Repeat("\"GM0222\"", 2000))}]", "[" + string.Join(',', Enumerable.Range(0, 1001).Select(_ => "{}")) + "]" },
                _ => HostileStrings.Select(s => System.Text.Json.JsonSerializer.Serialize(s)).Concat(WrongTypes),
            };
            foreach (var value in values)
            {
                // A placeholder replaced as text: the value may be JSON no parser accepts (00012, 1e400, nesting of 200).
                var copy = valid.DeepClone();
                set(copy, JsonValue.Create(Placeholder));
                yield return ($"{fieldPath}={Short(value)}", copy.ToJsonString().Replace($"\"{Placeholder}\"", value, StringComparison.Ordinal));
            }

            var removed = valid.DeepClone();
            set(removed, null, remove: true);
            yield return ($"{fieldPath} missing", removed.ToJsonString());
        }
    }

    private delegate void Setter(JsonNode root, JsonNode? value, bool remove = false);

    private IEnumerable<(string Path, JsonNode? Schema, Setter Set)> Fields(JsonNode node, JsonNode? schema, string prefix)
    {
        if (node is not JsonObject obj || schema?["properties"] is not JsonObject properties)
        {
            yield break;
        }

        foreach (var (property, propertySchema) in properties)
        {
            var path = prefix + property;
            yield return (path, propertySchema, (root, value, remove) =>
            {
                var target = Navigate(root, prefix);
                if (target is JsonObject o)
                {
                    if (remove)
                    {
                        o.Remove(property);
                    }
                    else
                    {
                        o[property] = value;
                    }
                }
            }
            );

            var resolved = Resolve(propertySchema);
            if ((string?)resolved?["type"] == "array" && obj[property] is JsonArray { Count: > 0 } array && array[0] is JsonObject)
            {
                foreach (var inner in Fields(array[0]!, Resolve(resolved!["items"]), $"{path}[0]."))
                {
                    yield return inner;
                }
            }
        }
    }

    private static JsonNode? Navigate(JsonNode root, string prefix)
    {
        var node = root;
        foreach (var part in prefix.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = part.EndsWith("[0]", StringComparison.Ordinal) ? node?[part[..^3]]?[0] : node?[part];
        }

        return node;
    }

    /// <summary>A plausible valid value for a schema: the targets' known values first, then the schema's type.</summary>
    private string ValidJson(JsonNode? schema, int depth, string? propertyName)
    {
        if (propertyName is not null && targets.KnownJson.TryGetValue(propertyName, out var known))
        {
            return known;
        }

        var resolved = Resolve(schema);
        return (string?)resolved?["type"] switch
        {
            "object" or null when resolved?["properties"] is JsonObject properties && depth < 4 =>
                "{" + string.Join(',', properties.Select(p => $"\"{p.Key}\":{ValidJson(p.Value, depth + 1, p.Key)}")) + "}",
            "integer" => "1",
            "number" => "52.1",
            "boolean" => "true",
            "array" => $"[{ValidJson(resolved!["items"], depth + 1, propertyName is null ? null : propertyName + "[]")}]",
            "string" => "\"Tekst\"",
            _ => "null",
        };
    }

    /// <summary>Follows <c>$ref</c>, and takes the non-null branch of a nullable <c>oneOf</c>.</summary>
    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 5 && schema is not null; i++)
        {
            if ((string?)schema["$ref"] is { } reference)
            {
                schema = _schemas[reference.Split('/')[^1]];
            }
            else if (schema["oneOf"] is JsonArray oneOf)
            {
                schema = oneOf.FirstOrDefault(s => s?["$ref"] is not null || s?["type"] is not null);
            }
            else
            {
                return schema;
            }
        }

        return schema;
    }

    /// <summary>
    /// A value the operation accepts for a query parameter, so each attack on one parameter meets valid others and reaches
    /// the validation (or the database) behind them; null for an optional parameter best left out.
    /// </summary>
    private string? ValidQueryValue(JsonObject parameter)
    {
        var name = (string)parameter["name"]!;
        var value = name switch
        {
            "municipality" => "GM0222",
            "region" => "achterhoek",
            "page" => "1",
            "pageSize" or "per_page" => "5",
            "sort" => "wait",
            "careType" => "jeugd-ggz-basis",
            "date" => "2026-11-23",
            "age" => "8",
            _ => targets.KnownJson.TryGetValue(name, out var json) && JsonNode.Parse(json) is JsonValue known ? known.ToString() : null,
        };
        return value is null ? null : Uri.EscapeDataString(value);
    }

    private string FillPath(string template, List<string> parameters, string method, string? overrideName, string? overrideValue)
    {
        var path = template;
        foreach (var parameter in parameters)
        {
            // A DELETE aims at nothing that exists: the run must not remove what the other requests aim at.
            var value = parameter == overrideName ? overrideValue! : method == "DELETE" ? Guid.NewGuid().ToString() : targets.PathValue(template, parameter);
            path = path.Replace("{" + parameter + "}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private byte[] Encode(string method, string target, List<(string Name, string Value)> headers, byte[]? body)
    {
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (body is not null)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        var bytes = Encoding.UTF8.GetBytes(head.ToString());
        return body is null ? bytes : [.. bytes, .. body];
    }

    private static byte[] Concat(string latin1) => Encoding.Latin1.GetBytes(latin1);

    private static string Nest(int depth) => new string('[', depth) + new string(']', depth);

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private static string Short(string text) => text.Length > 24 ? $"{text[..20]}…({text.Length})" : text.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\0", "\\0");
}
