using System.Text.RegularExpressions;
using GhostAssist.Api.Analysis;

namespace GhostAssist.Api.Drafting;

/// <summary>One finding of the coach: a stable code the pane keys on, and a plain sentence.</summary>
public sealed record CoachNote(string Code, string Message, int? Points = null, int? MaxPoints = null);

/// <summary>The measurements behind the score, so the pane can show them as the user types.</summary>
public sealed record CoachMetrics(
    int WordCount,
    int QuestionCount,
    int SentenceCount,
    double ReadingGrade,
    int SubjectWords,
    bool HasDatedAsk,
    int YouWords,
    int IWeWords,
    IReadOnlyList<string> PushyPhrases);

public sealed record CoachResult(int Score, string Band, IReadOnlyList<CoachNote> Reasons, IReadOnlyList<CoachNote> Tips, CoachMetrics Metrics);

/// <summary>
/// Scores a draft for reply likelihood from the published numbers (50-125 words, 1-3 questions,
/// a 3rd-5th grade reading level, 3-4 word subjects) and the seeds' advice (a clear dated ask,
/// the customer's point of view, nothing pushy). Pure and allocation-light: the pane calls it as
/// the user types. Weights: docs/decisions/0301-coach-score.md.
/// </summary>
public static partial class DraftCoach
{
    public const int WordsMin = 50;
    public const int WordsMax = 125;

    private static readonly string[] Pushy =
    [
        "just checking in", "just following up", "per my last email", "as per my last email", "following up again",
        "circling back", "touching base", "bumping this", "friendly reminder", "as i mentioned", "i haven't heard back",
        "i have not heard back", "why haven't you", "final notice", "last chance", "asap", "urgent", "any update",
    ];

    private static readonly HashSet<string> YouWordSet = new(StringComparer.OrdinalIgnoreCase)
    {
        "you", "your", "yours", "yourself", "yourselves", "you're", "you'll", "you've", "you'd",
    };

    private static readonly HashSet<string> IWeWordSet = new(StringComparer.OrdinalIgnoreCase)
    {
        "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves",
        "i'm", "i've", "i'll", "i'd", "we're", "we'll", "we've", "we'd",
    };

    private static readonly string[] AskMarkers =
    [
        "could you", "can you", "would you", "will you", "please", "let me know", "are you free", "shall we",
        "does that work", "would that work", "can we", "could we", "would it help", "reply", "book", "accept",
    ];

    /// <summary>Form only: without a thread there is no substance to judge.</summary>
    public static CoachResult Score(string? subject, string? body, string? kind = null) => Score(subject, body, kind, null);

