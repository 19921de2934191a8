using System.Text.RegularExpressions;
using GhostAssist.Api.Analysis.Detectors;
using GhostAssist.Api.People;

namespace GhostAssist.Api.Analysis;

/// <summary>
/// The facts drafts are grounded in, each traceable to a message: names, what we sent and when, their goal and
/// timeline, our open ask split into action, consequence and date, outcomes, senior people and the language
/// of their last message.
/// </summary>
internal static partial class FactsBuilder
{
    public static ThreadFacts Build(ThreadContext thread, string subject)
    {
        var main = thread.MainContact;
        var contactName = main?.Name;
        var myName = thread.Messages.FirstOrDefault(m => m.FromUs && m.FromName is not null && string.Equals(m.FromAddress, thread.Us.Me, StringComparison.OrdinalIgnoreCase))?.FromName
            ?? thread.Messages.FirstOrDefault(m => m.FromUs && m.FromName is not null)?.FromName;

        var goal = Goal(thread);
        var outcomes = Outcomes(thread);
        var timeline = DeadlineWithoutConsequenceDetector.TheirTimeline(thread);
        var openAsk = thread.AwaitingThem ? ActionRequiredDetector.OpenAsk(thread) : null;
        var nextStep = NoMutualNextStepDetector.MutualNextStep(thread);
        var senior = SingleThreadedDetector.SeniorStakeholder(thread);

        return new ThreadFacts(
            PersonNames.FirstName(contactName, main?.Address) ?? GreetedName(thread.Ours),
            contactName,
            main?.Address,
            main?.Organisation,
            PersonNames.FirstName(myName, thread.Us.Me),
            myName,
            LastTopic(thread, subject),
            openAsk is null ? null : LastAsk(openAsk.Latest),
            goal?.Text,
            timeline is null ? null : Mention(timeline),
            nextStep is null ? null : Mention(nextStep),
            PostponedDetector.Postponement(thread),
            outcomes.Select(o => o.Text).ToList(),
            senior)
        {
            Deliverables = Deliverables(thread),
            Goal = goal,
            Timeline = timeline is null ? null : new TimelineFact(timeline.Commitment.Action, timeline.Commitment.Due, timeline.Commitment.DuePhrase, timeline.Commitment.MessageId, timeline.Commitment.Quote),
            OpenAsk = openAsk is null ? null : new OpenAskFact(openAsk.Action, openAsk.Consequence, openAsk.Due, openAsk.DuePhrase, openAsk.Latest.Commitment.MessageId, openAsk.Latest.Commitment.Quote),
            OutcomeQuotes = outcomes,
            SeniorPeople = thread.ParticipantSources
                .Where(p => p.Participant.Side == "theirs" && p.Participant.IsSenior && p.Participant.Title is not null)
                .Select(p => new SeniorPersonFact(p.Participant.Name, p.Participant.Address, p.Participant.Title!, p.TitleMessageId, p.TitleQuote))
                .ToList(),
            TheirLanguage = thread.LastTheirs is { } last && Languages.Detect(last.NewText) is { } language
                ? new LanguageFact(language.Code, language.Name, last.Id)
                : null,
        };
    }

    private static DatedMention Mention(CommitmentRead c)
    {
        var phrase = c.Commitment.DuePhrase;
        var at = phrase is null ? -1 : c.Sentence.IndexOf(phrase, StringComparison.Ordinal);
        return new DatedMention(TextCues.Clause(c.Sentence, Math.Max(0, at), at < 0 ? 0 : phrase!.Length), c.Commitment.Due, c.Commitment.MessageId) { Phrase = phrase };
    }

    /// <summary>A long ask is quoted by its clause, so the fact reads whole inside a draft.</summary>
    private static string LastAsk(CommitmentRead ask)
    {
        var cue = TextCues.Ask().Match(ask.Sentence);
        return ask.Sentence.Length <= 100 || !cue.Success ? TextCues.Quote(ask.Sentence, 100) : TextCues.Clause(ask.Sentence, cue.Index, cue.Length);
    }

    private static QuotedFact? Goal(ThreadContext thread)
    {
        foreach (var message in Enumerable.Reverse(thread.Theirs))
        {
            var sentence = message.Sentences.LastOrDefault(TextCues.IsGoal);
            if (sentence is not null)
            {
                var cue = TextCues.Goal().Match(sentence);
                return new QuotedFact(TextCues.Clause(sentence, cue.Index, cue.Length), message.Id, TextCues.Quote(sentence));
            }
        }

        return null;
    }

    /// <summary>What they want, in their words or in the value lines of our proposals; never from a question, an ask or a postponement.</summary>
    private static List<QuotedFact> Outcomes(ThreadContext thread)
    {
        var theirs = new List<QuotedFact>();
        var ours = new List<QuotedFact>();
        foreach (var message in thread.Real)
        {
            foreach (var text in message.Sentences)
            {
                // "Here is the business case with the ROI model" sends something and reports no outcome; a figure says it does.
                if (text.Contains('?') || !TextCues.HasOutcome(text) || message.FromUs && (TextCues.IsAsk(text) || (TextCues.SendsSomething().IsMatch(text) && !text.Any(char.IsDigit)))
                    || !message.FromUs && TextCues.IsPostponement(text))
                {
                    continue;
                }

                var list = message.FromUs ? ours : theirs;
                foreach (var outcome in OutcomesIn(text))
                {
                    if (outcome.Length >= 12 && list.Count < 3 && !theirs.Concat(ours).Any(o => SameFigure(o.Text, outcome)))
                    {
                        list.Add(new QuotedFact(outcome, message.Id, TextCues.Quote(text)));
                    }
                }
            }
        }

        return theirs.Concat(ours).DistinctBy(o => o.Text, StringComparer.OrdinalIgnoreCase).Take(3).ToList();
    }

