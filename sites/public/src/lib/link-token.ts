// The token in an SMS link (`/t/<token>`): `<purpose>.<ledgerNo>.<expiry>.<signature>`, made
// and checked by the API (core's link-token.ts). The site reads only its ledger number, to
// know which concern to ask for; the API alone decides whether the token is good.

const TOKEN = /^[a-z]{1,10}\.(LS-\d{4}-\d{6})\.[0-9a-z]{1,10}\.[A-Za-z0-9_-]{16}$/;

/** The ledger number a well-shaped token names; null for anything else. */
export function ledgerNoOfLinkToken(token: string): string | null {
  return TOKEN.exec(token)?.[1] ?? null;
}
