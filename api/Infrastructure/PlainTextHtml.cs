using System.Net;
using System.Text;

namespace GhostAssist.Api.Infrastructure;

/// <summary>
/// The one way plain text becomes HTML (drafts, rendered templates, invites, saved Outlook drafts).
/// Text from a thread, a template or a language model is untrusted: every character is escaped, so a
/// name like "&lt;script&gt;" shows as text in Outlook.
/// </summary>
public static class PlainTextHtml
{
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Blank-line separated paragraphs as &lt;p&gt;, line breaks inside them as &lt;br&gt;.</summary>
    public static string Paragraphs(string text)
    {
        var html = new StringBuilder(text.Length + 32);
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            html.Append("<p>").Append(string.Join("<br>", paragraph.Split('\n').Select(Escape))).Append("</p>");
        }

        return html.ToString();
    }
}
