import { describe, expect, it } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { useLoad } from "./useLoad";

describe("useLoad", () => {
  it("never lets a slow older answer overwrite a newer one", async () => {
    const resolvers: Record<string, (v: string) => void> = {};
    const { result, rerender } = renderHook(({ id }) => useLoad(() => new Promise<string>((r) => (resolvers[id] = r)), [id]), {
      initialProps: { id: "a" },
    });
    rerender({ id: "b" });
    await act(async () => resolvers.b?.("answer b"));
    await act(async () => resolvers.a?.("answer a"));
    expect(result.current.data).toBe("answer b");
    expect(result.current.loading).toBe(false);
  });

  it("keeps the error until a reload succeeds", async () => {
    let fail = true;
    const { result } = renderHook(() => useLoad(async () => (fail ? Promise.reject(new Error("down")) : "up"), []));
    await waitFor(() => expect(result.current.error).toBeInstanceOf(Error));
    fail = false;
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.data).toBe("up"));
    expect(result.current.error).toBeUndefined();
  });
});
