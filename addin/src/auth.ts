// Sign-in for the API's access_as_user scope. Tokens stay in memory and in MSAL's cache: never
// logged, never put in a URL, never shown.
import type { AuthConfig, TokenSource } from "./api";
import { legacySsoToken, supportsNestedAppAuth } from "./office";
import type { Host } from "./office";

type Msal = typeof import("@azure/msal-browser");
type Pca = import("@azure/msal-browser").IPublicClientApplication;

export type SignInMethod = "none" | "naa" | "popup" | "office-sso";

export function signInMethod(config: AuthConfig, host: Host, naaSupported = supportsNestedAppAuth()): SignInMethod {
  if (config.mode !== "entra" || !config.clientId) return "none";
  if (host.kind === "outlook" && naaSupported) return "naa";
  return "popup";
}

/**
 * NAA when Outlook supports NestedAppAuth 1.1; otherwise a popup via a standard public client
 * (and Office's legacy SSO when even the popup is blocked inside Office). Demo needs no token.
 */
export function createTokenSource(config: AuthConfig, host: Host, loadMsal: () => Promise<Msal> = () => import("@azure/msal-browser")): TokenSource {
  const method = signInMethod(config, host);
  if (method === "none") return async () => undefined;
  const scopes = config.scopes ?? [`api://${config.clientId}/access_as_user`];
  let pca: Promise<Pca> | undefined;

  const app = () =>
    (pca ??= loadMsal().then(async (msal) => {
      const configuration = {
        auth: {
          clientId: config.clientId!,
          authority: config.authority ?? "https://login.microsoftonline.com/common",
          redirectUri: `${location.origin}/auth.html`,
        },
        cache: { cacheLocation: "localStorage" as const },
      };
      if (method === "naa") return msal.createNestablePublicClientApplication(configuration);
      const client = await msal.createStandardPublicClientApplication(configuration);
      return client;
    }));

  return async (claims?: string) => {
    const client = await app();
    const account = client.getActiveAccount() ?? client.getAllAccounts()[0];
    const request = { scopes, claims, account: account ?? undefined };
    if (account && !claims) {
      try {
        return (await client.acquireTokenSilent({ ...request, account })).accessToken;
      } catch {
        // Expired session, consent or MFA needed: fall through to an interactive prompt.
      }
    }
    try {
      const result = await client.acquireTokenPopup(request);
      if (result.account) client.setActiveAccount(result.account);
      return result.accessToken;
    } catch (error) {
      if (host.kind === "outlook") {
        const legacy = await legacySsoToken().catch(() => undefined);
        if (legacy) return legacy;
      }
      throw error;
    }
  };
}
