using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace GhostAssist.Api.Analysis;

/// <summary>
/// The definitions the pane, the drafts and the templates rely on, written into the OpenAPI schema so that
/// anyone reading /swagger knows exactly what a number means (the build does not ship XML comments).
/// </summary>
internal sealed class AnalysisSchemaDocs : ISchemaFilter
{
    private static readonly Dictionary<Type, Dictionary<string, string>> Descriptions = new()
    {
        [typeof(ThreadAnalysis)] = new()
        {
            ["unansweredChases"] = "Our messages since their last real reply (all of ours when they never replied). Auto-replies are not replies; internal notes between colleagues are not counted.",
            ["daysSilent"] = "Whole days since their last real reply, or since our first message when they never replied. Always a number: 0 for a thread with no real message.",
            ["awaitingThem"] = "Whose turn it is: true when the last real message is ours (the thread waits on them), false when they wrote last (we owe the reply).",
            ["commitments"] = "Every ask, promise, deadline and dated mutual next step in the new text of each real message, with its owner, due day, consequence, status, quote and message id.",
        },
        [typeof(Commitment)] = new()
        {
            ["kind"] = "ask (someone asked the other side to act), promise (the writer said they would), deadline (a timeline the writer's side set) or next-step (a dated mutual next step).",
            ["owner"] = "Who has to act: us, them or both. Our ask is theirs to do; their question is ours to answer.",
            ["speaker"] = "Who wrote it: us or them.",
            ["action"] = "What is to be done, as the clause that says it.",
            ["due"] = "The day it is due, resolved against the sent time of its message (\"Friday\" means a different day in every message).",
            ["duePhrase"] = "The date phrase as written (\"by the 30th\", \"Q3 FY26\").",
            ["consequence"] = "What happens if it is done or not, when the thread states it (\"to keep your reporting running\").",
            ["status"] = "open; kept (its owner wrote again, or the meeting passed with them writing); overdue (its day passed with no word from its owner); answered (the other side wrote after it); superseded (a later ask, timeline or postponement replaced it).",
        },
        [typeof(ThreadFacts)] = new()
        {
            ["deliverables"] = "What we sent them (proposal, options, pricing, report…) and when, each with the message and words.",
            ["goal"] = "Their stated goal, with its quote.",
            ["timeline"] = "Their own timeline (never our ask), with the day it means and its quote.",
            ["openAsk"] = "Our latest open ask of them: action, consequence and date (carried over from the ask a reminder restates).",
            ["outcomeQuotes"] = "The outcomes, each with the message and words it comes from.",
            ["seniorPeople"] = "Senior people on their side, their titles, and where each title was read.",
            ["theirLanguage"] = "The language of their last real message (ISO 639-1), so a draft can answer in it.",
        },
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (!Descriptions.TryGetValue(context.Type, out var properties) || schema.Properties is null)
        {
            return;
        }

        foreach (var (name, description) in properties)
        {
            switch (schema.Properties.TryGetValue(name, out var property) ? property : null)
            {
                case OpenApiSchema concrete:
                    concrete.Description = description;
                    break;
                case OpenApiSchemaReference reference:
                    reference.Description = description;
                    break;
            }
        }
    }
}
