namespace GhostAssist.Api.Drafting;

/// <summary>
/// The one tone table both composers draft from: the greeting, the sign-off, the sign-off name and
/// how the tone is described to a model. The built-in composer and the language model can never
/// greet or sign off differently for the same tone.
/// </summary>
public static class DraftTone
{
    public const string Warm = "warm";
    public const string Direct = "direct";
    public const string Formal = "formal";

    public static readonly IReadOnlyList<string> All = [Warm, Direct, Formal];

    private sealed record Row(string Describe, Func<string?, string> Greeting, IReadOnlyList<string> SignOffs, bool FullName);

    private static readonly Dictionary<string, Row> Table = new(StringComparer.Ordinal)
    {
        [Warm] = new("warm and friendly", name => name is null ? "Hi there," : $"Hi {name},", ["Best wishes", "Warm regards", "All the best"], FullName: false),
        [Direct] = new("direct and brief", name => name is null ? "Hello," : $"{name},", ["Thanks"], FullName: false),
        [Formal] = new("formal and polite", name => name is null ? "Good morning," : $"Dear {name},", ["Kind regards"], FullName: true),
    };

    private static Row Of(string tone) => Table.TryGetValue(tone, out var row) ? row : Table[Warm];

    public static string Greeting(string tone, string? firstName) => Of(tone).Greeting(firstName);

    /// <summary>The sign-off line; <paramref name="pick"/> chooses among a tone's variants (stable per thread).</summary>
    public static string SignOff(string tone, int pick = 0)
    {
        var offs = Of(tone).SignOffs;
        return offs[Math.Abs(pick) % offs.Count];
    }

    public static int SignOffCount(string tone) => Of(tone).SignOffs.Count;

    /// <summary>The formal tone signs with the full name; the others with the first name.</summary>
    public static string SignOffName(string tone, string firstName, string fullName) => Of(tone).FullName ? fullName : firstName;

    public static string Describe(string tone) => Of(tone).Describe;

    /// <summary>The wording of a sentence in the draft's tone.</summary>
    public static string Choose(string tone, string warm, string direct, string formal) => tone switch
    {
        Direct => direct,
        Formal => formal,
        _ => warm,
    };
}
