import { useCallback, useEffect, useRef, useState } from "react";
import type { Draft, DraftDelta } from "./api";

/** What a model has written so far, as the pane shows it while it writes. */
export interface Writing {
  subject: string;
  body: string;
}

export interface DraftStream {
  /** The last whole draft (with its coach): the one being replaced stays here until the new one is whole. */
  data?: Draft;
  error?: unknown;
  loading: boolean;
  /** Set from the first piece a model writes until its draft is whole; never set with the built-in composer. */
  writing?: Writing;
  /** True after the user stopped a draft while it was written: nothing of it was kept. */
  stopped: boolean;
  stop: () => void;
  reload: () => void;
}

type Start = (onDelta: (delta: DraftDelta) => void, signal: AbortSignal) => Promise<Draft>;

/**
 * Asks for a draft when `deps` change and on reload(), as useLoad does, but streamed: the text a
 * model writes shows as it comes, and stop() aborts the request. A newer request aborts the older
 * one, so a stale answer or piece never lands. The text being written is only ever shown, never
 * taken for a draft: only the stream's final draft event becomes `data`.
 */
export function useDraftStream(start: Start, deps: unknown[]): DraftStream {
  const [state, setState] = useState<Omit<DraftStream, "stop" | "reload">>({ loading: true, stopped: false });
  const [nonce, setNonce] = useState(0);
  const current = useRef<AbortController | undefined>(undefined);
  // The caller names what the request depends on, as with useEffect.
  const run = useCallback(start, deps);

  useEffect(() => {
    const controller = new AbortController();
    current.current = controller;
    const { signal } = controller;
    let writing: Writing | undefined;
    setState((s) => ({ data: s.data, loading: true, stopped: false }));
    run((delta) => {
      if (signal.aborted) return;
      writing = { subject: delta.subject ?? writing?.subject ?? "", body: (writing?.body ?? "") + (delta.text ?? "") };
      const shown = writing;
      setState((s) => ({ ...s, writing: shown }));
    }, signal).then(
      (data) => !signal.aborted && setState({ data, loading: false, stopped: false }),
      (error: unknown) => !signal.aborted && setState({ error, loading: false, stopped: false }),
    );
    return () => controller.abort();
  }, [run, nonce]);

  const stop = useCallback(() => {
    const controller = current.current;
    if (!controller || controller.signal.aborted) return;
    controller.abort();
    // The draft it replaced (if any) comes back; the half-written one is dropped.
    setState((s) => ({ data: s.data, loading: false, stopped: true }));
  }, []);

  return { ...state, stop, reload: useCallback(() => setNonce((n) => n + 1), []) };
}
