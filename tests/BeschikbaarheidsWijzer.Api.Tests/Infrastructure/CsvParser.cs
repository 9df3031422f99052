using System.Text;

namespace BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

/// <summary>
/// Reads back what the app's CSV writer produced, independently of it: RFC 4180 quoting with ';' between cells and CRLF
/// between rows. Insists on the UTF-8 byte order mark and on CRLF, as Excel needs them.
/// </summary>
public static class CsvParser
{
    public static List<string[]> Parse(byte[] body)
    {
        Assert.True(body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF, "The CSV must start with a UTF-8 byte order mark.");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body, 3, body.Length - 3);
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.True(cell.Length == 0, $"A quote inside an unquoted cell at {i}.");
                quoted = true;
            }
            else if (c == ';')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r')
            {
                Assert.True(i + 1 < text.Length && text[i + 1] == '\n', $"A bare CR at {i}: rows end with CRLF.");
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                Assert.True(c != '\n', $"A bare LF at {i}: rows end with CRLF.");
                cell.Append(c);
            }
        }

        Assert.False(quoted, "The CSV ends inside a quoted cell.");
        Assert.True(cell.Length == 0 && row.Count == 0, "The last row must end with CRLF.");
        return rows;
    }

    /// <summary>The rows as dictionaries keyed by the header row's names.</summary>
    public static List<Dictionary<string, string>> ParseTable(byte[] body)
    {
        var rows = Parse(body);
        Assert.NotEmpty(rows);
        var header = rows[0];
        Assert.Equal(header.Length, header.Distinct().Count());
        return rows.Skip(1).Select(r =>
        {
            Assert.Equal(header.Length, r.Length);
            return header.Zip(r).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
    }
}
