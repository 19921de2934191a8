using System.Security.Cryptography;
using System.Text;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.Invites;

/// <summary>
/// Idempotency: the client's key (Idempotency-Key header or idempotencyKey), else a hash of what
/// makes two clicks "the same invite" (conversation, slot, attendees). The invite id and Graph's
/// transactionId are both derived from it per user, so a retry lands on the same invite everywhere.
/// </summary>
public static class InviteIds
{
    public const int MaxKeyLength = 200;

    public static string Key(string? explicitKey, string? conversationId, DateTimeOffset start, DateTimeOffset end, IEnumerable<IcsPerson> attendees)
    {
        if (explicitKey is not null)
        {
            if (explicitKey.Length is 0 or > MaxKeyLength || explicitKey.Any(c => c < 0x21 || c > 0x7e))
            {
                throw ApiProblemException.BadRequest($"The idempotency key must be 1 to {MaxKeyLength} visible ASCII characters.");
            }

            return "key:" + explicitKey;
        }

        return "auto:" + Hash(conversationId ?? "", Instant(start), Instant(end), People(attendees));
    }

    public static string Id(AppUser user, string key) => Hash(user.TenantId, user.UserId, key)[..32];

    /// <summary>A GUID-shaped transactionId, as Graph's own samples use, from the same hash as the id.</summary>
    public static string TransactionId(AppUser user, string key) =>
        new Guid(Convert.FromHexString(Hash("transaction", user.TenantId, user.UserId, key)[..32])).ToString("D");

    /// <summary>What the request asked for, to refuse a reused key that asks for something else.</summary>
    public static string Fingerprint(DateTimeOffset start, DateTimeOffset end, IEnumerable<IcsPerson> attendees, string? subject, string? body) =>
        Hash(Instant(start), Instant(end), People(attendees), subject ?? "", body ?? "");

    public static bool IsWellFormed(string id) => id.Length == 32 && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    public static ApiProblemException KeyReused() => ApiProblemException.Unprocessable(
        "This idempotency key was already used for a different invite (another slot, attendees, subject or body). Use a new key for a new invite.");

    private static string Instant(DateTimeOffset value) => value.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string People(IEnumerable<IcsPerson> attendees) =>
        string.Join(',', attendees.Select(a => a.Address.ToLowerInvariant()).Order(StringComparer.Ordinal));

    private static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));
}
