import { createContext, useContext } from "react";
import type { ApiClient, FollowUpKind, Me } from "./api";
import type { Host } from "./office";

export interface PaneContext {
  api: ApiClient;
  host: Host;
  me: Me;
  kinds: FollowUpKind[];
  /** The user's tracking choice (GET /api/me/settings); the pane sets the play header only when true. */
  tracking: boolean;
  setTracking: (tracking: boolean) => void;
}

export const Pane = createContext<PaneContext | undefined>(undefined);

export function usePane(): PaneContext {
  const pane = useContext(Pane);
  if (!pane) throw new Error("usePane outside the pane");
  return pane;
}

export function kindName(kinds: FollowUpKind[], id: string): string {
  return kinds.find((k) => k.id === id)?.name ?? id.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
}
