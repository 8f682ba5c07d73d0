import {
  auditedOpen311Key,
  DomainError,
  issueOpen311ApiKey,
  OPEN311_KEY_RANDOM_LENGTH,
  Open311KeyIssue,
  Open311KeyRevoke,
  type Open311KeyView,
  revokeOpen311ApiKey,
  toOpen311KeyView,
} from "@lianxin/core";
import type { AuditEntry } from "@lianxin/store";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { parseInput } from "../parse.js";

/**
 * Open311 api_keys, admin only: issue (the secret is answered this once and never stored),
 * list (never the hash or the secret), revoke (kept, with who, when and why). Each change is
 * written with its audit entry (`open311_key#<id>`) in one transaction.
 */

/** Key ids are the ids this API made (`deps.newId`); anything else cannot be one. */
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

const actorOf = (auth: StaffAuth) => ({ id: auth.user.id, name: auth.user.name });

/** `GET /api/staff/open311-keys`: every key, newest first, revoked ones included. */
export async function listOpen311Keys(
  deps: Deps,
  auth: StaffAuth,
): Promise<{ items: Open311KeyView[] }> {
  authorize(auth, "open311_key.manage");
  const records = await deps.store.listOpen311Keys();
  return {
    items: records
      .map(toOpen311KeyView)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)),
  };
}

/** `POST /api/staff/open311-keys` `{ label }` → the key's view and the secret, shown this once. */
export async function issueOpen311Key(
  deps: Deps,
  auth: StaffAuth,
  body: unknown,
): Promise<{ key: Open311KeyView; apiKey: string }> {
  authorize(auth, "open311_key.manage");
  const input = parseInput(Open311KeyIssue, body);
  const at = deps.now().toISOString();
  const { record, secret } = issueOpen311ApiKey({
    id: deps.newId(),
    label: input.label,
    at,
    actor: actorOf(auth),
    randomBytes: deps.randomBytes(OPEN311_KEY_RANDOM_LENGTH),
  });
  const audit: AuditEntry = {
    id: deps.newId(),
    at,
    actor: actorOf(auth),
    subject: `open311_key#${record.id}`,
    before: null,
    after: auditedOpen311Key(record),
  };
  if (!(await deps.store.putOpen311Key(record, audit))) throw new DomainError("conflict");
  return { key: toOpen311KeyView(record), apiKey: secret };
}

/** `POST /api/staff/open311-keys/{id}/revoke` `{ reason }` → the key's view, revoked. */
export async function revokeOpen311Key(
  deps: Deps,
  auth: StaffAuth,
  id: string,
  body: unknown,
): Promise<Open311KeyView> {
  authorize(auth, "open311_key.manage");
  if (!KEY_ID.test(id)) throw new DomainError("not_found");
  const { reason } = parseInput(Open311KeyRevoke, body);
  const current = (await deps.store.listOpen311Keys()).find((k) => k.id === id);
  if (!current) throw new DomainError("not_found");
  const at = deps.now().toISOString();
  const revoked = revokeOpen311ApiKey(current, { at, actor: actorOf(auth), reason });
  const audit: AuditEntry = {
    id: deps.newId(),
    at,
    actor: actorOf(auth),
    subject: `open311_key#${id}`,
    before: auditedOpen311Key(current),
    after: auditedOpen311Key(revoked),
  };
  if (!(await deps.store.revokeOpen311Key({ ...revoked, revokedAt: at }, audit))) {
    // Revoked by someone else between the read and the write.
    throw new DomainError("conflict");
  }
  return toOpen311KeyView(revoked);
}
