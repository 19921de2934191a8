import { describe, expect, it } from "vitest";
import { act, renderHook } from "@testing-library/react";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { installOutlook } from "./test/outlookMock";
import { usePaneTheme } from "./theme";

describe("theme", () => {
  it("follows Office's dark theme inside Outlook, with no toggle of its own", () => {
    installOutlook({ background: "#1b1a19" });
    const { result } = renderHook(() => usePaneTheme({ kind: "outlook", mode: "read" }));
    expect(result.current.theme).toBe(webDarkTheme);
    expect(result.current.setDark).toBeUndefined();
  });

  it("lets a browser user switch to dark and remembers it", () => {
    const first = renderHook(() => usePaneTheme({ kind: "browser" }));
    expect(first.result.current.theme).toBe(webLightTheme);
    act(() => first.result.current.setDark?.(true));
    expect(first.result.current.theme).toBe(webDarkTheme);
    const again = renderHook(() => usePaneTheme({ kind: "browser" }));
    expect(again.result.current.dark).toBe(true);
  });
});
