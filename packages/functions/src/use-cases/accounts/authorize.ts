import { type Capability, type CapabilityScope, DomainError, may } from "@lianxin/core";
import type { StaffAuth } from "./session.js";

/**
 * Refuses the request (`forbidden`, 403) unless the user may use the capability, within the
 * scope when one is given. The rules are core's (`may`).
 */
export function authorize(auth: StaffAuth, capability: Capability, scope?: CapabilityScope): void {
  if (!may(auth.user, capability, scope)) throw new DomainError("forbidden");
}
