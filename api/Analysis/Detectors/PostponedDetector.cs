using System.Globalization;

namespace GhostAssist.Api.Analysis.Detectors;

/// <summary>postponed: their last message asks to pick this up later ("can we pick this up in January?").</summary>
internal sealed class PostponedDetector : ISignalDetector
{
    public Signal? Detect(ThreadContext thread)
    {
        if (Postponement(thread) is not { } postponement || thread.LastTheirs is null || postponement.MessageId != thread.LastTheirs.Id)
        {
            return null;
        }

        var when = postponement.Date is DateOnly p ? $" until {p.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}" : "";
        return new Signal(SignalCodes.Postponed, $"They postponed{when}: the deal needs re-qualifying, not chasing.",
            SignalWeights.Postponed, [new Evidence(postponement.MessageId, TextCues.Quote(postponement.Text))]);
    }

    /// <summary>Their latest postponement anywhere in the thread, as a dated mention.</summary>
    public static DatedMention? Postponement(ThreadContext thread)
    {
        foreach (var message in Enumerable.Reverse(thread.Theirs))
        {
            var sentence = message.Sentences.LastOrDefault(TextCues.IsPostponement);
            if (sentence is null)
            {
                continue;
            }

            var date = DateMentions.Find(sentence, message.Day(thread.Now)).FirstOrDefault();
            var cue = TextCues.Postponement().Match(sentence);
            var (at, length) = date is not null && sentence.IndexOf(date.Phrase, StringComparison.Ordinal) is var i and >= 0 ? (i, date.Phrase.Length) : (cue.Index, cue.Length);
            return new DatedMention(TextCues.Clause(sentence, at, length), date?.Date, message.Id) { Phrase = date?.Phrase };
        }

        return null;
    }
}
