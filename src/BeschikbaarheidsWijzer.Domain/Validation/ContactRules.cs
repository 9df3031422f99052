namespace BeschikbaarheidsWijzer.Domain.Validation;

/// <summary>Plausibility checks for contact details; each returns null when acceptable, otherwise why not.</summary>
public static class ContactRules
{
    public const int MaxEmailLength = 254;
    public const int MaxWebsiteLength = 500;
    public const int MaxPhoneLength = 50;

    /// <summary>
    /// A plausible e-mail address: one <c>@</c>, a local part of at most 64 characters, and a domain of at least two
    /// labels (letters, digits, hyphens; a label does not start or end with a hyphen). No spaces, no display name.
    /// </summary>
    public static FieldProblem? FindEmailProblem(string email)
    {
        if (email.Length > MaxEmailLength)
        {
            return FieldProblem.TooLong(MaxEmailLength, email.Length);
        }

        var at = email.IndexOf('@');
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1)
        {
            return Email("Not an e-mail address: use the form name@example.nl.");
        }

        var local = email[..at];
        var domain = email[(at + 1)..];
        if (local.Length > 64 || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)
            || !local.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c)))
        {
            return Email("Not an e-mail address: the part before the @ has characters that are not allowed.");
        }

        return IsHostName(domain, requireDot: true) ? null : Email("Not an e-mail address: the part after the @ is not a domain name.");
    }

    /// <summary>An absolute <c>http</c> or <c>https</c> URL with a host name, at most 500 characters.</summary>
    public static FieldProblem? FindWebsiteProblem(string url)
    {
        if (url.Length > MaxWebsiteLength)
        {
            return FieldProblem.TooLong(MaxWebsiteLength, url.Length);
        }

        if (url.Any(c => c <= ' ' || c == '\u007F'))
        {
            return Website("A web address may not contain spaces or control characters.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return Website("Use an absolute web address starting with https:// or http://.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return Website("A web address may not contain a user name or password.");
        }

        return uri.HostNameType == UriHostNameType.Dns && IsHostName(uri.IdnHost, requireDot: true)
            ? null
            : Website("The web address needs a domain name, e.g. https://www.example.nl.");
    }

    /// <summary>A phone number: digits, spaces, <c>+</c>, <c>-</c> and parentheses only, with at least 3 digits.</summary>
    public static FieldProblem? FindPhoneProblem(string phone)
    {
        if (phone.Length > MaxPhoneLength)
        {
            return FieldProblem.TooLong(MaxPhoneLength, phone.Length);
        }

        if (!phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')'))
        {
            return Phone("Use only digits, spaces, +, - and parentheses.");
        }

        return phone.Count(char.IsAsciiDigit) >= 3 ? null : Phone("A phone number needs at least 3 digits.");
    }

    private static FieldProblem Email(string message) => FieldProblem.Format("email", message);

    private static FieldProblem Website(string message) => FieldProblem.Format("website", message);

    private static FieldProblem Phone(string message) => FieldProblem.Format("phone", message);

    private static bool IsHostName(string host, bool requireDot)
    {
        if (host.Length is 0 or > 253)
        {
            return false;
        }

        var labels = host.Split('.');
        if (requireDot && labels.Length < 2)
        {
            return false;
        }

        return labels.All(label => label.Length is > 0 and <= 63
            && !label.StartsWith('-') && !label.EndsWith('-')
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            && !labels[^1].All(char.IsAsciiDigit);
    }
}
