namespace BeschikbaarheidsWijzer.Domain.Validation;

/// <summary>What free text we accept: any language and emoji, but no control characters, no direction overrides and
/// no broken UTF-16 (a lone surrogate cannot be stored and would otherwise fail deep in the database driver).</summary>
public static class TextRules
{
    /// <summary>Null when the text is acceptable; otherwise why not.</summary>
    public static FieldProblem? FindProblem(string text, int maxLength, bool allowLineBreaks)
    {
        if (text.Length > maxLength)
        {
            return FieldProblem.TooLong(maxLength, text.Length);
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return Refused("surrogate", "Contains an invalid character (a broken surrogate pair).");
            }

            if (char.IsLowSurrogate(c))
            {
                return Refused("surrogate", "Contains an invalid character (a broken surrogate pair).");
            }

            if (c is '\n' or '\r' or '\t')
            {
                if (!allowLineBreaks)
                {
                    return Refused("line-break", "Must be on one line.");
                }

                continue;
            }

            if (char.IsControl(c))
            {
                return Refused("control", $"Contains a control character (U+{(int)c:X4}).");
            }

            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return Refused("direction", $"Contains a text direction override (U+{(int)c:X4}).");
            }
        }

        return null;
    }

    private static FieldProblem Refused(string reason, string message) => FieldProblem.Of(ErrorCodes.Text, message, ("reason", reason));
}
