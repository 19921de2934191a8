using System.Text;
using System.Text.RegularExpressions;
using GhostAssist.Api.Analysis;

namespace GhostAssist.Api.Drafting;

/// <summary>A composed subject and body, before the coach scores it.</summary>
public sealed record ComposedDraft(string Subject, string BodyText, string Provider, IReadOnlyList<string> Warnings);

/// <summary>A step of a draft being written: the subject once known, then each new piece of the body.</summary>
public sealed record DraftProgress(string? Subject, string Text);

public interface IDraftComposer
{
    /// <summary>Composes the draft; a composer that writes over time reports each step to <paramref name="progress"/>.</summary>
    Task<ComposedDraft> ComposeAsync(DraftPlan plan, Func<DraftProgress, ValueTask>? progress, CancellationToken cancellationToken);
}

/// <summary>
/// The embedded composer: each play is a few short, plain sentences built around the thread's
/// facts, with phrasing variants chosen by a stable hash of (conversation, kind, tone) so the same
/// thread always gets the same draft and different threads read differently. The body is fitted to
/// 50-125 words by dropping or adding optional sentences, never by cutting one in half.
/// </summary>
public sealed partial class BuiltInComposer : IDraftComposer
{
    public const string ProviderName = "builtin";

    /// <summary>Answers at once: there is nothing to stream.</summary>
    public Task<ComposedDraft> ComposeAsync(DraftPlan plan, Func<DraftProgress, ValueTask>? progress, CancellationToken cancellationToken) => Task.FromResult(Compose(plan));

    public static ComposedDraft Compose(DraftPlan plan)
    {
        var writer = new Writer(plan);
        switch (plan.Kind.Id)
        {
            case FollowUpKinds.WiifmSummary: writer.Wiifm(); break;
            case FollowUpKinds.ActionConsequence: writer.ActionConsequence(); break;
            case FollowUpKinds.CalendarInvite: writer.CalendarInvite(); break;
            case FollowUpKinds.WorriedCheckIn: writer.WorriedCheckIn(); break;
            case FollowUpKinds.MicroCommitmentRecap: writer.MicroCommitments(); break;
            case FollowUpKinds.MultiThread: writer.MultiThread(); break;
            case FollowUpKinds.UrgencyTest: writer.UrgencyTest(); break;
            case FollowUpKinds.ReEngage: writer.ReEngage(); break;
            default: throw new InvalidOperationException($"No built-in play for {plan.Kind.Id}.");
        }

        return new ComposedDraft(writer.Subject, writer.Render(), ProviderName, []);
    }

    /// <summary>One piece of the body: a sentence or a bullet line; priority 0 is never dropped.</summary>
    private sealed record Piece(string Text, int Priority, bool Bullet = false, bool NewParagraph = false);

    private sealed partial class Writer(DraftPlan plan)
    {
        private readonly List<Piece> _pieces = [];
        private readonly List<string> _fillers = [];
        private readonly GroundedFacts _facts = plan.Facts;

        public string Subject { get; private set; } = "";

        /// <summary>
        /// The sentence with the thread's topic in it, or the sentence written for a thread without one: a generic
        /// noun phrase ("the work we scoped") dropped into every slot reads as "work on the work" or "next steps for the next steps".
        /// </summary>
        private string About(Func<string, string> withTopic, string without) => _facts.Topic is { } topic ? withTopic(topic) : without;

        /// <summary>Their goal as a clause that follows "to" ("cut call volumes by a fifth"), unless an outcome already says it.</summary>
        private string? Goal => CurrentGoal is { } goal && !_facts.Outcomes.Any(o => o.Contains(goal, StringComparison.OrdinalIgnoreCase) || goal.Contains(o, StringComparison.OrdinalIgnoreCase))
            ? goal
            : null;

        /// <summary>Their goal, unless it names a date that has passed ("make a decision in November" on 1 December).</summary>
        private string? CurrentGoal => _facts.GoalClause is { } goal
            && !(plan.Analysis.Facts.Deadline is { Phrase: { Length: > 0 } phrase, Date: not null } && plan.DeadlineDay() is null
                && goal.Contains(Regex.Replace(phrase, @"^(?:by|in|before|until|during)\s+", "", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)), StringComparison.OrdinalIgnoreCase))
            ? goal
            : null;

