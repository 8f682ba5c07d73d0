import { createHmac, timingSafeEqual } from "node:crypto";
import {
  DomainError,
  hasContactVillages,
  hashPasswordAsync,
  LoginRequest,
  lockedUntilOf,
  PasswordChange,
  PasswordReset,
  SIGN_IN_FAILURES,
  SIGN_IN_FAILURES_PER_ADDRESS,
  SIGN_IN_LOCK_MS,
  type StaffAccount,
  type StaffUser,
  toStaffUser,
  verifyPasswordAsync,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";
import { authorize } from "./authorize.js";

/** Who is asking, established per request from the bearer token. */
export interface StaffAuth {
  user: StaffUser;
  sessionId: string;
  mustChangePassword: boolean;
}

/**
 * Verified against when the username is unknown, so both cases take the same time. Made on
 * the first login, not at import: an scrypt hash costs ~50 ms of every cold start otherwise.
 */
let dummyHash: string | undefined;
const dummyHashOnce = async () => {
  dummyHash ??= await hashPasswordAsync("not-a-password", new Uint8Array(16));
  return dummyHash;
};

/**
 * The user as the policy sees them. A leader's contact villages come from the directory
 * (the villages naming them as contact leader), so a change there takes effect at once.
 */
async function staffUserOf(deps: Deps, account: StaffAccount): Promise<StaffUser> {
  const user = toStaffUser(account);
  if (!hasContactVillages(user)) return user;
  const index = await currentDirectory(deps);
  const villageIds = index.directory.villages
    .filter((v) => v.contactLeaderId === user.id && !v.retiredAt)
    .map((v) => v.id);
  return { ...user, villageIds };
}

function sign(deps: Deps, sessionId: string): string {
  return createHmac("sha256", deps.sessionSigningKey).update(sessionId).digest("base64url");
}

function tokenFor(deps: Deps, sessionId: string): string {
  return `v1.${sessionId}.${sign(deps, sessionId)}`;
}

/** The session id of a well-formed, correctly signed token, else null. */
function verifyToken(deps: Deps, token: string): string | null {
  const [version, sessionId, signature] = token.split(".");
  if (version !== "v1" || !sessionId || !signature) return null;
  const expected = Buffer.from(sign(deps, sessionId));
  const actual = Buffer.from(signature);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? sessionId : null;
}

/** 登录: username and password → a signed, expiring, revocable session. */
export async function login(deps: Deps, body: unknown, clientAddress: string) {
  const { username, password } = parseInput(LoginRequest, body);
  const now = deps.now();
  const byAddress = await deps.store.peekRateLimit(
    SIGN_IN_FAILURES_PER_ADDRESS,
    clientAddress,
    now,
  );
  if (!byAddress.allowed) {
    throw new DomainError("rate_limited", { retryAfterSeconds: byAddress.retryAfterSeconds });
  }
  const name = username.toLowerCase();
  const [account, failures] = await Promise.all([
    deps.store.findStaffByUsername(username),
    deps.store.loginFailureTimes(name),
  ]);
  // An account's own lock, or (for any username) the lock its failures imply: the same rule.
  const lockedUntil = Math.max(
    account?.lockedUntil ? Date.parse(account.lockedUntil) : 0,
    lockedUntilOf(failures) ?? 0,
  );
  if (lockedUntil > now.getTime()) {
    throw new DomainError("account_locked", {
      retryAfterSeconds: Math.ceil((lockedUntil - now.getTime()) / 1000),
    });
  }
  const ok =
    (await verifyPasswordAsync(password, account?.passwordHash ?? (await dummyHashOnce()))) &&
    account?.active;
  if (!account || !ok) {
    const [recent] = await Promise.all([
      deps.store.recordLoginFailure(name, now, SIGN_IN_FAILURES.windowSeconds),
      deps.store.consumeRateLimit(SIGN_IN_FAILURES_PER_ADDRESS, clientAddress, now),
    ]);
    if (account && recent >= SIGN_IN_FAILURES.limit) {
      await deps.store.lockStaffAccount(
        account.id,
        new Date(now.getTime() + SIGN_IN_LOCK_MS).toISOString(),
      );
    }
    throw new DomainError("invalid_credentials");
  }
  const sessionId = Buffer.from(deps.randomBytes(24)).toString("base64url");
  const expiresAt = new Date(now.getTime() + deps.sessionHours * 3_600_000).toISOString();
  await deps.store.putSession({
    sessionId,
    staffId: account.id,
    createdAt: now.toISOString(),
    expiresAtIso: expiresAt,
    revokedAt: null,
  });
  return {
    token: tokenFor(deps, sessionId),
    expiresAt,
    user: await staffUserOf(deps, account),
    mustChangePassword: account.mustChangePassword,
  };
}

/** Checks the bearer token on every staff request: signature, session, account. */
export async function authenticate(
  deps: Deps,
  authorization: string | undefined,
): Promise<StaffAuth> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  const sessionId = token ? verifyToken(deps, token) : null;
  if (!sessionId) throw new DomainError("unauthorized");
  const session = await deps.store.getSession(sessionId);
  const now = deps.now();
  if (!session || session.revokedAt || Date.parse(session.expiresAtIso) <= now.getTime()) {
    throw new DomainError("unauthorized");
  }
  const account = await deps.store.getStaffAccount(session.staffId);
  if (!account?.active) throw new DomainError("unauthorized");
  // A password change or reset ends the account's other sessions (not the changing one).
  if (
    account.sessionsValidAfter &&
    session.createdAt < account.sessionsValidAfter &&
    session.sessionId !== account.keptSessionId
  ) {
    throw new DomainError("unauthorized");
  }
  return {
    user: await staffUserOf(deps, account),
    sessionId,
    mustChangePassword: account.mustChangePassword,
  };
}

export async function logout(deps: Deps, auth: StaffAuth): Promise<void> {
  await deps.store.revokeSession(auth.sessionId, deps.now().toISOString());
}

/** The holder changes their own password (required after an admin reset). */
export async function changePassword(deps: Deps, auth: StaffAuth, body: unknown): Promise<void> {
  const { currentPassword, newPassword } = parseInput(PasswordChange, body);
  const account = await deps.store.getStaffAccount(auth.user.id);
  if (!account || !(await verifyPasswordAsync(currentPassword, account.passwordHash))) {
    throw new DomainError("invalid_credentials");
  }
  const hash = await hashPasswordAsync(newPassword, deps.randomBytes(16));
  const now = deps.now().toISOString();
  await deps.store.setStaffPassword(account.id, hash, false, now, auth.sessionId);
}

/** Admin sets a new password; the holder must change it at the next login. */
export async function resetPassword(deps: Deps, auth: StaffAuth, staffId: string, body: unknown) {
  authorize(auth, "password.reset");
  const { newPassword } = parseInput(PasswordReset, body);
  if (staffId.length > 64 || !(await deps.store.getStaffAccount(staffId))) {
    throw new DomainError("not_found");
  }
  const hash = await hashPasswordAsync(newPassword, deps.randomBytes(16));
  // A reset ends every session of the holder: whoever knew the old password is out.
  await deps.store.setStaffPassword(staffId, hash, true, deps.now().toISOString(), null);
}
