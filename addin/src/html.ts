const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

/** The user's edited plain text as the HTML body Outlook inserts: paragraphs and line breaks kept. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n/g, "\n")
    .split(/\n{2,}/)
    .filter((p) => p.trim().length > 0)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

export function formatWhen(iso: string | undefined, timeZone?: string): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return date.toLocaleString(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone });
  } catch {
    return date.toLocaleString();
  }
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
}

/** A calendar day (yyyy-MM-dd) as "Fri, 5 Dec": read as that day wherever the browser is, not as UTC midnight. */
export function formatDay(day: string | null | undefined): string {
  const m = day ? /^(\d{4})-(\d{2})-(\d{2})/.exec(day) : null;
  if (!m) return day ?? "";
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return date.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
}

/**
 * A drafted text as a reusable template: the thread's names become the API's variables, so the
 * template fits the next thread too. Longer values first, so "Dana Whitfield" wins over "Dana".
 */
export function templatize(text: string, facts: Record<string, unknown> | undefined): string {
  if (!facts) return text;
  const pairs: [string, string][] = [
    ["contactName", "contactName"],
    ["contactFirstName", "contactFirstName"],
    ["company", "company"],
    ["userName", "userName"],
    ["userFirstName", "userFirstName"],
  ];
  const values = pairs
    .map(([key, variable]) => [facts[key], variable] as const)
    .filter((p): p is readonly [string, string] => typeof p[0] === "string" && p[0].trim().length > 1)
    .sort((a, b) => b[0].length - a[0].length);
  let out = text;
  for (const [value, variable] of values) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}{])${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}}])`, "gu");
    out = out.replace(pattern, `{{${variable}}}`);
  }
  return out;
}

/** "Dana Whitfield" when the name is known, else the address. */
export function personText(person: { name?: string | null; address?: string | null } | string, withAddress = false): string {
  if (typeof person === "string") return person;
  if (!person.name) return person.address ?? "";
  return withAddress ? `${person.name} <${person.address}>` : person.name;
}

/** "Mon, Nov 23, 09:30 – 10:00" on one day; both dates in full when it spans days. */
export function formatRange(startIso: string, endIso: string, timeZone?: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startIso} – ${endIso}`;
  const safeZone = (() => {
    try {
      new Intl.DateTimeFormat(undefined, { timeZone });
      return timeZone;
    } catch {
      return undefined;
    }
  })();
  const day = (d: Date) => d.toLocaleDateString("en-CA", { timeZone: safeZone });
  const time = end.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", timeZone: safeZone });
  return day(start) === day(end) ? `${formatWhen(startIso, safeZone)} – ${time}` : `${formatWhen(startIso, safeZone)} – ${formatWhen(endIso, safeZone)}`;
}
