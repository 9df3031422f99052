using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.Domain.Tests;

public class ContactRulesTests
{
    [Theory]
    [InlineData("info@zorg.example")]
    [InlineData("j.de.vries+aanmelding@jeugdzorg-achterhoek.nl")]
    [InlineData("INFO@ZORG.NL")]
    [InlineData("a@b.co")]
    public void Plausible_email_addresses_are_accepted(string email)
    {
        Assert.Null(ContactRules.FindEmailProblem(email));
    }

    [Theory]
    [InlineData("zorg.example")]
    [InlineData("@zorg.example")]
    [InlineData("info@")]
    [InlineData("info@zorg")]
    [InlineData("info@@zorg.example")]
    [InlineData("a@b@zorg.example")]
    [InlineData("info @zorg.example")]
    [InlineData("Info <info@zorg.example>")]
    [InlineData(".info@zorg.example")]
    [InlineData("in..fo@zorg.example")]
    [InlineData("info@-zorg.example")]
    [InlineData("info@zorg..example")]
    [InlineData("info@zorg.example.")]
    [InlineData("info@127.0.0.1")]
    [InlineData("info@zörg.example")]
    public void Implausible_email_addresses_are_refused(string email)
    {
        Assert.NotNull(ContactRules.FindEmailProblem(email));
    }

    [Fact]
    public void An_email_address_has_at_most_254_characters_and_a_local_part_of_64()
    {
        Assert.NotNull(ContactRules.FindEmailProblem(new string('a', 65) + "@zorg.example"));
        Assert.Null(ContactRules.FindEmailProblem(new string('a', 64) + "@zorg.example"));
        Assert.NotNull(ContactRules.FindEmailProblem("a@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 5)) + ".nl"));
    }

    [Theory]
    [InlineData("https://www.zorg.example")]
    [InlineData("http://zorg.example/jeugd?tab=1#aanmelden")]
    [InlineData("https://jeugdzorg-één.example/")]
    [InlineData("HTTPS://ZORG.EXAMPLE")]
    public void Absolute_http_urls_with_a_domain_are_accepted(string url)
    {
        Assert.Null(ContactRules.FindWebsiteProblem(url));
    }

    [Theory]
    [InlineData("www.zorg.example")]
    [InlineData("/jeugd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("ftp://zorg.example")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:secret@zorg.example")]
    [InlineData("https://localhost")]
    [InlineData("https://192.168.1.1")]
    [InlineData("https://zorg.example/met spatie")]
    [InlineData("https://zorg.example/\u0000")]
    public void Other_web_addresses_are_refused(string url)
    {
        Assert.NotNull(ContactRules.FindWebsiteProblem(url));
    }

    [Fact]
    public void A_web_address_has_at_most_500_characters()
    {
        var prefix = "https://zorg.example/";
        Assert.Null(ContactRules.FindWebsiteProblem(prefix + new string('a', 500 - prefix.Length)));
        Assert.NotNull(ContactRules.FindWebsiteProblem(prefix + new string('a', 501 - prefix.Length)));
    }

    [Theory]
    [InlineData("0314 123456", true)]
    [InlineData("+31 (0)314-123456", true)]
    [InlineData("112", true)]
    [InlineData("0800-1234", true)]
    [InlineData("12", false)]
    [InlineData("+", false)]
    [InlineData("0314 12345 toestel 2", false)]
    [InlineData("0314.123456", false)]
    [InlineData("０３１４１２３４５６", false)]
    [InlineData("<script>", false)]
    public void Phone_numbers_use_digits_spaces_plus_minus_and_parentheses(string phone, bool valid)
    {
        Assert.Equal(valid, ContactRules.FindPhoneProblem(phone) is null);
    }

    [Fact]
    public void A_phone_number_has_at_most_50_characters()
    {
        Assert.Null(ContactRules.FindPhoneProblem(new string('1', 50)));
        Assert.NotNull(ContactRules.FindPhoneProblem(new string('1', 51)));
    }
}
