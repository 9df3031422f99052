using System.Text;
using BeschikbaarheidsWijzer.Api.Infrastructure.Csv;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests.Csv;

public sealed class CsvWriterTests
{
    private static async Task<byte[]> WriteAsync(Func<CsvWriter, Task> write)
    {
        using var stream = new MemoryStream();
        await using (var csv = new CsvWriter(stream))
        {
            await write(csv);
        }

        return stream.ToArray();
    }

    [Fact]
    public async Task Output_is_utf8_with_bom_semicolons_and_crlf()
    {
        var bytes = await WriteAsync(async csv =>
        {
            await csv.HeaderAsync(["Aanbieder", "Zorgvorm"]);
            csv.Text("Zorg één").Code("ambulante-begeleiding");
            await csv.EndRowAsync();
        });

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("Aanbieder;Zorgvorm\r\nZorg één;ambulante-begeleiding\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Theory]
    [InlineData("De Linde; Jeugdhulp", "\"De Linde; Jeugdhulp\"")]
    [InlineData("Zorg \"De Linde\"", "\"Zorg \"\"De Linde\"\"\"")]
    [InlineData("regel één\nregel twee", "\"regel één\nregel twee\"")]
    [InlineData("regel\r\ntwee", "\"regel\r\ntwee\"")]
    [InlineData("gewoon", "gewoon")]
    [InlineData("", "")]
    public void Cells_with_separator_quote_or_line_break_are_quoted(string value, string expected)
    {
        Assert.Equal(expected, CsvWriter.Escape(value));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+31 314 123456", "'+31 314 123456")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("Zorg=goed", "Zorg=goed")]
    [InlineData("'al veilig", "'al veilig")]
    public void Typed_text_that_a_spreadsheet_would_run_gets_a_leading_apostrophe(string value, string expected)
    {
        Assert.Equal(expected, CsvWriter.GuardFormula(value));
    }

    [Fact]
    public async Task Numbers_use_a_decimal_comma_percentages_of_shares_dates_and_amsterdam_times()
    {
        var bytes = await WriteAsync(async csv =>
        {
            csv.Integer(-2).Decimal(2.5).Decimal(-1).Decimal(2.0 / 3, 2).Percentage(2.0 / 3).Percentage(1).Percentage(null)
                .Date(new DateOnly(2026, 3, 1))
                .DateTime(new DateTimeOffset(2026, 7, 1, 10, 5, 0, TimeSpan.Zero))   // summer: UTC+2
                .DateTime(new DateTimeOffset(2026, 1, 1, 23, 30, 0, TimeSpan.Zero))  // winter: UTC+1, the next day
                .YesNo(true).YesNo(false).YesNo(null).Text("=1+1").Code("-W47");
            await csv.EndRowAsync();
        });

        var cells = CsvParser.Parse(bytes).Single();
        Assert.Equal(
            ["-2", "2,5", "-1,0", "0,67", "66,7", "100,0", "", "2026-03-01", "2026-07-01 12:05", "2026-01-02 00:30", "ja", "nee", "", "'=1+1", "-W47"],
            cells);
    }

    [Fact]
    public async Task Quoted_cells_survive_a_round_trip()
    {
        string[] values = ["a;b", "x\"y\"", "één\r\ntwee", "  spaties  ", "=gevaar"];
        var bytes = await WriteAsync(async csv =>
        {
            foreach (var value in values)
            {
                csv.Text(value);
            }

            await csv.EndRowAsync();
        });

        Assert.Equal(["a;b", "x\"y\"", "één\r\ntwee", "  spaties  ", "'=gevaar"], CsvParser.Parse(bytes).Single());
    }
}
