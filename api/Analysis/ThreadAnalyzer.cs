using System.Globalization;
using System.Text.RegularExpressions;
using GhostAssist.Api.Mail;
using GhostAssist.Api.People;
using Microsoft.Extensions.Options;

namespace GhostAssist.Api.Analysis;

/// <summary>Limits that keep one analysis bounded in time and memory, bound from the "Analysis" section.</summary>
public sealed class AnalysisOptions
{
    public int MaxMessages { get; set; } = 1000;

    /// <summary>Characters of one body considered (HTML gets four times as many, since markup is not text).</summary>
    public int MaxBodyChars { get; set; } = 256 * 1024;

    /// <summary>Clock skew tolerated before a message counts as dated in the future.</summary>
    public int FutureToleranceMinutes { get; set; } = 10;
}

/// <summary>
/// Reads a thread the way a seasoned CSM would: who is who, what each message newly says, whether the
/// other side has gone quiet and why, and which play comes next. Pure and deterministic: the same
/// messages and the same clock give the same answer, so it is a singleton with no state.
/// </summary>
public sealed partial class ThreadAnalyzer(TimeProvider time, IOptions<AnalysisOptions> options)
{
    private static readonly HashSet<string> PublicMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "icloud.com",
        "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de", "mail.ru", "yandex.ru",
    };

    private readonly AnalysisOptions _options = options.Value;

    public int MaxMessages => _options.MaxMessages;

    public ThreadAnalysis Analyze(string me, IReadOnlyList<GraphMessage?> input, string? conversationId = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var warnings = new List<string>();
        var myAddress = me.Trim();
        var myDomain = DomainOf(myAddress);
        var domainIsOurs = myDomain is not null && !PublicMailDomains.Contains(myDomain);

        var messages = Prepare(input, myAddress, myDomain, domainIsOurs, now, warnings, cancellationToken);
        // Internal notes (a colleague handing the thread over) are neither their replies nor our follow-ups.
        var real = messages.Where(m => !m.IsAuto && !m.IsFuture && m.FromAddress is not null && !m.Internal).ToList();
        var ours = real.Where(m => m.FromUs).ToList();
        var theirs = real.Where(m => !m.FromUs).ToList();

        var participants = BuildParticipants(messages, myAddress, myDomain, domainIsOurs);
        var mainContact = participants.FirstOrDefault(p => p.IsMainContact);
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        var lastTheirs = theirs.LastOrDefault();
        var lastReal = real.LastOrDefault();
        var awaitingThem = lastReal is { FromUs: true };
        var oursSinceTheirLast = ours.Where(m => lastTheirs is null || Later(m, lastTheirs)).ToList();
        var unansweredChases = awaitingThem ? Math.Max(0, oursSinceTheirLast.Count - 1) : 0;
        int? daysSilent = null;
        if (awaitingThem)
        {
            var since = lastTheirs?.When ?? oursSinceTheirLast.FirstOrDefault()?.When;
            daysSilent = since is null ? null : Math.Max(0, (int)(now - since.Value).TotalDays);
        }

        var signals = new List<Signal>();
        var facts = new FactsBuilder();
        var contactName = mainContact?.Name;
        facts.ContactName = contactName;
        facts.ContactAddress = mainContact?.Address;
        facts.ContactFirstName = PersonNames.FirstName(contactName, mainContact?.Address) ?? GreetedName(ours);
        facts.Company = mainContact?.Organisation;
        var myName = messages.FirstOrDefault(m => m.FromUs && m.FromName is not null && Same(m.FromAddress, myAddress))?.FromName
            ?? messages.FirstOrDefault(m => m.FromUs && m.FromName is not null)?.FromName;
        facts.UserName = myName;
        facts.UserFirstName = PersonNames.FirstName(myName, myAddress);

        // Silence and chases: only when the thread waits on them.
        if (awaitingThem && daysSilent is int days)
        {
            if (lastTheirs is null)
            {
                var first = oursSinceTheirLast.First();
                signals.Add(new Signal(SignalCodes.NeverReplied,
                    $"No reply yet: they have not answered in the {Days(days)} since our first message.",
                    10 + SilenceWeight(days), [Evidence(first)]));
            }
            else if (days >= 2)
            {
                signals.Add(new Signal(SignalCodes.DaysSilent,
                    $"{Days(days)} since {NameOr(contactName, "their")}{(contactName is null ? "" : "'s")} last real reply.",
                    SilenceWeight(days), [Evidence(lastTheirs)]));
            }

            if (unansweredChases > 0)
            {
                signals.Add(new Signal(SignalCodes.UnansweredChases,
                    unansweredChases == 1 ? "We followed up once since and heard nothing." : $"We followed up {unansweredChases} times since and heard nothing.",
                    Math.Min(30, 10 * unansweredChases), oursSinceTheirLast.Skip(1).Select(Evidence).ToList()));
            }
        }

        AddSlowing(signals, real, awaitingThem, now, contactName);

        // One voice on their side, perhaps with a senior person seen once.
        var theirSenders = theirs.Select(m => m.FromAddress!).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var theirPeople = participants.Where(p => p.Side == "theirs").ToList();
        var senior = theirPeople.Where(p => p.IsSenior && !p.IsMainContact).OrderByDescending(p => p.MessagesSent + p.TimesCopied).FirstOrDefault();
        facts.SeniorStakeholder = senior;
        if (theirPeople.Count > 0 && theirSenders <= 1)
        {
            var who = NameOr(contactName, "one contact");
            var message = senior is null
                ? $"Single-threaded: {who} is the only contact on their side."
                : $"Single-threaded: only {who} writes; {senior.Name ?? senior.Address}{(senior.Title is null ? "" : $" ({senior.Title})")} was only copied.";
            var evidence = (lastTheirs ?? real.LastOrDefault()) is { } anchor ? new List<Evidence> { Evidence(anchor) } : [];
            signals.Add(new Signal(SignalCodes.SingleThreaded, message, 10, evidence));
        }

        // Sentence-level reading of every real message; quotes are made once, for the findings that last.
        (Msg Message, string Text, ResolvedDate Date)? nextStepFound = null;
        (Msg Message, string Text, ResolvedDate Date)? deadlineFound = null;
        (Msg Message, string Text, ResolvedDate Date)? ourDeadlineFound = null;
        (Msg Message, string Text, ResolvedDate? Date)? postponementFound = null;
        (Msg Message, string Text)? goalFound = null;
        Sentence? deadlineWithoutConsequence = null;
        Sentence? ourDeadlineWithoutConsequence = null;
        var theirOutcomes = new List<string>();
        var ourOutcomes = new List<string>();
        foreach (var message in real)
        {
            var reference = DateOnly.FromDateTime((message.When ?? now).UtcDateTime);
            var sentences = message.Sentences;
            for (var s = 0; s < sentences.Count; s++)
            {
                var text = sentences[s];
                var firstDate = DateMentions.Find(text, reference).FirstOrDefault();

                if (firstDate is not null && firstDate.Date >= reference && TextCues.IsNextStep(text))
                {
                    nextStepFound = (message, text, firstDate);
                }

                // A deadline is one they set themselves or one set for them (our dated ask); our own promises are not.
                // Theirs wins: "we need to decide in November" says more than our "are you still deciding this month?".
                if (firstDate is not null && TextCues.IsDeadline(text) && (!message.FromUs || TextCues.IsAsk(text)))
                {
                    var consequence = TextCues.HasConsequence(text) || s + 1 < sentences.Count && TextCues.HasConsequence(sentences[s + 1]);
                    if (message.FromUs)
                    {
                        ourDeadlineFound = (message, text, firstDate);
                        ourDeadlineWithoutConsequence = consequence ? null : new Sentence(message, text);
                    }
                    else
                    {
                        deadlineFound = (message, text, firstDate);
                        deadlineWithoutConsequence = consequence ? null : new Sentence(message, text);
                    }
                }

                var postponing = !message.FromUs && TextCues.IsPostponement(text);
                if (postponing)
                {
                    postponementFound = (message, text, firstDate);
                }

                if (!message.FromUs && TextCues.IsGoal(text))
                {
                    goalFound = (message, text);
                }

                // What they want, in their words or in the value lines of our proposals; never from a question or an ask.
                if (!postponing && !text.Contains('?') && TextCues.HasOutcome(text) && !(message.FromUs && TextCues.IsAsk(text)))
                {
                    var match = TextCues.Outcome().Match(text);
                    var outcome = TextCues.OutcomePhrase(TextCues.Clause(text, match.Index, match.Length));
                    var list = message.FromUs ? ourOutcomes : theirOutcomes;
                    if (outcome.Length >= 12 && list.Count < 3 && !theirOutcomes.Concat(ourOutcomes).Any(o => SameFigure(o, outcome)))
                    {
                        list.Add(outcome);
                    }
                }
            }
        }

        if (deadlineFound is null && ourDeadlineFound is not null)
        {
            deadlineFound = ourDeadlineFound;
            deadlineWithoutConsequence = ourDeadlineWithoutConsequence;
        }

        facts.Outcomes.AddRange(theirOutcomes.Concat(ourOutcomes).Distinct(StringComparer.OrdinalIgnoreCase).Take(3));

        var nextStep = nextStepFound is { } n ? Mention(n.Text, n.Date, n.Message) : null;
        var deadline = deadlineFound is { } d ? Mention(d.Text, d.Date, d.Message) : null;
        DatedMention? postponement = null;
        if (postponementFound is { } found)
        {
            var cue = TextCues.Postponement().Match(found.Text);
            var (at, length) = found.Date is { } date && found.Text.IndexOf(date.Phrase, StringComparison.Ordinal) is var p and >= 0 ? (p, date.Phrase.Length) : (cue.Index, cue.Length);
            postponement = new DatedMention(TextCues.Clause(found.Text, at, length), found.Date?.Date, found.Message.Id) { Phrase = found.Date?.Phrase };
        }

        if (goalFound is { } g)
        {
            var cue = TextCues.Goal().Match(g.Text);
            facts.StatedGoal = TextCues.Clause(g.Text, cue.Index, cue.Length);
        }

        facts.Deadline = deadline;
        facts.Postponement = postponement;

        // The last exchange: their last reply and what we sent after it (or our opening when they never wrote).
        var lastExchange = real.Where(m => lastTheirs is null || !Earlier(m, lastTheirs)).ToList();
        if (lastTheirs is not null && !awaitingThem)
        {
            lastExchange = real.Where(m => ReferenceEquals(m, lastTheirs) || Later(m, lastTheirs) || ReferenceEquals(m, ours.LastOrDefault())).ToList();
        }

        var mutual = nextStep is not null && lastExchange.Any(m => m.Id == nextStep.MessageId)
            && nextStep.Date is DateOnly stepDate && stepDate >= today.AddDays(-1);
        facts.NextStep = mutual ? nextStep : null;
        if (!mutual && real.Count > 0)
        {
            var anchor = lastExchange.LastOrDefault() ?? real[^1];
            signals.Add(new Signal(SignalCodes.NoMutualNextStep,
                "No dated mutual next step in the last exchange: nothing says who does what by when.",
                5, [Evidence(anchor)]));
        }

        if (deadlineWithoutConsequence is { } slack && deadline is not null)
        {
            signals.Add(new Signal(SignalCodes.DeadlineWithoutConsequence,
                $"A deadline ({deadline.Phrase}) with no consequence stated: nothing happens if it slips.",
                5, [new Evidence(slack.Message.Id, TextCues.Quote(slack.Text))]));
        }

        // Our last open ask of them.
        var lastOurs = ours.LastOrDefault();
        if (awaitingThem && lastOurs is not null)
        {
            var ask = oursSinceTheirLast.SelectMany(m => m.Sentences.Select(s => (Message: m, Text: s)))
                .LastOrDefault(x => TextCues.IsAsk(x.Text));
            if (ask.Message is not null)
            {
                var reference = DateOnly.FromDateTime((ask.Message.When ?? now).UtcDateTime);
                var dated = DateMentions.Find(ask.Text, reference).FirstOrDefault();
                // A long ask is quoted by its clause, so the fact reads whole inside a draft.
                var cue = TextCues.Ask().Match(ask.Text);
                facts.LastAsk = ask.Text.Length <= 100 || !cue.Success ? TextCues.Quote(ask.Text, 100) : TextCues.Clause(ask.Text, cue.Index, cue.Length);
                signals.Add(new Signal(SignalCodes.ActionRequired,
                    dated is null
                        ? "Action required from them, with no date: the ask can wait forever."
                        : $"Action required from them by {dated.Date.ToString("ddd d MMM", CultureInfo.InvariantCulture)} ({dated.Phrase}).",
                    dated is null ? 5 : 3, [new Evidence(ask.Message.Id, TextCues.Quote(ask.Text))]));
            }
        }

        if (postponement is not null && lastTheirs is not null && postponement.MessageId == lastTheirs.Id)
        {
            var when = postponement.Date is DateOnly p ? $" until {p.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}" : "";
            signals.Add(new Signal(SignalCodes.Postponed,
                $"They postponed{when}: the deal needs re-qualifying, not chasing.",
                15, [new Evidence(postponement.MessageId, TextCues.Quote(postponement.Text))]));
        }

        facts.LastTopic = LastTopic(ours, messages);

        var ordered = signals.OrderByDescending(s => s.Weight).ThenBy(s => s.Code, StringComparer.Ordinal).ToList();
        var risk = Risk(ordered, awaitingThem);

        var analysis = new ThreadAnalysis(
            conversationId ?? input.FirstOrDefault(m => m?.ConversationId is not null)?.ConversationId ?? "",
            SubjectOf(messages),
            myAddress,
            now,
            daysSilent,
            unansweredChases,
            awaitingThem,
            risk,
            ordered,
            [],
            participants,
            messages.Select(m => new AnalyzedMessage(m.Id, m.FromAddress, m.FromName, m.When, m.FromUs, m.IsAuto, m.NewText, m.Signature)).ToList(),
            facts.Build()) { Warnings = warnings };
        return analysis with { Recommended = Recommend(analysis) };
    }

    private List<Msg> Prepare(IReadOnlyList<GraphMessage?> input, string me, string? myDomain, bool domainIsOurs, DateTimeOffset now, List<string> warnings, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<(Msg Message, int Index)>();
        var duplicates = 0;
        var cut = 0;
        var missing = 0;
        var future = 0;
        for (var index = 0; index < input.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var graph = input[index];
            if (graph is null || graph.IsDraft == true)
            {
                continue;
            }

            var id = string.IsNullOrWhiteSpace(graph.Id) ? $"message-{index + 1}" : graph.Id;
            if (!seen.Add(id))
            {
                duplicates++;
                continue;
            }

            var body = graph.UniqueBody is { Content.Length: > 0 } unique ? unique : graph.Body;
            var isHtml = body?.IsHtml == true;
            var content = body?.Content;
            if (string.IsNullOrEmpty(content))
            {
                content = graph.BodyPreview;
                isHtml = false;
                if (string.IsNullOrEmpty(content))
                {
                    missing++;
                }
            }

            var limit = isHtml ? (int)Math.Min(int.MaxValue, _options.MaxBodyChars * 4L) : _options.MaxBodyChars;
            if (content is not null && content.Length > limit)
            {
                // The new part of a reply sits at the top; a cut only loses old quoted history.
                cut++;
            }

            var reply = ReplyExtractor.Extract(content, isHtml, limit);
            var from = graph.From?.EmailAddress ?? graph.Sender?.EmailAddress;
            var address = string.IsNullOrWhiteSpace(from?.Address) ? null : from!.Address!.Trim();
            var fromUs = address is not null && IsOurs(address, me, myDomain, domainIsOurs);
            var when = graph.When;
            var isFuture = when is not null && when.Value > now.AddMinutes(_options.FutureToleranceMinutes);
            if (isFuture)
            {
                future++;
            }

            var name = PersonNames.Clean(from?.Name) is { } cleanName && !string.Equals(cleanName, address, StringComparison.OrdinalIgnoreCase) ? cleanName : null;
            var recipients = (graph.ToRecipients ?? []).Concat(graph.CcRecipients ?? []).Select(r => r?.EmailAddress?.Address).Where(a => !string.IsNullOrWhiteSpace(a)).ToList();
            var isInternal = fromUs && recipients.Count > 0 && recipients.All(a => IsOurs(a!.Trim(), me, myDomain, domainIsOurs));
            var message = new Msg(id, graph, address, name, when, fromUs, IsAutoReply(graph, reply.NewText), isFuture, reply.NewText, reply.Signature) { Internal = isInternal };
            list.Add((message, index));
        }

        if (duplicates > 0)
        {
            warnings.Add($"{duplicates} message(s) repeated an id already seen and were ignored.");
        }

        if (cut > 0)
        {
            warnings.Add($"{cut} message body/bodies were longer than {_options.MaxBodyChars:N0} characters; only the beginning was read.");
        }

        if (missing > 0)
        {
            warnings.Add($"{missing} message(s) had no body; they count for timing only.");
        }

        if (future > 0)
        {
            warnings.Add($"{future} message(s) are dated in the future; they are shown but not counted for silence or replies.");
        }

        if (list.Any(m => m.Message.When is null))
        {
            warnings.Add("Some messages have no date; they are kept in the order given.");
        }

        // Stable order: by time, undated messages where they were given.
        return list
            .OrderBy(m => m.Message.When ?? DateTimeOffset.MaxValue)
            .ThenBy(m => m.Index)
            .Select(m => m.Message)
            .ToList();
    }

    private static bool IsOurs(string address, string me, string? myDomain, bool domainIsOurs) =>
        string.Equals(address, me, StringComparison.OrdinalIgnoreCase)
        || domainIsOurs && string.Equals(DomainOf(address), myDomain, StringComparison.OrdinalIgnoreCase);

    private static bool IsAutoReply(GraphMessage message, string newText)
    {
        foreach (var header in message.InternetMessageHeaders ?? [])
        {
            // A posted thread may hold null entries, as its recipient lists may.
            var name = header?.Name ?? "";
            var value = header?.Value ?? "";
            if (name.Equals("Auto-Submitted", StringComparison.OrdinalIgnoreCase) && !value.Trim().Equals("no", StringComparison.OrdinalIgnoreCase)
                || name.Equals("X-Autoreply", StringComparison.OrdinalIgnoreCase)
                || name.Equals("X-Autorespond", StringComparison.OrdinalIgnoreCase)
                || name.Equals("X-Auto-Response-Suppress", StringComparison.OrdinalIgnoreCase) && value.Contains("All", StringComparison.OrdinalIgnoreCase) && TextCues.AutoReplyBody().IsMatch(newText)
                || name.Equals("Precedence", StringComparison.OrdinalIgnoreCase) && value.Contains("auto_reply", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        if (message.Subject is { } subject && TextCues.AutoReplySubject().IsMatch(subject.Trim()))
        {
            return true;
        }

        return newText.Length < 800 && TextCues.AutoReplyBody().IsMatch(newText);
    }

    private static List<Participant> BuildParticipants(List<Msg> messages, string me, string? myDomain, bool domainIsOurs)
    {
        var people = new Dictionary<string, PersonBuilder>(StringComparer.OrdinalIgnoreCase);
        PersonBuilder Person(GraphEmailAddress? email)
        {
            var address = email?.Address?.Trim();
            if (string.IsNullOrEmpty(address))
            {
                // Counted into a throwaway: a message without an address names nobody.
                return new PersonBuilder("", -1);
            }

            if (!people.TryGetValue(address, out var person))
            {
                person = new PersonBuilder(address, people.Count);
                people[address] = person;
            }

            var name = PersonNames.Clean(email!.Name);
            if (person.Name is null && name is not null && !name.Equals(address, StringComparison.OrdinalIgnoreCase))
            {
                person.Name = name;
            }

            return person;
        }

        foreach (var message in messages)
        {
            var from = Person(message.Graph.From?.EmailAddress ?? message.Graph.Sender?.EmailAddress);
            if (!message.IsAuto && !message.IsFuture)
            {
                from.Sent++;
                from.LastSent = message.When;
                if (message.Signature is { } signature && from.Title is null)
                {
                    (from.Title, from.SignatureOrganisation) = TitleFromSignature(signature, from.Name);
                }
            }

            foreach (var to in message.Graph.ToRecipients ?? [])
            {
                Person(to?.EmailAddress).Addressed++;
            }

            foreach (var cc in message.Graph.CcRecipients ?? [])
            {
                Person(cc?.EmailAddress).Copied++;
            }
        }

        // Titles given in passing: "our CIO, Priya Shah", "Priya Shah (CIO)".
        foreach (var message in messages.Where(m => !m.IsAuto && TextCues.MayMentionTitle(m.NewText)))
        {
            foreach (var match in TextCues.TitleThenName().Matches(message.NewText).Concat(TextCues.NameThenTitle().Matches(message.NewText)))
            {
                var name = match.Groups["name"].Value;
                var person = people.Values.FirstOrDefault(p => p.Name is not null
                    && (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase) || p.Name.EndsWith(" " + name, StringComparison.OrdinalIgnoreCase)));
                if (person is not null && person.Title is null)
                {
                    person.Title = match.Groups["title"].Value.Trim();
                }
            }
        }

        var list = people.Values.ToList();
        foreach (var person in list)
        {
            person.Ours = IsOurs(person.Address, me, myDomain, domainIsOurs);
        }

        var main = list.Where(p => !p.Ours && p.Sent > 0).OrderByDescending(p => p.Sent).ThenByDescending(p => p.LastSent).FirstOrDefault()
            ?? FirstAddressedByUs(messages, list)
            ?? list.FirstOrDefault(p => !p.Ours);

        return list
            .OrderBy(p => p == main ? 0 : p.Ours ? 2 : 1)
            .ThenByDescending(p => p.Sent)
            .ThenBy(p => p.Order)
            .Select(p => new Participant(
                p.Address,
                p.Name,
                p.Ours ? "ours" : "theirs",
                p.SignatureOrganisation ?? OrganisationOf(p.Address),
                p.Title,
                p == main,
                p.Title is not null && TextCues.SeniorTitle().IsMatch(p.Title),
                p.Sent,
                p.Copied))
            .ToList();
    }

    private static PersonBuilder? FirstAddressedByUs(List<Msg> messages, List<PersonBuilder> people)
    {
        foreach (var message in messages.Where(m => m.FromUs))
        {
            foreach (var to in message.Graph.ToRecipients ?? [])
            {
                var person = people.FirstOrDefault(p => !p.Ours && p.Address.Equals(to?.EmailAddress?.Address?.Trim(), StringComparison.OrdinalIgnoreCase));
                if (person is not null)
                {
                    return person;
                }
            }
        }

        return null;
    }

    /// <summary>The title line of a signature ("VP Operations | Northwind Traders") and the organisation beside it.</summary>
    private static (string? Title, string? Organisation) TitleFromSignature(string signature, string? name)
    {
        foreach (var line in signature.Split('\n').Select(l => l.Trim()).Where(l => l.Length is > 0 and <= 100))
        {
            var match = ReplyExtractor.JobTitle().Match(line);
            if (!match.Success || line.Contains('@'))
            {
                continue;
            }

            var parts = line.Split(['|', '•', '·', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var titlePart = parts.FirstOrDefault(p => ReplyExtractor.JobTitle().IsMatch(p)) ?? line;
            var at = titlePart.IndexOf(" at ", StringComparison.OrdinalIgnoreCase);
            string? organisation = null;
            if (at > 0)
            {
                organisation = titlePart[(at + 4)..].Trim();
                titlePart = titlePart[..at].Trim();
            }
            else
            {
                organisation = parts.FirstOrDefault(p => p != titlePart && !ReplyExtractor.Phone().IsMatch(p) && !p.Contains('.') && (name is null || !p.Equals(name, StringComparison.OrdinalIgnoreCase)));
            }

            return (titlePart, string.IsNullOrWhiteSpace(organisation) ? null : organisation);
        }

        return (null, null);
    }

    private static void AddSlowing(List<Signal> signals, List<Msg> real, bool awaitingThem, DateTimeOffset now, string? contactName)
    {
        // Their latency: from our first message after their previous one to their next reply.
        var latencies = new List<(TimeSpan Latency, Msg Reply)>();
        Msg? waitingSince = null;
        foreach (var message in real.Where(m => m.When is not null))
        {
            if (message.FromUs)
            {
                waitingSince ??= message;
            }
            else if (waitingSince is not null)
            {
                latencies.Add((message.When!.Value - waitingSince.When!.Value, message));
                waitingSince = null;
            }
        }

        if (latencies.Count == 0)
        {
            return;
        }

        TimeSpan recent;
        Evidence recentEvidence;
        List<TimeSpan> earlier;
        if (awaitingThem && waitingSince is not null)
        {
            recent = now - waitingSince.When!.Value;
            recentEvidence = Evidence(waitingSince);
            earlier = latencies.Select(l => l.Latency).ToList();
        }
        else if (latencies.Count >= 2)
        {
            recent = latencies[^1].Latency;
            recentEvidence = Evidence(latencies[^1].Reply);
            earlier = latencies.Take(latencies.Count - 1).Select(l => l.Latency).ToList();
        }
        else
        {
            return;
        }

        var typical = earlier.OrderBy(t => t).ElementAt(earlier.Count / 2);
        if (recent.TotalDays >= 2 && recent >= typical * 2.5 + TimeSpan.FromHours(12))
        {
            signals.Add(new Signal(SignalCodes.SlowingReplies,
                $"{NameOr(contactName, "They")} used to reply within {Duration(typical)}; {(awaitingThem ? "this time it has been" : "the last reply took")} {Duration(recent)}.",
                15, [Evidence(latencies[0].Reply), recentEvidence]));
        }
    }

    private static GhostRisk Risk(List<Signal> signals, bool awaitingThem)
    {
        var total = signals.Sum(s => s.Weight);
        // When we owe them the reply they are not ghosting; what remains is the risk of the deal drifting.
        var score = Math.Clamp(awaitingThem ? total : total * 2 / 5, 0, 100);
        var level = score >= 65 ? "high" : score >= 35 ? "medium" : "low";
        return new GhostRisk(score, level, signals.Where(s => s.Weight > 0).Select(s => s.Code).ToList());
    }

    /// <summary>
    /// The plays in the order the seeds climb them: value first, then a consequence and a time together,
    /// then testing the urgency and widening the thread, and the worried check-in only once everything else
    /// went unanswered. Only plays that <see cref="PlayApplicability"/> accepts are kept, so each one drafts.
    /// </summary>
    private static List<Recommendation> Recommend(ThreadAnalysis analysis)
    {
        var signals = analysis.Signals;
        var facts = analysis.Facts;
        bool Has(string code) => signals.Any(s => s.Code == code);
        var plays = new List<Recommendation>();
        void Add(string kind, string why)
        {
            if (plays.All(p => p.Kind != kind) && PlayApplicability.Check(analysis, kind).Applies)
            {
                plays.Add(new Recommendation(kind, why));
            }
        }

        var who = facts.ContactFirstName ?? "your contact";
        var chases = analysis.UnansweredChases;
        var days = analysis.DaysSilent ?? 0;
        var actionRequired = Has(SignalCodes.ActionRequired);
        var single = Has(SignalCodes.SingleThreaded);
        var noConsequence = Has(SignalCodes.DeadlineWithoutConsequence);
        var second = PlayApplicability.SecondStakeholder(analysis);
        var multiWhy = second is null
            ? $"Everything runs through {who}. Bring in a second stakeholder or the decision maker, openly."
            : facts.SeniorStakeholder is { } senior && senior.Address == second.Address
                ? $"Everything runs through {who}; {senior.Name ?? senior.Address}{(senior.Title is null ? "" : $" ({senior.Title})")} has been in the thread. Reach out openly, without going around {who}."
                : $"Everything runs through {who}; {second.Name ?? second.Address} is also on their side. Widen the thread openly, without going around {who}.";
        // With nobody else known on their side, the question of who signs off belongs in the urgency test.
        var signOff = single && second is null ? $" Ask {who} who else signs off, since everything runs through them." : "";
        var deadline = facts.Deadline?.Phrase is { } phrase ? $" ({phrase})" : "";
        const string wiifmWhy = "Lead with what is in it for them: a short outcome summary with an open invitation that needs no reply.";
        const string consequenceWhy = "They must act: say what happens if they do or don't, and by which date.";
        const string inviteWhy = "A calendar invite connects more than half the time; it turns an open ask into a time together.";
        var worriedWhy = $"All other follow-ups went unanswered: an honest, short \"I'm genuinely worried something is wrong\" check-in to {who}.";
        const string recapWhy = "End the exchange with a dated mutual next step: what you do, what they do, what you do together.";
        var urgencyWhy = $"Their timeline{deadline} has no consequence, so it can slip: ask what happens if they decide, or don't.{signOff}";

        if (Has(SignalCodes.Postponed))
        {
            var when = facts.Postponement?.Phrase is { } later ? $" ({later})" : "";
            Add(FollowUpKinds.ReEngage, $"They asked to pick this up later{when}: accept, re-qualify what changed, and book the restart date now.");
            Add(FollowUpKinds.UrgencyTest, "Before agreeing to wait, test what happens to them if this slips.");
            Add(FollowUpKinds.MicroCommitmentRecap, recapWhy);
        }

        if (!analysis.AwaitingThem)
        {
            if (Has(SignalCodes.NoMutualNextStep))
            {
                Add(FollowUpKinds.MicroCommitmentRecap, "You owe the next reply: close it with a dated mutual next step (what you do, what they do, together).");
            }

            if (noConsequence)
            {
                Add(FollowUpKinds.UrgencyTest, urgencyWhy);
            }

            Add(FollowUpKinds.WiifmSummary, wiifmWhy);
            Add(FollowUpKinds.CalendarInvite, inviteWhy);
            Add(FollowUpKinds.MultiThread, multiWhy);
            return plays;
        }

        if (chases >= 3 || days >= 30 && chases >= 2)
        {
            // Everything else has been tried: widen the thread if we can, then say honestly that we are worried.
            Add(FollowUpKinds.MultiThread, multiWhy);
            Add(FollowUpKinds.WorriedCheckIn, worriedWhy);
            Add(FollowUpKinds.CalendarInvite, inviteWhy);
            if (noConsequence)
            {
                Add(FollowUpKinds.UrgencyTest, urgencyWhy);
            }
        }
        else if (chases == 2 || days >= 14 && chases == 1)
        {
            // Jodie's situation: chased for weeks through one contact. Reach the person who signs off when we know them;
            // test the urgency of a timeline without a consequence; then a time together.
            if (single || second?.IsSenior == true)
            {
                Add(FollowUpKinds.MultiThread, multiWhy);
            }

            if (noConsequence)
            {
                Add(FollowUpKinds.UrgencyTest, urgencyWhy);
            }

            Add(FollowUpKinds.CalendarInvite, single && second is null ? inviteWhy + " Invite whoever signs off too." : inviteWhy);
            if (actionRequired)
            {
                Add(FollowUpKinds.ActionConsequence, consequenceWhy);
            }
        }
        else if (chases == 1)
        {
            if (actionRequired)
            {
                Add(FollowUpKinds.ActionConsequence, consequenceWhy);
            }

            Add(FollowUpKinds.CalendarInvite, inviteWhy);
            if (noConsequence)
            {
                Add(FollowUpKinds.UrgencyTest, urgencyWhy);
            }

            Add(FollowUpKinds.WiifmSummary, wiifmWhy);
        }
        else
        {
            Add(FollowUpKinds.WiifmSummary, wiifmWhy);
            if (actionRequired)
            {
                Add(FollowUpKinds.ActionConsequence, consequenceWhy);
            }

            Add(FollowUpKinds.CalendarInvite, inviteWhy);
        }

        if (noConsequence)
        {
            Add(FollowUpKinds.UrgencyTest, urgencyWhy);
        }

        if (Has(SignalCodes.NoMutualNextStep))
        {
            Add(FollowUpKinds.MicroCommitmentRecap, recapWhy);
        }

        if (single)
        {
            Add(FollowUpKinds.MultiThread, multiWhy);
        }

        // The last resort stays last on the ladder: offered once we have chased, never ahead of the other plays.
        if (chases >= 1 || days >= 14)
        {
            Add(FollowUpKinds.WorriedCheckIn, worriedWhy);
        }

        return plays;
    }

    private static string? LastTopic(List<Msg> ours, List<Msg> all)
    {
        foreach (var message in Enumerable.Reverse(ours))
        {
            foreach (Match match in TextCues.Topic().Matches(message.NewText))
            {
                var topic = TrimTopic(match.Groups["topic"].Value.Trim());
                // "I've sent the invite" is about the meeting, not the matter: "go through the invite" reads wrong.
                if (!LogisticsTopic().IsMatch(topic))
                {
                    return topic;
                }
            }
        }

        var subject = SubjectOf(all);
        if (string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }

        // "Saltmarsh pilot results" reads inside a sentence as "the Saltmarsh pilot results".
        var first = subject.Split(' ')[0];
        string[] determiners = ["the", "our", "your", "my", "a", "an", "this", "that"];
        return subject.Contains(' ') && !determiners.Contains(first, StringComparer.OrdinalIgnoreCase) && subject.IndexOfAny([':', '/', '|', '?', '!']) < 0
            ? "the " + subject
            : subject;
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

    [GeneratedRegex(@"^(?:the|our|your|my) (?:calendar )?(?:invite|invitation|meeting|call|link|slot|time|diary|calendar|email|message|note)s?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LogisticsTopic();

    private static string SubjectOf(List<Msg> messages)
    {
        var subject = messages.Select(m => m.Graph.Subject).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)) ?? "";
        return TextCues.SubjectPrefix().Replace(subject.Trim(), "").Trim();
    }

    private static string? GreetedName(List<Msg> ours)
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

    internal static string? OrganisationOf(string address)
    {
        var domain = DomainOf(address);
        if (domain is null || PublicMailDomains.Contains(domain))
        {
            return null;
        }

        var labels = domain.Split('.');
        // "mail.northwind-traders.co.uk" → "northwind-traders": the label before the public suffix.
        var index = labels.Length >= 3 && labels[^2].Length <= 3 && labels[^1].Length == 2 ? labels.Length - 3 : labels.Length - 2;
        if (index < 0)
        {
            return null;
        }

        var words = labels[index].Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }

    private static string? DomainOf(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        return at < 0 || at == address!.Length - 1 ? null : address[(at + 1)..].Trim().ToLowerInvariant();
    }

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

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool Later(Msg a, Msg b) => a.Order(b) > 0;

    private static bool Earlier(Msg a, Msg b) => a.Order(b) < 0;

    private static int SilenceWeight(int days) => days switch
    {
        < 3 => 5,
        < 7 => 10,
        < 14 => 20,
        < 30 => 30,
        _ => 40,
    };

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";

    private static string NameOr(string? name, string fallback) =>
        PersonNames.FirstName(name) ?? fallback;

    private static string Duration(TimeSpan span) =>
        span.TotalHours < 36 ? $"{Math.Max(1, (int)Math.Round(span.TotalHours))} hours" : $"{(int)Math.Round(span.TotalDays)} days";

    private static Evidence Evidence(Msg message)
    {
        var sentence = message.Sentences.FirstOrDefault() ?? message.NewText;
        return new Evidence(message.Id, TextCues.Quote(sentence));
    }

    private static DatedMention Mention(string sentence, ResolvedDate date, Msg message)
    {
        var at = sentence.IndexOf(date.Phrase, StringComparison.Ordinal);
        return new(TextCues.Clause(sentence, Math.Max(0, at), at < 0 ? 0 : date.Phrase.Length), date.Date, message.Id) { Phrase = date.Phrase };
    }

    private sealed record Sentence(Msg Message, string Text);

    private sealed class Msg(string id, GraphMessage graph, string? fromAddress, string? fromName, DateTimeOffset? when, bool fromUs, bool isAuto, bool isFuture, string newText, string? signature)
    {
        private List<string>? _sentences;

        public string Id { get; } = id;
        public GraphMessage Graph { get; } = graph;
        public string? FromAddress { get; } = fromAddress;
        public string? FromName { get; } = fromName;
        public DateTimeOffset? When { get; } = when;
        public bool FromUs { get; } = fromUs;
        public bool IsAuto { get; } = isAuto;
        public bool IsFuture { get; } = isFuture;
        public string NewText { get; } = newText;
        public string? Signature { get; } = signature;

        public bool Internal { get; init; }

        /// <summary>Sentences of the writer's words, without the signature (a title there is not an ask).</summary>
        public List<string> Sentences => _sentences ??= TextCues.Sentences(WithoutSignature());

        public int Order(Msg other) => Nullable.Compare(When, other.When);

        private string WithoutSignature()
        {
            if (Signature is null)
            {
                return NewText;
            }

            var at = NewText.LastIndexOf(Signature, StringComparison.Ordinal);
            return at > 0 ? NewText[..at] : NewText;
        }
    }

    private sealed class PersonBuilder(string address, int order)
    {
        public string Address { get; } = address;
        public int Order { get; } = order;
        public string? Name { get; set; }
        public string? Title { get; set; }
        public string? SignatureOrganisation { get; set; }
        public bool Ours { get; set; }
        public int Sent { get; set; }
        public int Addressed { get; set; }
        public int Copied { get; set; }
        public DateTimeOffset? LastSent { get; set; }
    }

    private sealed class FactsBuilder
    {
        public string? ContactFirstName { get; set; }
        public string? ContactName { get; set; }
        public string? ContactAddress { get; set; }
        public string? Company { get; set; }
        public string? UserFirstName { get; set; }
        public string? UserName { get; set; }
        public string? LastTopic { get; set; }
        public string? LastAsk { get; set; }
        public string? StatedGoal { get; set; }
        public DatedMention? Deadline { get; set; }
        public DatedMention? NextStep { get; set; }
        public DatedMention? Postponement { get; set; }
        public List<string> Outcomes { get; } = [];
        public Participant? SeniorStakeholder { get; set; }

        public ThreadFacts Build() => new(ContactFirstName, ContactName, ContactAddress, Company, UserFirstName, UserName, LastTopic,
            LastAsk, StatedGoal, Deadline, NextStep, Postponement, Outcomes.Take(3).ToList(), SeniorStakeholder);
    }
}