        /// <summary>
        /// What they are aiming for, as a clause after "to": their stated goal, or else their first outcome when it is
        /// phrased as something to do ("cut call volumes by a fifth"), which reads better as an aim than after a colon.
        /// </summary>
        private string? Aim => CurrentGoal ?? _facts.Outcomes.Select(DraftPlanner.OutcomeAsAim).FirstOrDefault(o => o is not null);

        /// <summary>An outcome in a list under "What it means for you:": "helping you cut call volumes by a fifth", not a bare instruction.</summary>
        private static string AsListed(string outcome) => DraftPlanner.OutcomeAsAim(outcome) is { } aim
            ? $"helping you {aim}"
            : ThingDone().IsMatch(outcome) ? $"getting {outcome}" : outcome;

        /// <summary>
        /// A result we can report ("your agents answered 31% more chats per hour") rather than an aim they told us
        /// ("the board wants the redelivery costs fixed", "your goal is to get missed windows under 5%"): a figure with a
        /// change that happened, in a sentence that states no goal or wish.
        /// </summary>
        private bool IsResult(string outcome)
        {
            var quote = QuoteOf(outcome)?.Quote ?? outcome;
            return (outcome.Any(char.IsDigit) || NumberWord().IsMatch(outcome)) && Happened().IsMatch(outcome) && !Wanted().IsMatch(quote);
        }

        /// <summary>Where an outcome was read (a grounded outcome may be half of a quoted one split at "and").</summary>
        private QuotedFact? QuoteOf(string outcome) => plan.Analysis.Facts.OutcomeQuotes.FirstOrDefault(q =>
            outcome.StartsWith(q.Text, StringComparison.OrdinalIgnoreCase) || q.Text.StartsWith(outcome, StringComparison.OrdinalIgnoreCase));

        /// <summary>An aim after "what matters most:": "getting the redelivery costs fixed", "to cut call volumes by a fifth".</summary>
        private static string AsAim(string outcome) => DraftPlanner.OutcomeAsAim(outcome) is { } aim
            ? $"to {aim}"
            : ThingDone().IsMatch(outcome) ? $"getting {outcome}" : outcome;