    /// <summary>
    /// Form (65%) and, with the thread's <paramref name="context"/>, substance (35%): the contact named, a
    /// thread fact cited, the thread's own ask used, no empty claim, no statement the thread contradicts,
    /// and no unfilled slot (which caps the score).
    /// </summary>
    public static CoachResult Score(string? subject, string? body, string? kind, CoachContext? context)
    {
        subject ??= "";
        body ??= "";
        // The catalog says which plays ask for no reply (the report card, the invite note): one source for both.
        var noReplyNeeded = FollowUpCatalog.Find(kind) is { NeedsReply: false };
        var reasons = new List<CoachNote>(7);
        var tips = new List<CoachNote>(7);

        var text = Measure(body);
        var subjectWords = CountWords(subject);
        var grade = text.Words == 0 ? 0 : Math.Round(FleschKincaidGrade(text.Words, text.Sentences, text.Syllables), 1);
        var lower = body.ToLowerInvariant();
        var pushy = Pushy.Where(p => ContainsPhrase(lower, p)).ToArray();
        var datedAsk = FindDatedAsk(body);

        var score = 0;

        // Length: the band with the most replies.
        var lengthPoints = text.Words switch
        {
            0 => 0,
            >= WordsMin and <= WordsMax => 20,
            >= 35 and < WordsMin or > WordsMax and <= 150 => 14,
            >= 20 and < 35 or > 150 and <= 200 => 8,
            _ => 2,
        };
        score += lengthPoints;
        reasons.Add(new("word-count", $"{text.Words} words; 50 to 125 words get the most replies.", lengthPoints, 20));
        if (text.Words < WordsMin)
        {
            tips.Add(new("word-count", $"Add a little context: aim for 50 to 125 words (now {text.Words})."));
        }
        else if (text.Words > WordsMax)
        {
            tips.Add(new("word-count", $"Cut it to 125 words or fewer (now {text.Words}): keep the outcome and the ask."));
        }

        // Questions: one to three beat none; a report card needs none.
        var questionPoints = text.Questions switch
        {
            0 when noReplyNeeded => 15,
            0 => 5,
            >= 1 and <= 3 => 15,
            4 => 8,
            _ => 3,
        };
        score += questionPoints;
        reasons.Add(new("questions", text.Questions == 0 && noReplyNeeded
            ? "No questions: right for a summary that needs no reply."
            : $"{text.Questions} question{(text.Questions == 1 ? "" : "s")}; 1 to 3 questions beat none.", questionPoints, 15));
        if (text.Questions == 0 && !noReplyNeeded)
        {
            tips.Add(new("questions", "Ask one clear question: emails with 1 to 3 questions get more replies than none."));
        }
        else if (text.Questions > 3)
        {
            tips.Add(new("questions", $"Keep to 3 questions at most (now {text.Questions}): pick the one that matters."));
        }

        // Reading level: plain words and short sentences read faster on a phone.
        var gradePoints = text.Words == 0 ? 0 : grade switch
        {
            <= 5 => 20,
            <= 6 => 18,
            <= 7 => 16,
            <= 8 => 13,
            <= 10 => 9,
            <= 12 => 5,
            _ => 0,
        };
        score += gradePoints;
        reasons.Add(new("reading-grade", $"Reading grade {grade:0.0} (Flesch-Kincaid); 3rd to 5th grade beats college level.", gradePoints, 20));
        if (grade > 7)
        {
            tips.Add(new("reading-grade", "Use shorter sentences and plainer words to bring the reading grade down to about 5."));
        }

        // Subject: three or four words.
        var subjectPoints = subjectWords switch
        {
            3 or 4 => 10,
            2 or 5 => 7,
            1 or 6 or 7 => 4,
            _ => 0,
        };
        score += subjectPoints;
        reasons.Add(new("subject-length", subjectWords == 0 ? "No subject." : $"Subject of {subjectWords} word{(subjectWords == 1 ? "" : "s")}; 3 to 4 words do best.", subjectPoints, 10));
        if (subjectWords is not (3 or 4))
        {
            tips.Add(new("subject-length", "Write a subject of 3 or 4 words."));
        }

        // A clear, dated ask: what you want and by when, in one sentence.
        var askPoints = noReplyNeeded ? 15 : datedAsk switch
        {
            AskKind.Dated => 15,
            AskKind.AskAndDateApart => 10,
            AskKind.AskOnly or AskKind.DateOnly => 5,
            _ => 0,
        };
        score += askPoints;
        reasons.Add(new("dated-ask", noReplyNeeded && datedAsk != AskKind.Dated
            ? "No ask needed: the summary asks for no reply."
            : datedAsk switch
            {
                AskKind.Dated => "A clear ask with a date.",
                AskKind.AskAndDateApart => "An ask and a date, but not in the same sentence.",
                AskKind.AskOnly => "An ask without a date.",
                AskKind.DateOnly => "A date without a clear ask.",
                _ => "No clear ask and no date.",
            }, askPoints, 15));
        if (!noReplyNeeded && datedAsk != AskKind.Dated)
        {
            tips.Add(new("dated-ask", "End with one concrete ask and a date, e.g. \"Could you confirm by Thursday 3 December?\""));
        }

        // Their point of view: "you" and "your" at least as often as "I" and "we".
        var centredPoints = (text.You, text.IWe) switch
        {
            (0, 0) => 5,
            var (you, iwe) when you >= iwe => 10,
            var (you, iwe) when you * 10 >= iwe * 6 => 7,
            var (you, iwe) when you * 10 >= iwe * 3 => 4,
            _ => 1,
        };
        score += centredPoints;
        reasons.Add(new("customer-centred", $"{text.You} you/your against {text.IWe} I/we; write from their point of view.", centredPoints, 10));
        if (centredPoints < 10)
        {
            tips.Add(new("customer-centred", "Say what is in it for them: more \"you\" and \"your\", fewer \"I\" and \"we\"."));
        }

        var pushyPoints = Math.Max(0, 10 - (5 * pushy.Length));
        score += pushyPoints;
        reasons.Add(new("pushy-phrases", pushy.Length == 0 ? "Nothing pushy." : $"Pushy phrases: {string.Join(", ", pushy.Select(p => $"\"{p}\""))}.", pushyPoints, 10));
        foreach (var phrase in pushy)
        {
            tips.Add(new("pushy-phrases", $"Drop \"{phrase}\": give them a reason to reply instead."));
        }

