import { useEffect, useState } from "react";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { Theme } from "@fluentui/react-components";
import { officeThemeIsDark, onOfficeThemeChanged } from "./office";
import type { Host } from "./office";

const STORAGE_KEY = "ghostassist.theme";

function browserPrefersDark(): boolean {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === "dark" || saved === "light") return saved === "dark";
  return globalThis.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
}

/** Office's theme inside Outlook; in a browser the system preference, until the user picks one. */
export function usePaneTheme(host: Host): { theme: Theme; dark: boolean; setDark?: (dark: boolean) => void } {
  const [dark, setDarkState] = useState(() => (host.kind === "outlook" ? (officeThemeIsDark() ?? false) : browserPrefersDark()));
  useEffect(() => {
    if (host.kind === "outlook") {
      onOfficeThemeChanged(() => setDarkState(officeThemeIsDark() ?? false));
      return;
    }
    const media = globalThis.matchMedia?.("(prefers-color-scheme: dark)");
    const follow = (e: MediaQueryListEvent) => localStorage.getItem(STORAGE_KEY) === null && setDarkState(e.matches);
    media?.addEventListener?.("change", follow);
    return () => media?.removeEventListener?.("change", follow);
  }, [host.kind]);
  const setDark =
    host.kind === "browser"
      ? (value: boolean) => {
          localStorage.setItem(STORAGE_KEY, value ? "dark" : "light");
          setDarkState(value);
        }
      : undefined;
  return { theme: dark ? webDarkTheme : webLightTheme, dark, setDark };
}
