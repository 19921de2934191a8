using GhostAssist.Api.Mail;
using GhostAssist.Api.People;

namespace GhostAssist.Api.Analysis;

/// <summary>A participant and where their title was read (a signature line or a mention), for the facts.</summary>
internal sealed record ParticipantRead(Participant Participant, string? TitleMessageId, string? TitleQuote);

/// <summary>
/// Everyone in the thread, split into our side and theirs, with names, titles and who the main contact is.
/// Each address is looked up in one dictionary, so a message to 40,000 people costs 40,000 lookups, not
/// 40,000 scans of everyone seen so far.
/// </summary>
internal static class ParticipantsReader
{
    public static List<ParticipantRead> Read(List<ThreadMessage> messages, OurSide us, CancellationToken cancellationToken)
    {
        var people = new Dictionary<string, PersonBuilder>(StringComparer.OrdinalIgnoreCase);
        var throwaway = new PersonBuilder("", -1);
        PersonBuilder Person(GraphEmailAddress? email)
        {
            var address = email?.Address?.Trim();
            if (string.IsNullOrEmpty(address))
            {
                // Counted into a throwaway: a message without an address names nobody.
                return throwaway;
            }

            if (!people.TryGetValue(address, out var person))
            {
                person = new PersonBuilder(address, people.Count) { Ours = us.Owns(address) };
                people[address] = person;
            }

            if (person.Name is null && email!.Name is { Length: > 0 } raw && PersonNames.Clean(raw) is { } name && !name.Equals(address, StringComparison.OrdinalIgnoreCase))
            {
                person.Name = name;
            }

            return person;
        }

        foreach (var message in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var from = Person(message.Graph.From?.EmailAddress ?? message.Graph.Sender?.EmailAddress);
            if (!message.IsAuto && !message.IsFuture)
            {
                from.Sent++;
                from.LastSent = message.When;
                if (message.Signature is { } signature && from.Title is null)
                {
                    (from.Title, from.SignatureOrganisation, var line) = TitleFromSignature(signature, from.Name);
                    if (from.Title is not null)
                    {
                        (from.TitleMessageId, from.TitleQuote) = (message.Id, TextCues.Quote(line!));
                    }
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

        // Titles given in passing: "our CIO, Priya Shah", "Priya Shah (CIO)". Names are looked up whole and by their last words.
        Dictionary<string, PersonBuilder>? byName = null;
        foreach (var message in messages.Where(m => !m.IsAuto && TextCues.MayMentionTitle(m.NewText)))
        {
            byName ??= NameIndex(people.Values);
            foreach (var match in TextCues.TitleThenName().Matches(message.NewText).Concat(TextCues.NameThenTitle().Matches(message.NewText)))
            {
                if (byName.TryGetValue(match.Groups["name"].Value, out var person) && person.Title is null)
                {
                    person.Title = match.Groups["title"].Value.Trim();
                    (person.TitleMessageId, person.TitleQuote) = (message.Id, TextCues.Quote(match.Value));
                }
            }
        }

        var list = people.Values.ToList();
        var main = list.Where(p => !p.Ours && p.Sent > 0).OrderByDescending(p => p.Sent).ThenByDescending(p => p.LastSent).FirstOrDefault()
            ?? FirstAddressedByUs(messages, people)
            ?? list.FirstOrDefault(p => !p.Ours);

        return list
            .OrderBy(p => p == main ? 0 : p.Ours ? 2 : 1)
            .ThenByDescending(p => p.Sent)
            .ThenBy(p => p.Order)
            .Select(p => new ParticipantRead(new Participant(
                p.Address,
                p.Name,
                p.Ours ? "ours" : "theirs",
                p.SignatureOrganisation ?? OrganisationOf(p.Address),
                p.Title,
                p == main,
                p.Title is not null && TextCues.SeniorTitle().IsMatch(p.Title),
                p.Sent,
                p.Copied), p.TitleMessageId, p.TitleQuote))
            .ToList();
    }

    /// <summary>"Priya Shah" and "Shah" both find Priya Shah; a name two people share finds the first seen.</summary>
    private static Dictionary<string, PersonBuilder> NameIndex(IEnumerable<PersonBuilder> people)
    {
        var index = new Dictionary<string, PersonBuilder>(StringComparer.OrdinalIgnoreCase);
        foreach (var person in people.Where(p => p.Name is not null).OrderBy(p => p.Order))
        {
            index.TryAdd(person.Name!, person);
            var words = person.Name!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 1; i < words.Length; i++)
            {
                index.TryAdd(string.Join(' ', words[i..]), person);
            }
        }

        return index;
    }

    private static PersonBuilder? FirstAddressedByUs(List<ThreadMessage> messages, Dictionary<string, PersonBuilder> people)
    {
        foreach (var message in messages.Where(m => m.FromUs))
        {
            foreach (var to in message.Graph.ToRecipients ?? [])
            {
                if (to?.EmailAddress?.Address?.Trim() is { Length: > 0 } address && people.TryGetValue(address, out var person) && !person.Ours)
                {
                    return person;
                }
            }
        }

        return null;
    }

    /// <summary>The title line of a signature ("VP Operations | Northwind Traders") and the organisation beside it.</summary>
    private static (string? Title, string? Organisation, string? Line) TitleFromSignature(string signature, string? name)
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

            return (titlePart, string.IsNullOrWhiteSpace(organisation) ? null : organisation, line);
        }

        return (null, null, null);
    }

    internal static string? OrganisationOf(string address)
    {
        var domain = OurSide.DomainOf(address);
        if (domain is null || OurSide.IsPublicDomain(domain))
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

    private sealed class PersonBuilder(string address, int order)
    {
        public string Address { get; } = address;
        public int Order { get; } = order;
        public string? Name { get; set; }
        public string? Title { get; set; }
        public string? TitleMessageId { get; set; }
        public string? TitleQuote { get; set; }
        public string? SignatureOrganisation { get; set; }
        public bool Ours { get; init; }
        public int Sent { get; set; }
        public int Addressed { get; set; }
        public int Copied { get; set; }
        public DateTimeOffset? LastSent { get; set; }
    }
}
