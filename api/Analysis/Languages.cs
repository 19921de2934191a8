namespace GhostAssist.Api.Analysis;

/// <summary>
/// The language a short message is written in, from its most common words: enough to answer a German
/// customer in German. Seven languages the corpus and the reply extractor know; unknown below a margin.
/// </summary>
internal static class Languages
{
    private static readonly (string Code, string Name, HashSet<string> Words)[] Known =
    [
        ("en", "English", Set("the and to of you we is for that it in this with be are have will can please thanks")),
        ("de", "German", Set("der die das und ist wir sie nicht mit für ich zu ein eine auf bitte danke gerne haben wird")),
        ("fr", "French", Set("le la les et est nous vous pas pour avec je de des une un sur merci bien cordialement")),
        ("es", "Spanish", Set("el la los las y es nosotros usted no para con yo de una un por gracias saludos")),
        ("nl", "Dutch", Set("de het een en is wij jij niet voor met ik van op dank graag groet")),
        ("it", "Italian", Set("il lo la gli e è noi voi non per con io di una un grazie saluti")),
        ("pt", "Portuguese", Set("o a os as e é nós você não para com eu de uma um obrigado obrigada")),
    ];

    public static (string Code, string Name)? Detect(string text)
    {
        var scores = new int[Known.Length];
        var words = 0;
        foreach (var raw in text.Split([' ', '\n', '\r', '\t', ',', '.', '!', '?', ';', ':', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (++words > 400)
            {
                break;
            }

            var word = raw.ToLowerInvariant();
            for (var i = 0; i < Known.Length; i++)
            {
                if (Known[i].Words.Contains(word))
                {
                    scores[i]++;
                }
            }
        }

        var best = Array.IndexOf(scores, scores.Max());
        var second = scores.Where((_, i) => i != best).DefaultIfEmpty(0).Max();
        return scores[best] >= 2 && scores[best] > second ? (Known[best].Code, Known[best].Name) : null;
    }

    private static HashSet<string> Set(string words) => new(words.Split(' '), StringComparer.Ordinal);
}
