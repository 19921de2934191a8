import { describe, expect, it, vi } from "vitest";
import { createTokenSource, signInMethod } from "./auth";
import { installOutlook } from "./test/outlookMock";

const entra = { mode: "entra" as const, clientId: "11111111-2222", authority: "https://login.microsoftonline.com/common", scopes: ["api://11111111-2222/access_as_user"] };
const outlook = { kind: "outlook" as const, mode: "read" as const };

function fakeMsal(options: { account?: boolean; silentFails?: boolean } = {}) {
  const account = { homeAccountId: "a" };
  const client = {
    getActiveAccount: () => (options.account ? account : null),
    getAllAccounts: () => (options.account ? [account] : []),
    setActiveAccount: vi.fn(),
    acquireTokenSilent: vi.fn(async () => {
      if (options.silentFails) throw new Error("interaction_required");
      return { accessToken: "silent-token", account };
    }),
    acquireTokenPopup: vi.fn(async () => ({ accessToken: "popup-token", account })),
  };
  const msal = {
    createNestablePublicClientApplication: vi.fn(async () => client),
    createStandardPublicClientApplication: vi.fn(async () => client),
  };
  return { client, msal, load: async () => msal as never };
}

describe("sign-in", () => {
  it("needs no token on demo", async () => {
    expect(signInMethod({ mode: "demo" }, outlook, true)).toBe("none");
    expect(await createTokenSource({ mode: "demo" }, outlook)()).toBeUndefined();
  });

  it("uses Nested App Authentication when Outlook supports NestedAppAuth 1.1", async () => {
    installOutlook({ naa: true });
    const { msal, client, load } = fakeMsal({ account: true });
    const token = await createTokenSource(entra, outlook, load)();
    expect(token).toBe("silent-token");
    expect(msal.createNestablePublicClientApplication).toHaveBeenCalled();
    expect(client.acquireTokenSilent).toHaveBeenCalledWith(expect.objectContaining({ scopes: entra.scopes }));
  });

  it("falls back to a standard popup client without NestedAppAuth", async () => {
    installOutlook({ naa: false });
    const { msal, load } = fakeMsal();
    expect(await createTokenSource(entra, outlook, load)()).toBe("popup-token");
    expect(msal.createStandardPublicClientApplication).toHaveBeenCalled();
    expect(msal.createNestablePublicClientApplication).not.toHaveBeenCalled();
  });

  it("prompts when the silent token fails", async () => {
    installOutlook({ naa: true });
    const { client, load } = fakeMsal({ account: true, silentFails: true });
    expect(await createTokenSource(entra, outlook, load)()).toBe("popup-token");
    expect(client.acquireTokenPopup).toHaveBeenCalled();
  });

  it("asks interactively with the claims of a challenge", async () => {
    installOutlook({ naa: true });
    const { client, load } = fakeMsal({ account: true });
    await createTokenSource(entra, outlook, load)('{"access_token":{}}');
    expect(client.acquireTokenSilent).not.toHaveBeenCalled();
    expect(client.acquireTokenPopup).toHaveBeenCalledWith(expect.objectContaining({ claims: '{"access_token":{}}' }));
  });

  it("never writes a token to the console", async () => {
    installOutlook({ naa: true });
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m));
    const { load } = fakeMsal({ account: true, silentFails: true });
    await createTokenSource(entra, outlook, load)();
    for (const spy of spies) for (const call of spy.mock.calls) expect(JSON.stringify(call)).not.toMatch(/token/);
  });
});
