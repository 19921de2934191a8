using System.ClientModel;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GhostAssist.Api.Infrastructure;
using Microsoft.Extensions.AI;

namespace GhostAssist.Api.Drafting;

/// <summary>
/// Drafts with a language model (Azure OpenAI or any OpenAI-compatible endpoint, behind
/// <see cref="IChatClient"/>) from the same plan as the built-in composer. The thread goes in as
/// delimited, untrusted data; the answer must pass the checks a person would make and claim nothing
/// the thread does not (<see cref="DraftGrounding"/>), or the built-in composer drafts instead and the
/// answer says why in its warnings. With a progress callback the draft streams as it is written.
/// </summary>
public sealed partial class ModelComposer(IChatClient chat, AzureOpenAIOptions options, ILogger<ModelComposer> logger) : IDraftComposer
{
    public string ProviderName => options.ProviderName;

    public async Task<ComposedDraft> ComposeAsync(DraftPlan plan, Func<DraftProgress, ValueTask>? progress, CancellationToken cancellationToken)
    {
        var prompt = DraftPrompt.Build(plan);
        var chatOptions = new ChatOptions { Temperature = 0.4f, MaxOutputTokens = 600 };
        List<ChatMessage> messages = [new(ChatRole.System, prompt.System), new(ChatRole.User, prompt.User)];

        string problem;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)));
        try
        {
            string text;
            if (progress is null)
            {
                var response = await chat.GetResponseAsync(messages, chatOptions, timeout.Token);
                text = response.Text;
            }
            else
            {
                var reader = new AnswerReader();
                await foreach (var update in chat.GetStreamingResponseAsync(messages, chatOptions, timeout.Token))
                {
                    if (reader.Feed(update.Text) is { } step)
                    {
                        await progress(step);
                    }
                }

                text = reader.Answer;
            }

            var checkedDraft = Validate(text, plan);
            if (checkedDraft.Error is null)
            {
                logger.LogInformation("{Provider} drafted {Kind} for conversation {ConversationId} (about {PromptTokens} prompt tokens, streamed {Streamed})",
                    ProviderName, plan.Kind.Id, LogSafe.Id(plan.Analysis.ConversationId), prompt.EstimatedTokens, progress is not null);
                return new ComposedDraft(checkedDraft.Subject!, checkedDraft.Body!, ProviderName, []);
            }

            problem = $"its draft was not usable: {checkedDraft.Error}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problem = $"it did not answer within {options.TimeoutSeconds} seconds";
        }
        catch (ClientResultException e)
        {
            problem = e.Status > 0 ? $"it answered HTTP {e.Status}" : "it could not be reached";
        }
        catch (HttpRequestException)
        {
            problem = "it could not be reached";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException or IOException)
        {
            // The SDK throws these when a 200 answer is not a chat completion it can read.
            problem = "its answer could not be read";
        }

        logger.LogWarning("{Provider} draft for {Kind} in conversation {ConversationId} fell back to the built-in composer: {Problem}",
            ProviderName, plan.Kind.Id, LogSafe.Id(plan.Analysis.ConversationId), problem);
        Telemetry.RecordModelFallback(plan.Kind.Id);
        var fallback = BuiltInComposer.Compose(plan);
        return fallback with { Warnings = [$"{options.DisplayName} was not used: {problem}. The built-in composer wrote this draft."] };
    }

    internal sealed record CheckedDraft(string? Subject, string? Body, string? Error);

    /// <summary>
    /// The model's answer must be "Subject: …", an empty line and the body, within the published bounds,
    /// with the play's date, nothing invented to click on, and nothing the thread does not say.
    /// </summary>
    internal static CheckedDraft Validate(string? answer, DraftPlan plan)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return new(null, null, "an empty answer");
        }

        var (subject, body) = Split(answer);
        if (subject is null)
        {
            return new(null, null, "no subject line");
        }

        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(body))
        {
            return new(null, null, "no subject or no body");
        }

        var subjectWords = DraftCoach.CountWords(subject);
        if (subjectWords is < 1 or > 8)
        {
            return new(null, null, $"a subject of {subjectWords} words");
        }

        var words = DraftCoach.CountWords(body);
        if (words is < 40 or > 160)
        {
            return new(null, null, $"a body of {words} words");
        }

        if (Placeholder().IsMatch(subject) || Placeholder().IsMatch(body))
        {
            return new(null, null, "placeholders left in the text");
        }

        var lower = body.ToLowerInvariant();
        if (lower.Contains("just checking in") || lower.Contains("per my last email") || lower.Contains("following up again"))
        {
            return new(null, null, "a pushy phrase");
        }

        if (plan.Kind.NeedsDatedAsk && !body.Contains(plan.Date(plan.AskBy), StringComparison.OrdinalIgnoreCase) && !body.Contains(plan.Date(plan.MeetOn), StringComparison.OrdinalIgnoreCase))
        {
            return new(null, null, "the play's date is missing");
        }

        // Links and addresses could only come from text in the thread: a model told to add them was steered by the data.
        foreach (Match match in LinkOrAddress().Matches(body))
        {
            var known = plan.To.Address.Equals(match.Value, StringComparison.OrdinalIgnoreCase) || plan.Cc.Any(c => c.Address.Equals(match.Value, StringComparison.OrdinalIgnoreCase));
            if (!known)
            {
                return new(null, null, "a link or address that the play did not give");
            }
        }

        if (DraftGrounding.FindInvention(subject, body, plan) is { } invention)
        {
            return new(null, null, invention);
        }

        return new(subject, body, null);
    }

    /// <summary>"Subject: …" on the first line (markdown bold tolerated), the body after it; null subject when there is no such line.</summary>
    internal static (string? Subject, string Body) Split(string answer)
    {
        var text = answer.Replace("\r\n", "\n").Trim();
        var newline = text.IndexOf('\n');
        var first = (newline < 0 ? text : text[..newline]).Replace("**", "").Trim();
        if (!first.StartsWith(DraftPrompt.SubjectLabel, StringComparison.OrdinalIgnoreCase))
        {
            return (null, text);
        }

        var subject = first[DraftPrompt.SubjectLabel.Length..].Trim();
        var body = newline < 0 ? "" : text[(newline + 1)..].Trim();
        return (subject, body);
    }

    /// <summary>
    /// Reads a streamed answer: the subject once its line is complete, then the body as it comes.
    /// It stops passing text on at the first link, address or placeholder, which the final check
    /// refuses anyway: the pane never shows what a steered model wrote.
    /// </summary>
    internal sealed class AnswerReader
    {
        private readonly StringBuilder _answer = new();
        private int _bodyStart = -1;
        private int _sent;
        private bool _halted;

        public string Answer => _answer.ToString();

        public DraftProgress? Feed(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            _answer.Append(text.Replace("\r", "", StringComparison.Ordinal));
            if (_halted)
            {
                return null;
            }

            var answer = _answer.ToString();
            string? subject = null;
            if (_bodyStart < 0)
            {
                var lead = answer.Length - answer.TrimStart().Length;
                var newline = answer.IndexOf('\n', lead);
                if (newline < 0)
                {
                    return null;
                }

                var (s, _) = Split(answer[lead..newline]);
                if (s is null)
                {
                    _halted = true;
                    return null;
                }

                subject = s;
                _bodyStart = newline + 1;
                _sent = _bodyStart;
            }

            // The empty lines between the subject and the body are layout, not text.
            while (_sent == _bodyStart && _bodyStart < answer.Length && answer[_bodyStart] == '\n')
            {
                _bodyStart++;
                _sent++;
            }

            var body = answer[_bodyStart..];
            if (LinkOrAddress().IsMatch(body) || Placeholder().IsMatch(body))
            {
                _halted = true;
                return subject is null ? null : new DraftProgress(subject, "");
            }

            var delta = answer[_sent..];
            _sent = answer.Length;
            return subject is null && delta.Length == 0 ? null : new DraftProgress(subject, delta);
        }
    }

    [GeneratedRegex(@"\{\{|\}\}|\[(?:[A-Za-z][A-Za-z]*)(?:\s[A-Za-z]+)*\]|<(?:name|date|company|your name)>|\bTODO\b|lorem ipsum", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"https?://\S+|www\.\S+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LinkOrAddress();
}
