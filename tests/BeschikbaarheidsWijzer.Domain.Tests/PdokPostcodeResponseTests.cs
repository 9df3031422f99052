using BeschikbaarheidsWijzer.Domain.Geo;

namespace BeschikbaarheidsWijzer.Domain.Tests;

public class PdokPostcodeResponseTests
{
    [Fact]
    public void A_found_postcode_gives_the_gm_code_and_the_point_with_lon_first_in_wkt()
    {
        const string json = """{"response":{"numFound":1,"start":0,"maxScore":1.0,"docs":[{"centroide_ll":"POINT(6.29 51.96)","gemeentecode":"0222","postcode":"7001AB"}]}}""";

        var found = Assert.IsType<PostcodeLookup.Found>(PdokPostcodeResponse.Parse(json, "7001AB"));

        Assert.Equal("GM0222", found.MunicipalityCode);
        Assert.Equal(51.96, found.Lat);
        Assert.Equal(6.29, found.Lon);
    }

    [Theory]
    [InlineData("""{"response":{"numFound":0,"docs":[]}}""")]
    [InlineData("""{"response":{"docs":[]}}""")]
    [InlineData("""{"response":{"numFound":1,"docs":[{"centroide_ll":"POINT(6.29 51.96)","gemeentecode":"0222","postcode":"7001AC"}]}}""")] // another postcode
    public void No_document_for_the_postcode_is_not_found(string json)
    {
        Assert.IsType<PostcodeLookup.NotFound>(PdokPostcodeResponse.Parse(json, "7001AB"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<html>Service Unavailable</html>")]
    [InlineData("{\"response\":{\"docs\":[")]
    [InlineData("[]")]
    [InlineData("""{"response":null}""")]
    [InlineData("""{"response":{"numFound":1}}""")]
    [InlineData("""{"response":{"docs":{}}}""")]
    [InlineData("""{"response":{"docs":["7001AB"]}}""")]
    [InlineData("""{"response":{"docs":[{"centroide_ll":"POINT(6.29 51.96)","postcode":"7001AB"}]}}""")] // no gemeentecode
    [InlineData("""{"response":{"docs":[{"centroide_ll":"POINT(6.29 51.96)","gemeentecode":"abc","postcode":"7001AB"}]}}""")]
    [InlineData("""{"response":{"docs":[{"centroide_ll":"POINT(6.29 51.96)","gemeentecode":"12345","postcode":"7001AB"}]}}""")]
    [InlineData("""{"response":{"docs":[{"centroide_ll":"POINT(6.29 51.96)","gemeentecode":null,"postcode":"7001AB"}]}}""")]
    [InlineData("""{"response":{"docs":[{"gemeentecode":"0222","postcode":"7001AB"}]}}""")] // no centroid
    [InlineData("""{"response":{"docs":[{"centroide_ll":"POINT(6,29 51,96)","gemeentecode":"0222","postcode":"7001AB"}]}}""")]
    [InlineData("""{"response":{"docs":[{"centroide_ll":42,"gemeentecode":"0222","postcode":"7001AB"}]}}""")]
    [InlineData("""{"response":{"docs":[{"centroide_ll":"POINT(6.29 51.96)","gemeentecode":"0222","postcode":7001}]}}""")]
    public void Anything_malformed_is_unavailable_never_an_exception(string? json)
    {
        var unavailable = Assert.IsType<PostcodeLookup.Unavailable>(PdokPostcodeResponse.Parse(json, "7001AB"));
        Assert.NotEmpty(unavailable.Reason);
    }

    [Fact]
    public void Deeply_nested_json_is_unavailable()
    {
        var json = string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000));

        Assert.IsType<PostcodeLookup.Unavailable>(PdokPostcodeResponse.Parse(json, "7001AB"));
    }

    [Fact]
    public void The_postcode_field_may_be_missing_or_written_with_a_space()
    {
        Assert.IsType<PostcodeLookup.Found>(PdokPostcodeResponse.Parse(
            """{"response":{"docs":[{"centroide_ll":"POINT(6.29 51.96)","gemeentecode":"0222"}]}}""", "7001AB"));
        Assert.IsType<PostcodeLookup.Found>(PdokPostcodeResponse.Parse(
            """{"response":{"docs":[{"centroide_ll":"POINT(6.29 51.96)","gemeentecode":"0222","postcode":"7001 ab"}]}}""", "7001AB"));
    }

    [Theory]
    [InlineData("POINT(6.29 51.96)", 6.29, 51.96)]
    [InlineData("POINT (6.29 51.96)", 6.29, 51.96)]
    [InlineData("  point( 6.2912345   51.9612345 ) ", 6.2912345, 51.9612345)]
    [InlineData("POINT(-0.5 -12)", -0.5, -12)]
    [InlineData("POINT(6.29e0 5.196E1)", 6.29, 51.96)]
    public void Wkt_points_are_lon_then_lat(string wkt, double lon, double lat)
    {
        Assert.True(PdokPostcodeResponse.TryParsePoint(wkt, out var x, out var y));
        Assert.Equal(lon, x, 9);
        Assert.Equal(lat, y, 9);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("POINT()")]
    [InlineData("POINT(6.29)")]
    [InlineData("POINT(6.29 51.96 3)")]
    [InlineData("POINT(6.29 51.96")]
    [InlineData("POINT 6.29 51.96")]
    [InlineData("LINESTRING(6.29 51.96, 6.3 52)")]
    [InlineData("POINT(6,29 51,96)")]
    [InlineData("POINT(NaN 51.96)")]
    [InlineData("POINT(Infinity 51.96)")]
    [InlineData("POINT(6.29 91)")]
    [InlineData("POINT(181 51.96)")]
    [InlineData("POINT(0x10 51.96)")]
    public void Other_wkt_is_rejected(string? wkt)
    {
        Assert.False(PdokPostcodeResponse.TryParsePoint(wkt, out _, out _));
    }

    [Theory]
    [InlineData("0222", "GM0222")]
    [InlineData("222", "GM0222")]
    [InlineData("1", "GM0001")]
    [InlineData(" 0153 ", "GM0153")]
    [InlineData("GM1859", "GM1859")]
    [InlineData("gm0222", "GM0222")]
    [InlineData("0000", null)]
    [InlineData("12345", null)]
    [InlineData("02a2", null)]
    [InlineData("-222", null)]
    [InlineData("٠٢٢٢", null)] // Arabic-Indic digits
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Gemeentecodes_are_padded_to_four_digits_with_the_gm_prefix(string? text, string? expected)
    {
        Assert.Equal(expected is not null, PdokPostcodeResponse.TryNormaliseGemeentecode(text, out var code));
        Assert.Equal(expected, code);
    }

    [Fact]
    public void A_numeric_gemeentecode_is_padded_too()
    {
        var found = Assert.IsType<PostcodeLookup.Found>(PdokPostcodeResponse.Parse(
            """{"response":{"docs":[{"centroide_ll":"POINT(6.29 51.96)","gemeentecode":222,"postcode":"7001AB"}]}}""", "7001AB"));

        Assert.Equal("GM0222", found.MunicipalityCode);
    }
}
