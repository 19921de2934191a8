// Small helpers for the outcome figures the pane shows beside plays and in the Outcomes tab.
import type { OutcomeFigures, ThreadAnalysis } from "./api";

// The strongest signal of each thread the pane has analysed: the "situation" a follow-up drafted now
// is sent in. Kept here so the draft screens need not read the thread again to mark the follow-up.
const situations = new Map<string, string | undefined>();

export function rememberSituation(analysis: ThreadAnalysis): void {
  const strongest = [...analysis.signals].sort((a, b) => b.weight - a.weight)[0];
  situations.set(analysis.conversationId, strongest?.code);
}

export function situationOf(conversationId: string): string | undefined {
  return situations.get(conversationId);
}

const n = (value: number | string | undefined | null): number => (typeof value === "number" ? value : Number(value ?? 0) || 0);

/** "3 of 5 came back within a week", or undefined when nothing of this play is decided yet. */
export function recoverySentence(figures: OutcomeFigures | undefined, windowDays = 7): string | undefined {
  if (!figures) return undefined;
  const recovered = n(figures.recovered);
  const decided = recovered + n(figures.missed);
  const pending = n(figures.pending);
  const week = n(windowDays) === 7 ? "a week" : `${n(windowDays)} days`;
  if (decided === 0) return pending > 0 ? `${pending} sent, waiting for the first week to pass` : undefined;
  const base = `${recovered} of ${decided} came back within ${week}`;
  return pending > 0 ? `${base} (${pending} still waiting)` : base;
}

/** "median 2 days" for the figures, or undefined. */
export function medianText(figures: OutcomeFigures | undefined): string | undefined {
  const days = figures?.medianDaysToComeBack;
  if (days === undefined || days === null) return undefined;
  const d = n(days);
  return d <= 1 ? "usually within a day" : `median ${d} days`;
}

export function numberOf(value: number | string | undefined | null): number {
  return n(value);
}

/** The rate as a whole percentage, or undefined when the API withheld it. */
export function ratePercent(figures: OutcomeFigures | undefined): number | undefined {
  const rate = figures?.recoveryRate;
  if (rate === undefined || rate === null) return undefined;
  return Math.round(n(rate) * 100);
}
