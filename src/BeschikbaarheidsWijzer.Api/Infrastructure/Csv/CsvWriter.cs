using System.Globalization;
using System.Text;
using BeschikbaarheidsWijzer.Domain.Weeks;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Csv;

/// <summary>
/// CSV as Excel in Dutch opens it by double-click: UTF-8 with a byte order mark, <c>;</c> between cells, CRLF between
/// rows, numbers with a decimal comma, dates <c>yyyy-MM-dd</c>, times in Europe/Amsterdam, yes/no as <c>ja</c>/<c>nee</c>.
/// A cell is quoted when it holds <c>;</c>, <c>"</c> or a line break (quotes doubled). Text that people typed and that
/// starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading <c>'</c>, so a spreadsheet
/// never runs it as a formula. Rows are written one at a time to the stream: nothing holds the whole file.
/// </summary>
public sealed class CsvWriter : IAsyncDisposable
{
    public const string ContentType = "text/csv; charset=utf-8";
    public const char Separator = ';';
    private readonly StreamWriter _writer;
    private readonly StringBuilder _row = new();
    private bool _rowStarted;

    public CsvWriter(Stream stream)
    {
        // The BOM tells Excel the file is UTF-8; without it, é and ë come out garbled.
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true)
        {
            NewLine = "\r\n",
        };
    }

    /// <summary>Text entered by people (names, titles): quoted where needed and guarded against formula injection.</summary>
    public CsvWriter Text(string? value) => Cell(value is null ? "" : GuardFormula(value));

    /// <summary>A code or fixed word from this system (GM code, care type code, ISO week): quoted where needed, not guarded.</summary>
    public CsvWriter Code(string? value) => Cell(value ?? "");

    public CsvWriter Integer(long? value) => Cell(value?.ToString(CultureInfo.InvariantCulture) ?? "");

    /// <summary>A number with a decimal comma and <paramref name="decimals"/> digits after it (no thousands separator).</summary>
    public CsvWriter Decimal(double? value, int decimals = 1) =>
        Cell(value is { } v
            ? Math.Round(v, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, CultureInfo.InvariantCulture).Replace('.', ',')
            : "");

    /// <summary>A share (0–1) as a percentage with a decimal comma: 0.6667 → <c>66,7</c>.</summary>
    public CsvWriter Percentage(double? share, int decimals = 1) => Decimal(share * 100, decimals);

    public CsvWriter Date(DateOnly? value) => Cell(value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");

    /// <summary>An instant as date and time in Europe/Amsterdam, <c>yyyy-MM-dd HH:mm</c>, which Excel reads as a date-time.</summary>
    public CsvWriter DateTime(DateTimeOffset? value) =>
        Cell(value is { } v ? TimeZoneInfo.ConvertTime(v, IsoWeek.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "");

    public CsvWriter YesNo(bool? value) => Cell(value switch { true => "ja", false => "nee", null => "" });

    public async Task HeaderAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        foreach (var name in names)
        {
            Code(name);
        }

        await EndRowAsync(cancellationToken);
    }

    public async Task EndRowAsync(CancellationToken cancellationToken = default)
    {
        _row.Append("\r\n");
        await _writer.WriteAsync(_row, cancellationToken);
        _row.Clear();
        _rowStarted = false;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }

    /// <summary>A leading <c>'</c> for text a spreadsheet would take as a formula (OWASP CSV injection).</summary>
    public static string GuardFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>The cell as it is written: quoted when it holds the separator, a quote or a line break.</summary>
    public static string Escape(string value) =>
        value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private CsvWriter Cell(string value)
    {
        if (_rowStarted)
        {
            _row.Append(Separator);
        }

        _row.Append(Escape(value));
        _rowStarted = true;
        return this;
    }
}