    /// <summary>
    /// The outcome a sentence states, or each figure of a list after a colon ("here is the year in numbers: 1.2
    /// million shipments tracked, calls about late deliveries down 38%, and 9 hours a week saved").
    /// </summary>
    private static IEnumerable<string> OutcomesIn(string text)
    {
        var colon = text.IndexOf(':');
        if (colon > 0)
        {
            var items = ListSeparator().Split(text[(colon + 1)..].Trim().TrimEnd('.', '!'))
                .Select(i => i.Trim()).Where(i => i.Length > 0).ToList();
            // A figure with a change ("down 38%", "9 hours a week saved", "1.2 million shipments tracked"); a price or a size is no outcome.
            var figures = items.Where(i => i.Any(char.IsDigit) && (TextCues.HasOutcome(i) || PastParticiple().IsMatch(i))).ToList();
            if (figures.Count >= 2)
            {
                foreach (var item in figures)
                {
                    yield return item;
                }

                yield break;
            }
        }

        var match = TextCues.Outcome().Match(text);
        yield return TextCues.OutcomePhrase(TextCues.Clause(text, match.Index, match.Length));
    }

    [GeneratedRegex(@"\b\w{3,}ed\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PastParticiple();

    [GeneratedRegex(@",\s*(?:and\s+)?|\s+and\s+(?=[\w-]+(?:\s+[\w-]+){0,3}\s+(?:\d|up|down|fell|rose))", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ListSeparator();

    /// <summary>Two outcomes naming the same figure ("31% more chats") are one outcome told twice.</summary>
    private static bool SameFigure(string a, string b)
    {
        if (a.Equals(b, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var figures = a.Split(' ').Where(w => w.Length >= 2 && w.Any(char.IsDigit)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return b.Split(' ').Any(figures.Contains);
    }

    /// <summary>Proposals, options, pricing, reports… that a message of ours says it sends, each once, dated by that message.</summary>
    private static List<DeliverableFact> Deliverables(ThreadContext thread)
    {
        var found = new List<DeliverableFact>();
        foreach (var message in thread.Ours)
        {
            foreach (var sentence in message.Sentences)
            {
                if (!TextCues.SendsSomething().IsMatch(sentence) || sentence.TrimEnd().EndsWith('?'))
                {
                    continue;
                }

                foreach (Match match in TextCues.Deliverable().Matches(sentence))
                {
                    var kind = match.Groups["kind"].Value.ToLowerInvariant() switch
                    {
                        "quotation" => "quote",
                        "price list" => "pricing",
                        "sow" or "statement of work" => "statement of work",
                        var k => k,
                    };
                    found.RemoveAll(f => f.Kind == kind);
                    found.Add(new DeliverableFact(kind, message.When is { } when ? DateOnly.FromDateTime(when.UtcDateTime) : null, message.Id, TextCues.Quote(sentence)));
                }
            }
        }

        return found.OrderBy(f => f.SentOn).ToList();
    }

    private static string? LastTopic(ThreadContext thread, string subject)
    {
        foreach (var message in Enumerable.Reverse(thread.Ours))
        {
            foreach (Match match in TextCues.Topic().Matches(message.NewText))
            {
                var topic = TopicPhrases.FromOurWords(TrimTopic(match.Groups["topic"].Value.Trim()));
                // "I've sent the invite" is about the meeting, not the matter: "go through the invite" reads wrong.
                if (topic is not null && !LogisticsTopic().IsMatch(topic))
                {
                    return topic;
                }
            }
        }

        if (string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }

        // Names a subject may carry: the writers' and the organisations' (a list of 40,000 recipients adds nothing).
        var names = thread.Participants.Where(p => p.MessagesSent > 0).Select(p => p.Name)
            .Concat(thread.Participants.Select(p => p.Organisation).Distinct(StringComparer.OrdinalIgnoreCase)).OfType<string>().ToList();
        // How the thread writes the subject's words is plain from its first pages; the cap bounds the scans on huge threads.
        var text = string.Join('\n', thread.Real.Select(m => m.NewText));
        return TopicPhrases.FromSubject(subject, text.Length > 100_000 ? text[..100_000] : text, names);
    }

    /// <summary>"the order form for 120 agents at €72" reads better as "the order form": details go, the thing stays.</summary>
    private static string TrimTopic(string topic)
    {
        var words = topic.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var digit = words.FindIndex(w => w.Any(char.IsDigit));
        if (digit > 1)
        {
            words.RemoveRange(digit, words.Count - digit);
        }

        string[] trailing = ["for", "at", "on", "by", "with", "of", "in", "to", "from", "and", "accordingly", "again", "now", "today", "too", "here", "below", "above", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
        while (words.Count > 2 && trailing.Contains(words[^1], StringComparer.OrdinalIgnoreCase))
        {
            words.RemoveAt(words.Count - 1);
        }

        return string.Join(' ', words);
    }

    [GeneratedRegex(@"^(?:the|our|your|my) (?:calendar )?(?:invite|invitation|meeting|call|link|slot|time|diary|calendar|email|message|note)s?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LogisticsTopic();

    private static string? GreetedName(List<ThreadMessage> ours)
    {
        foreach (var message in ours)
        {
            var firstLine = message.NewText.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim();
            if (firstLine is not null && TextCues.Greeting().IsMatch(firstLine))
            {
                var words = firstLine.TrimEnd(',', '!', ':').Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 2 && char.IsUpper(words[1][0]))
                {
                    return words[1];
                }
            }
        }

        return null;
    }
}