        [GeneratedRegex(@"\b(?:\w+ed|rose|fell|grew|cut|saved|went|won|more|fewer|less|faster|quicker|up|down|higher|lower)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
        private static partial Regex Happened();

        [GeneratedRegex(@"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twice|half|a third|a quarter|a fifth|double|triple)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
        private static partial Regex NumberWord();

        [GeneratedRegex(@"\b(?:goal|aim|target|want|wants|wanted|need|needs|hope|hoping|would like|plan|planning|expect|objective|priority)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
        private static partial Regex Wanted();

        /// <summary>"the redelivery costs fixed before peak": a thing and what is done to it, which reads as English after "getting".</summary>
        [GeneratedRegex(@"^(?:the|your|our)\s+(?:[\w-]+\s+){1,4}(?:fixed|cut|reduced|lowered|halved|sorted|solved|done|finished|signed|approved|live|automated)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
        private static partial Regex ThingDone();

        private string Toned(string warm, string direct, string formal) => DraftTone.Choose(plan.Tone, warm, direct, formal);

        private string AskBy => plan.Date(plan.AskBy);

        private string MeetOn => plan.Date(plan.MeetOn);

        private string Pick(string slot, params string[] options) =>
            options[(int)(StableHash.Of(plan.Analysis.ConversationId, plan.Kind.Id, plan.Tone, slot) % (ulong)options.Length)];

        private void Say(string text, int priority = 0) => _pieces.Add(new Piece(text, priority));

        private void Paragraph(string text, int priority = 0) => _pieces.Add(new Piece(text, priority, NewParagraph: true));

        private void Bullet(string text, int priority = 0) => _pieces.Add(new Piece(text, priority, Bullet: true));

        private void Filler(params string[] sentences) => _fillers.AddRange(sentences);

        /// <summary>The first subject of 3-4 words among the options (company names vary in length).</summary>
        private void SubjectFrom(params string[] options)
        {
            var start = (int)(StableHash.Of(plan.Analysis.ConversationId, plan.Kind.Id, plan.Tone, "subject") % (ulong)options.Length);
            for (var k = 0; k < options.Length; k++)
            {
                var candidate = options[(start + k) % options.Length];
                if (DraftCoach.CountWords(candidate) is 3 or 4)
                {
                    Subject = candidate;
                    return;
                }
            }

            Subject = options[^1];
        }

        private string? Company => _facts.Company;

        private static string Lower(string text) => DraftClauses.LowerFirst(text);

        /// <summary>"Otherwise reporting stops after the upgrade" reads after "if it waits," as "reporting stops after the upgrade".</summary>
        private static string ConsequenceClause(string consequence)
        {
            var text = consequence.Trim().TrimEnd('.', '!');
            foreach (var lead in new[] { "otherwise, ", "otherwise ", "or else ", "or ", "if not, ", "if not ", "else " })
            {
                if (text.StartsWith(lead, StringComparison.OrdinalIgnoreCase))
                {
                    return text[lead.Length..];
                }
            }

            return text;
        }

        /// <summary>
        /// An outcome we reported ("31% more chats per hour") is something they have seen; one they told us is something
        /// they want ("missed windows under 5%"). Each reads after its own lead.
        /// </summary>
        private string OutcomeSentence(string outcome, string seen, string wanted)
        {
            var quote = QuoteOf(outcome);
            var ours = quote is not null && plan.Analysis.Messages.FirstOrDefault(m => m.Id == quote.MessageId)?.FromUs == true;
            return ours ? $"{seen}: {Lower(outcome)}." : $"{wanted}: {AsListed(outcome)}.";
        }

        /// <summary>
        /// The consequence as a sentence: a purpose ("to keep your reporting running") says what doing it brings, a
        /// result ("your agents cannot sign in") what waiting costs.
        /// </summary>
        private string ConsequenceSentence(string consequence)
        {
            if (Purpose().Match(consequence) is { Success: true } purpose)
            {
                return $"Doing it by {AskBy} is what it takes {purpose.Groups["rest"].Value}.";
            }

            if (consequence.StartsWith("in time for ", StringComparison.OrdinalIgnoreCase))
            {
                return $"Doing it by {AskBy} keeps you {Lower(consequence)}.";
            }

            if (Result().Match(consequence) is { Success: true } result)
            {
                return $"Doing it by {AskBy} means {Lower(result.Groups["rest"].Value)}.";
            }

            return $"If it waits past {AskBy}, {Lower(consequence)}.";
        }

        /// <summary>"to keep your reporting running", "in order to keep…": what doing it is for.</summary>
        [GeneratedRegex(@"^(?:in order )?(?<rest>to\s.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
        private static partial Regex Purpose();

        /// <summary>"so that we can test it together", "so there's time to migrate": what doing it brings.</summary>
        [GeneratedRegex(@"^so(?:\s+that)?\s+(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
        private static partial Regex Result();

        public void Wiifm()
        {
            SubjectFrom(Company is { } c ? $"Outcomes for {c}" : "Your outcomes so far", "What you get next", "Your wins at a glance", "A quick outcomes recap");
            Paragraph(Pick("open",
                "Here is a short report card on what is in it for you.",
                About(t => $"Here is a one-page view of where things stand for you on {t}.", "Here is a one-page view of where things stand for you."),
                "Here is a quick summary of the results so far."));
            // A report card lists results; what they told us they want is their aim, said as such, never passed off as a result.
            var results = _facts.Outcomes.Where(IsResult).ToList();
            var aims = _facts.Outcomes.Except(results).ToList();
            if (results.Count > 0)
            {
                Say(Pick("lead", "What it means for you:", "The outcomes for you:", "In short:"));
                foreach (var outcome in results)
                {
                    Bullet(AsListed(outcome));
                }
            }
            else
            {
                // No result in the thread: a visible slot, never a claim of results the draft does not give.
                Say("What it means for you:");
                Bullet("[the outcome you delivered, with a number]");
                Bullet("[a second outcome for their team]", 3);
            }

            if (aims.Count == 1)
            {
                Paragraph($"You told me what matters most: {AsAim(aims[0])}.", 2);
            }
            else if (aims.Count > 1)
            {
                Paragraph("You told me what matters most:", 2);
                foreach (var aim in aims)
                {
                    Bullet(AsAim(aim), 2);
                }
            }
            else if (Goal is { } goal)
            {
                Paragraph($"Everything here is built around your aim to {goal}.", 2);
            }

            Paragraph(Pick("noreply", "No reply is needed.", "There is nothing you need to do.", "You don't need to reply to this."));
            Say(Toned(
                Pick("invite",
                    "If you ever want more detail, I am happy to walk you through it whenever suits you.",
                    "Whenever you want to dig into the numbers, my door is open.",
                    "If it would help, I can take your team through it at a time that suits you."),
                "If you want the detail, I can walk you through it at any time.",
                "Should you wish to discuss it in more detail, I would be glad to arrange a time that suits you."));
            Filler("I hope it helps you and your team plan the weeks ahead.", "Feel free to share it with anyone on your side who would find it useful.");
        }

        public void ActionConsequence()
        {
            SubjectFrom("One step from you", "Your decision by " + plan.AskBy.DayOfWeek, "Keeping your timeline", "A date for you");
            Paragraph(Pick("open",
                About(t => $"To keep {t} on track for you, there is one step left on your side.", "To keep things on track for you, there is one step left on your side."),
                About(t => $"One quick step from you keeps {t} moving.", "One quick step from you keeps things moving."),
                About(t => $"There is one thing I need from you to keep things moving on {t}.", "There is one thing I need from you to keep things moving.")));
            var deadline = plan.Deadline();
            var ask = plan.Analysis.Facts.OpenAsk;
            if (plan.Step is { } step)
            {
                Paragraph($"The step I need from you: {Lower(step.Text)}, by {AskBy}.");
            }

            if ((plan.Step?.Consequence ?? ask?.Consequence) is { } said && DraftPlanner.Clean(ConsequenceClause(said), 18) is { } consequence)
            {
                Say(ConsequenceSentence(consequence));
            }
            else if (deadline is not null && plan.DeadlineDay() is { } own && (DraftDates.OnOrAfterBusinessDay(own) == plan.AskBy || DraftDates.OnOrBeforeBusinessDay(own) == plan.AskBy))
            {
                Say($"{AskBy} is the date you set yourself, and after it the decision runs out of time.");
            }
            else if (deadline is not null)
            {
                Paragraph($"If you confirm by {AskBy}, you stay on track for {deadline}.");
                Say($"If it waits past {AskBy}, the time you need before {deadline} gets tight.");
            }
            else
            {
                // The thread states no consequence: the sender writes the real one, the draft invents none.
                Say($"If it waits past {AskBy}, [what happens for them if it slips].");
            }

            if (Aim is { } goal)
            {
                Say($"You want to {goal}, and this step protects that.", 2);
            }
            else if (_facts.Outcomes.Count > 0)
            {
                Say(OutcomeSentence(_facts.Outcomes[0], "It builds on what you have already seen", "It also keeps you on course for what you want"), 3);
            }

            Paragraph(Toned(
                Pick("ask",
                    $"Could you confirm by {AskBy} if you want to go ahead?",
                    $"Can you let me know by {AskBy} which way you want to go?",
                    $"Could you tell me by {AskBy} if you are happy to proceed?"),
                $"Can you confirm by {AskBy} if you want to go ahead?",
                $"Would you be able to confirm by {AskBy} whether you wish to proceed?"));
            Say(Toned("Is there anything you need from me to make that easy?", "Tell me if anything is in the way.", "Please let me know if I can help with anything."), 4);
            Filler("I will have everything ready on my side, so it only takes a few minutes of your time.");
        }

        public void CalendarInvite()
        {
            SubjectFrom("Time for your review", "A short call together", "20 minutes on " + plan.MeetOn.DayOfWeek, "Your next step call");
            if (_facts.Topic is null && plan.Step is { } step)
            {
                Paragraph($"I have sent you an invite for {MeetOn} so we can do the next step together: {Lower(step.Text)}.");
            }
            else
            {
                Paragraph(Pick("open",
                    About(t => $"I have sent you an invite for {MeetOn} to go through {t}.", $"I have sent you an invite for {MeetOn} to go through the next steps."),
                    About(t => $"You will see a short invite from me for {MeetOn} about {t}.", $"You will see a short invite from me for {MeetOn} about the next steps."),
                    About(t => $"I put 20 minutes in your diary on {MeetOn} so we can go through {t}.", $"I put 20 minutes in your diary on {MeetOn} so we can agree the next steps.")));
            }

            // What we last sent, when the topic does not already name it: "the proposal and pricing I sent on 13 November".
            var last = plan.Analysis.Facts.Deliverables.LastOrDefault();
            var sent = last is null ? [] : plan.Analysis.Facts.Deliverables.Where(d => d.MessageId == last.MessageId).Select(d => d.Kind).ToList();
            if (last?.SentOn is { } sentOn && !sent.Any(k => _facts.Topic?.Contains(k, StringComparison.OrdinalIgnoreCase) == true))
            {
                Say($"We can look at the {string.Join(" and ", sent)} I sent on {plan.Date(sentOn)} together, answer your questions and agree the next step.");
            }
            else
            {
                Say(Pick("why",
                    "On the call we can cover what matters most to you and agree the next step.",
                    "It is a short call to answer your questions and agree what happens next.",
                    "The aim is simple: answer your questions and leave you with a clear next step."));
            }

            if (Aim is { } goal)
            {
                Say($"I will keep it focused on helping you {goal}.", 2);
            }
            else if (_facts.Outcomes.Count > 0)
            {
                Say(OutcomeSentence(_facts.Outcomes[0], "I will start from what you have already seen", "I will keep it focused on what you want"), 3);
            }

            Paragraph(Toned(
                "If the time does not suit you, feel free to move it or suggest another slot.",
                "If the time does not work, move it.",
                "Should the time not suit you, I will gladly find another."));
            Say(Toned(
                Pick("ask", $"Does {MeetOn} work for you?", $"Could you accept it by {AskBy}?"),
                $"Can you accept it by {AskBy}?",
                $"Would you be able to accept it by {AskBy}?"));
            Filler("Bring anyone from your team who should hear it too.", "There is nothing to prepare.");
        }

        public void WorriedCheckIn()
        {
            SubjectFrom("Is everything OK?", "Checking you are OK", "Are you doing OK?");
            // "Since we last spoke" would be untrue when we wrote and they did not answer: say what happened.
            var written = plan.Analysis.AwaitingThem ? plan.Analysis.UnansweredChases : 0;
            var silence = (_facts.DaysSilent, written) switch
            {
                ( > 1 and var days, > 1) => $"I have written {(written == 2 ? "twice" : written == 3 ? "three times" : $"{written} times")} in the {days} days since your last reply",
                ( > 1 and var days, _) => $"It has been {days} days since your last reply",
                _ => "I have not had a reply for a while",
            };
            Paragraph($"{silence}, and that is not like you.");
            Say(Pick("worry",
                "I am a little worried that something might be wrong.",
                "Honestly, I am worried something may have gone wrong on your side.",
                "I wanted to make sure you are OK, as I know you would usually reply."));
            Paragraph(About(t => $"If you have had to put {t} on hold, that is completely fine.", "If you have had to put this on hold, that is completely fine.")
                + Toned(" I would just like to know, so I don't fill your inbox.", " Just tell me, so I don't fill your inbox.", " I would simply like to know, so that I do not fill your inbox."));
            Paragraph(Pick("ask", "Is everything OK?", "Are you and the team OK?"));
            Say(Toned($"A one-line reply by {AskBy} would help me plan.", $"One line by {AskBy} is enough.", $"A brief reply by {AskBy} would help me plan."));
            Say(Toned("And if now is a hard time, just tell me when is better for you.", "If now is a bad time, tell me when is better.", "If now is a difficult time, please tell me when would suit you better."), 2);
            Filler("Whatever the answer, thank you for all your help so far.");
        }

        public void MicroCommitments()
        {
            SubjectFrom("Our next steps, dated", "Next steps for us", "Who does what next", "Our plan with dates");
            Paragraph(Pick("open",
                About(t => $"To make sure we are both clear on the next steps for {t}, here is a short recap.", "To make sure we are both clear on the next steps, here is a short recap."),
                "Here is a quick recap so nothing slips between us.",
                About(t => $"So we both know what happens next with {t}, here is the plan.", "So we both know what happens next, here is the plan.")));
            var mine = DraftDates.AddBusinessDays(plan.Today, 1);
            var yours = plan.AskBy;
            // The thread's own open commitments, each with a date: what we said we would do (or they asked of us), what
            // they said they would do (or we asked of them). Only a side with nothing open gets a plain next step.
            Bullet(plan.OurPart is { } ours
                ? $"I will: {ours.Text} by {plan.Date(Later(ours.Due, mine))}."
                : About(t => $"I will: send you a short summary of where things stand on {t} by {plan.Date(mine)}.", $"I will: send you a short summary of the open points by {plan.Date(mine)}."));
            // Our ask reads as their commitment only when it names what they give ("your feedback on the two options"); quoting a whole ask does not.
            Bullet(plan.TheirPart is { } theirs
                ? $"You will: {theirs.Text} by {plan.Date(Later(theirs.Due, yours))}."
                : _facts.LastAsk is { } ask && ask.StartsWith("your ", StringComparison.OrdinalIgnoreCase)
                    ? $"You will: send me {ask} by {plan.Date(yours)}."
                    : About(t => $"You will: share your feedback on {t} by {plan.Date(yours)}.", $"You will: share your feedback on that summary by {plan.Date(yours)}."));
            Bullet($"We will: meet for 20 minutes on {MeetOn} to agree the way forward.");
            if (Aim is { } goal)
            {
                Paragraph($"That keeps us on track to help you {goal}.", 2);
            }

            Paragraph(Toned(
                Pick("ask",
                    $"Can you confirm by {plan.Date(mine)} that these dates work for you?",
                    $"Could you let me know by {plan.Date(mine)} if these dates work for you?"),
                $"Do these dates work for you? Please confirm by {plan.Date(mine)}.",
                $"Would you kindly confirm by {plan.Date(mine)} that these dates suit you?"));
            Say(Toned("If anything needs to change, tell me and I will adjust.", "If anything needs to change, say so.", "Should anything need to change, please let me know and I will adjust."), 3);
            Filler("Having dates on each step makes it easy for both of us to keep it moving.");
        }

        /// <summary>A date still ahead from the thread, or the planned one.</summary>
        private DateOnly Later(DateOnly? due, DateOnly planned) => due is { } d && d > plan.Today ? DraftDates.OnOrAfterBusinessDay(d) : planned;

        public void MultiThread()
        {
            SubjectFrom(Company is { } c ? $"{c} and your goals" : "Your goals this quarter", "Your view on this", "A quick word together");
            var main = plan.MainContactFirstName ?? "your colleague";
            Paragraph(Pick("open",
                About(t => $"I have been working with {main} on {t} for your team.", $"I have been working with {main} on the plan for your team."),
                About(t => $"{main} and I have been working on {t} for your team.", $"{main} and I have been working on a plan for your team."),
                About(t => $"I am working with {main} on {t}.", $"I am working with {main} on the next steps for your team.")));
            Say($"I have copied {main} to keep everyone in the loop.");
            var title = plan.Analysis.Facts.SeniorPeople.FirstOrDefault(p => string.Equals(p.Address, plan.To.Address, StringComparison.OrdinalIgnoreCase))?.Title;
            if (DraftPlanner.Clean(title, 5) is { } role)
            {
                Say($"As {role}, your view on what success looks like matters to how we shape it.", 2);
            }
            if (Goal is { } goal)
            {
                Say($"{main} told me the aim is to {goal}.", 2);
            }

            if (_facts.Outcomes.Count > 0)
            {
                Say("For you, it means:", 3);
                foreach (var outcome in _facts.Outcomes.Take(2))
                {
                    Bullet(AsListed(outcome), 3);
                }
            }

            Paragraph(Toned(
                Pick("ask",
                    $"Could we find 20 minutes by {AskBy} so you can tell me what matters most to you?",
                    $"Would you have 20 minutes by {AskBy} to share what success looks like for you?"),
                $"Can we take 20 minutes by {AskBy} so you can tell me what matters most to you?",
                $"Might you have 20 minutes by {AskBy} to share what success would look like for you?"));
            Say($"This is not to go around {main}; I want the plan to fit what you need too.");
            Say("Is there anyone else you would like involved?", 4);
            Filler("A short call is enough, at a time that suits you.");
        }

        public void UrgencyTest()
        {
            SubjectFrom("Your timeline, honestly", "What the date means", "Checking your timeline", "Timing that suits you");
            Paragraph(Pick("open",
                About(t => $"As you think about {t}, I want to make sure our timeline fits yours.", "As you think about the next steps, I want to make sure our timeline fits yours."),
                About(t => $"Before we plan the next steps on {t}, I want to check the timing with you.", "Before we plan the next steps, I want to check the timing with you."),
                About(t => $"For {t}, I want to plan around your real dates, not ours.", "I want to make sure we plan around your real dates, not ours.")));
            var deadline = plan.Deadline();
            if (deadline is not null)
            {
                Say($"You are working towards {deadline}.");
                Paragraph($"What happens for your team if you decide before {deadline}?");
            }
            else
            {
                Paragraph("What happens for your team if you decide this month?");
            }

            Say("And what happens if it slips a few weeks?");
            Say("Knowing this helps me plan the right support for you, and not push you on dates that don't matter.", 3);
            Paragraph(Toned(
                Pick("ask",
                    $"Could we talk it through for 15 minutes by {AskBy}?",
                    $"Can we take 15 minutes by {AskBy} to check it together?"),
                $"Can we take 15 minutes on it by {AskBy}?",
                $"Would you be available for 15 minutes by {AskBy} to discuss it?"));
            Filler("There is no wrong answer here: a later date is fine if that is what works for you.");
        }

        public void ReEngage()
        {
            SubjectFrom("Restarting in " + plan.MeetOn.ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture), "Picking this back up", "Planning our restart", "A fresh start together");
            Paragraph(Toned(
                Pick("open", "Thanks for getting back to me, and no problem at all.", "Thank you for the update; that makes sense.", "Thanks for letting me know, that is helpful."),
                "Thanks for the update.",
                "Thank you for letting me know; that is entirely understandable."));
            Say(Toned($"Let's plan to restart on {MeetOn}.", $"Let's restart on {MeetOn}.", $"I suggest we restart on {MeetOn}."));
            Paragraph("So that the restart is useful for you, what has changed on your side?");
            Say("Who else should be part of the decision this time?");
            Paragraph(Toned(
                Pick("ask",
                    $"Could I put 20 minutes in your diary on {MeetOn} to agree the next steps?",
                    $"Shall we book 20 minutes on {MeetOn} to agree the next steps?"),
                $"Can I book 20 minutes on {MeetOn} to agree the next steps?",
                $"Would it be convenient to meet for 20 minutes on {MeetOn} to agree the next steps?"));
            Say(About(t => $"In the meantime I will keep {t} up to date, so you can move fast when the time is right.", "In the meantime I will keep everything up to date, so you can move fast when the time is right."), 2);
            Filler("There is no pressure before then.", "I hope the other projects go well for you.");
        }

        public string Render()
        {
            var pieces = new List<Piece>(_pieces);
            var opening = Greeting();
            var closing = Closing();
            var fixedWords = DraftCoach.CountWords(opening) + DraftCoach.CountWords(closing);

            int Words() => fixedWords + pieces.Sum(p => DraftCoach.CountWords(p.Text));

            // Too long: drop optional pieces, least important (highest number) and latest first.
            while (Words() > DraftCoach.WordsMax)
            {
                var drop = pieces.Select((p, index) => (p, index)).Where(x => x.p.Priority > 0)
                    .OrderByDescending(x => x.p.Priority).ThenByDescending(x => x.index).Select(x => x.index).DefaultIfEmpty(-1).First();
                if (drop < 0)
                {
                    break;
                }

                var removed = pieces[drop];
                pieces.RemoveAt(drop);
                if (removed.NewParagraph && drop < pieces.Count && !pieces[drop].Bullet)
                {
                    pieces[drop] = pieces[drop] with { NewParagraph = true };
                }
            }

            // Too short: add the play's own extra sentences, in order, as a closing paragraph.
            var first = true;
            foreach (var filler in _fillers)
            {
                if (Words() >= DraftCoach.WordsMin)
                {
                    break;
                }

                pieces.Add(new Piece(filler, 9, NewParagraph: first));
                first = false;
            }

            var body = new StringBuilder();
            body.Append(opening).Append("\n\n");
            Piece? previous = null;
            foreach (var piece in pieces)
            {
                if (previous is not null)
                {
                    body.Append((previous.Bullet, piece.Bullet) switch
                    {
                        (true, true) => "\n",
                        (false, true) => piece.NewParagraph ? "\n\n" : "\n",
                        (true, false) => "\n\n",
                        _ => piece.NewParagraph ? "\n\n" : " ",
                    });
                }

                body.Append(piece.Bullet ? "- " : "").Append(piece.Text);
                previous = piece;
            }

            body.Append("\n\n").Append(closing);
            return body.ToString();
        }

        private string Greeting() => DraftTone.Greeting(plan.Tone, plan.ToFirstName);

        private string Closing()
        {
            var pick = (int)(StableHash.Of(plan.Analysis.ConversationId, plan.Kind.Id, plan.Tone, "signoff") % (ulong)DraftTone.SignOffCount(plan.Tone));
            return $"{DraftTone.SignOff(plan.Tone, pick)},\n{DraftTone.SignOffName(plan.Tone, plan.UserFirstName, plan.UserName)}";
        }
    }
}
