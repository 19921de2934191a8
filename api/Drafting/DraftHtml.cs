using System.Text;
using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.Drafting;

/// <summary>
/// Turns a plain-text draft into HTML for Outlook. Every piece of text is encoded, whatever its
/// source (thread facts, a template, a language model), so a name like "&lt;script&gt;" stays text.
/// </summary>
public static class DraftHtml
{
    public static string FromText(string text)
    {
        var html = new StringBuilder(text.Length + 64);
        html.Append("<div>");
        foreach (var paragraph in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = paragraph.Split('\n', StringSplitOptions.TrimEntries);
            var inList = false;
            var inParagraph = false;
            foreach (var line in lines)
            {
                var bullet = line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("• ", StringComparison.Ordinal);
                if (bullet)
                {
                    if (inParagraph)
                    {
                        html.Append("</p>");
                        inParagraph = false;
                    }

                    if (!inList)
                    {
                        html.Append("<ul>");
                        inList = true;
                    }

                    html.Append("<li>").Append(PlainTextHtml.Escape(line[2..].Trim())).Append("</li>");
                    continue;
                }

                if (inList)
                {
                    html.Append("</ul>");
                    inList = false;
                }

                html.Append(inParagraph ? "<br>" : "<p>").Append(PlainTextHtml.Escape(line));
                inParagraph = true;
            }

            html.Append(inList ? "</ul>" : "").Append(inParagraph ? "</p>" : "");
        }

        return html.Append("</div>").ToString();
    }
}