        if (context is not null)
        {
            score = (int)Math.Round(score * 0.65) + CoachSubstance.Score(body, context, reasons, tips);
        }

        // A visible slot ("[the outcome you delivered]") is a gap the sender must fill: never a strong draft.
        var slots = CoachSubstance.Slots(subject + "\n" + body);
        if (slots > 0)
        {
            score = Math.Min(score, 60);
            reasons.Add(new("unfilled-slot", $"{slots} slot{(slots == 1 ? "" : "s")} to fill before sending.", 0, 0));
            tips.Add(new("unfilled-slot", $"Fill the {slots} [bracketed] slot{(slots == 1 ? "" : "s")} with what the thread does not say."));
        }

        var band = score >= 80 ? "strong" : score >= 60 ? "fair" : "weak";
        var metrics = new CoachMetrics(text.Words, text.Questions, text.Sentences, grade, subjectWords, datedAsk == AskKind.Dated, text.You, text.IWe, pushy);
        return new CoachResult(score, band, reasons, tips, metrics);
    }

    /// <summary>Flesch-Kincaid grade level: 0.39 (words/sentences) + 11.8 (syllables/words) - 15.59.</summary>
    public static double FleschKincaidGrade(int words, int sentences, int syllables) =>
        words == 0 ? 0 : (0.39 * words / Math.Max(1, sentences)) + (11.8 * syllables / words) - 15.59;

    internal readonly record struct TextMeasure(int Words, int Sentences, int Syllables, int Questions, int You, int IWe);

    /// <summary>One pass over the text: words, sentences, syllables, questions and pronouns.</summary>
    internal static TextMeasure Measure(string text)
    {
        int words = 0, sentences = 0, syllables = 0, questions = 0, you = 0, iwe = 0;
        var wordsInSentence = 0;
        Span<char> buffer = stackalloc char[48];
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || (IsApostrophe(text[i]) && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
                {
                    i++;
                }

                var word = text.AsSpan(start, i - start);
                words++;
                wordsInSentence++;
                syllables += CountSyllables(word, buffer);
                if (word.Length <= buffer.Length)
                {
                    var normalised = Normalise(word, buffer);
                    var key = normalised.ToString();
                    if (YouWordSet.Contains(key))
                    {
                        you++;
                    }
                    else if (IWeWordSet.Contains(key))
                    {
                        iwe++;
                    }
                }

                continue;
            }

            if (c is '.' or '!' or '?' or '\n')
            {
                var isQuestion = false;
                var isEnd = c == '\n';
                while (i < text.Length && text[i] is '.' or '!' or '?')
                {
                    isQuestion |= text[i] == '?';
                    isEnd = true;
                    i++;
                }

                // "3.5" and "e.g." inside a line are not sentence ends.
                if (c != '\n' && i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('"' or '\'' or ')' or '\u201D' or '\u2019'))
                {
                    isEnd = false;
                    isQuestion = false;
                }

                if (isQuestion)
                {
                    questions++;
                }

                if (isEnd && wordsInSentence > 0)
                {
                    sentences++;
                    wordsInSentence = 0;
                }

                if (c == '\n')
                {
                    i++;
                }

                continue;
            }

            i++;
        }

        if (wordsInSentence > 0)
        {
            sentences++;
        }

        return new TextMeasure(words, sentences, syllables, questions, you, iwe);
    }

    public static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c) || (inWord && IsApostrophe(c));
            if (letter && !inWord)
            {
                count++;
            }

            inWord = letter;
        }

        return count;
    }

    /// <summary>
    /// Syllables by vowel groups, with the usual English corrections: a silent final "e", "-es"
    /// and "-ed" that add no syllable, "-le" after a consonant that does, and "y" as a vowel.
    /// </summary>
    public static int CountSyllables(ReadOnlySpan<char> word) => CountSyllables(word, stackalloc char[48]);

    private static int CountSyllables(ReadOnlySpan<char> word, Span<char> buffer)
    {
        if (word.Length > buffer.Length)
        {
            return Math.Max(1, word.Length / 3);
        }

        var w = Normalise(word, buffer);
        var apostrophe = w.IndexOfAny('\'', '\u2019');
        if (apostrophe >= 0)
        {
            w = w[..apostrophe];
        }

        if (w.Length == 0 || char.IsDigit(w[0]))
        {
            return 1;
        }

        if (w.Length <= 3)
        {
            return 1;
        }

        var end = w.Length;
        if (w[end - 1] == 'e' && !(w[end - 2] == 'l' && !IsVowel(w[end - 3])) && !IsVowel(w[end - 2]))
        {
            end--;
        }
        else if (end > 3 && w[end - 1] is 's' or 'd' && w[end - 2] == 'e' && w[end - 3] is not ('t' or 'd' or 's' or 'x' or 'z' or 'c' or 'g' or 'h') && !IsVowel(w[end - 3]))
        {
            end -= 2;
        }

        var count = 0;
        var previousVowel = false;
        for (var k = 0; k < end; k++)
        {
            var vowel = IsVowel(w[k]) || (w[k] == 'y' && k > 0);
            if (vowel && !previousVowel)
            {
                count++;
            }

            previousVowel = vowel;
        }

        // "-ia", "-io" and "-ea" at a word's heart are usually two syllables (idea, period, area).
        for (var k = 1; k < end - 1; k++)
        {
            if (w[k] == 'i' && w[k + 1] is 'a' or 'o' && k + 2 < end && w[k - 1] is not ('t' or 's' or 'c' or 'g'))
            {
                count++;
            }
        }

        return Math.Max(1, count);
    }

    private static ReadOnlySpan<char> Normalise(ReadOnlySpan<char> word, Span<char> buffer)
    {
        var length = Math.Min(word.Length, buffer.Length);
        for (var k = 0; k < length; k++)
        {
            var c = char.ToLowerInvariant(word[k]);
            buffer[k] = c == '\u2019' ? '\'' : c;
        }

        return buffer[..length];
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static bool ContainsPhrase(string lower, string phrase)
    {
        var index = 0;
        while ((index = lower.IndexOf(phrase, index, StringComparison.Ordinal)) >= 0)
        {
            var before = index == 0 || !char.IsLetter(lower[index - 1]);
            var afterIndex = index + phrase.Length;
            var after = afterIndex >= lower.Length || !char.IsLetter(lower[afterIndex]);
            if (before && after)
            {
                return true;
            }

            index = afterIndex;
        }

        return false;
    }

    internal enum AskKind
    {
        None,
        AskOnly,
        DateOnly,
        AskAndDateApart,
        Dated,
    }

    internal static AskKind FindDatedAsk(string body)
    {
        bool anyAsk = false, anyDate = false;
        foreach (var sentence in SentenceSplitter().Split(body))
        {
            if (sentence.Length == 0)
            {
                continue;
            }

            var lower = sentence.ToLowerInvariant();
            var ask = sentence.Contains('?') || AskMarkers.Any(m => ContainsPhrase(lower, m));
            var date = DatePattern().IsMatch(sentence);
            if (ask && date)
            {
                return AskKind.Dated;
            }

            anyAsk |= ask;
            anyDate |= date;
        }

        return (anyAsk, anyDate) switch
        {
            (true, true) => AskKind.AskAndDateApart,
            (true, false) => AskKind.AskOnly,
            (false, true) => AskKind.DateOnly,
            _ => AskKind.None,
        };
    }

    // Sentence ends keep their "?" in the sentence, so a question stays recognisable as an ask.
    [GeneratedRegex(@"(?<=[.!?])\s+|\n+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SentenceSplitter();

    [GeneratedRegex(
        @"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight|next week|end of (the )?(day|week|month|quarter)|eod|eow|" +
        @"(\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)|" +
        @"((jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\s+\d{1,2}(st|nd|rd|th)?)|" +
        @"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(/\d{2,4})?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DatePattern();
}
