using GhostAssist.Api.Analysis.Detectors;
using GhostAssist.Api.Mail;
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
/// Reads a thread the way a seasoned CSM would: who is who, what each message newly says, who owes what
/// to whom by when, whether the other side has gone quiet and why, and which play comes next. Pure and
/// deterministic: the same messages and the same clock give the same answer, so it is a singleton with no
/// state. The steps live apart: preparation, participants, commitments (<see cref="ThreadContext"/>), one
/// detector per signal, the weights table, the facts and the play ladder.
/// </summary>
public sealed class ThreadAnalyzer(TimeProvider time, IOptions<AnalysisOptions> options)
{
    private readonly AnalysisOptions _options = options.Value;

    public int MaxMessages => _options.MaxMessages;

    public ThreadAnalysis Analyze(string me, IReadOnlyList<GraphMessage?> input, string? conversationId = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var warnings = new List<string>();
        var us = new OurSide(me);

        var messages = ThreadPreparation.Prepare(input, us, now, _options, warnings, cancellationToken);
        var participants = ParticipantsReader.Read(messages, us, cancellationToken);
        var thread = new ThreadContext(us, messages, participants, now, cancellationToken);

        var signals = new List<Signal>();
        foreach (var detector in SignalDetectors.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (detector.Detect(thread) is { } signal)
            {
                signals.Add(signal);
            }
        }

        var ordered = signals.OrderByDescending(s => s.Weight).ThenBy(s => s.Code, StringComparer.Ordinal).ToList();
        var subject = SubjectOf(messages);
        var analysis = new ThreadAnalysis(
            conversationId ?? input.FirstOrDefault(m => m?.ConversationId is not null)?.ConversationId ?? "",
            subject,
            us.Me,
            now,
            thread.DaysSilent,
            thread.UnansweredChases,
            thread.AwaitingThem,
            Risk(ordered, thread.AwaitingThem),
            ordered,
            [],
            thread.Participants,
            messages.Select(m => new AnalyzedMessage(m.Id, m.FromAddress, m.FromName, m.When, m.FromUs, m.IsAuto, m.NewText, m.Signature)).ToList(),
            FactsBuilder.Build(thread, subject))
        {
            Warnings = warnings,
            Commitments = thread.Commitments.Select(c => c.Commitment).ToList(),
        };

        return analysis with { Recommended = PlayLadder.Recommend(analysis, thread.FollowUps) };
    }

    internal static GhostRisk Risk(IReadOnlyList<Signal> signals, bool awaitingThem)
    {
        var total = signals.Sum(s => s.Weight);
        // When we owe them the reply they are not ghosting; what remains is the risk of the deal drifting.
        var score = Math.Clamp(awaitingThem ? total : total * SignalWeights.WeOweNumerator / SignalWeights.WeOweDenominator, 0, 100);
        var level = score >= SignalWeights.HighFrom ? "high" : score >= SignalWeights.MediumFrom ? "medium" : "low";
        return new GhostRisk(score, level, signals.Where(s => s.Weight > 0).Select(s => s.Code).ToList());
    }

    private static string SubjectOf(List<ThreadMessage> messages)
    {
        var subject = messages.Select(m => m.Graph.Subject).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)) ?? "";
        return TextCues.SubjectPrefix().Replace(subject.Trim(), "").Trim();
    }
}
