import type { StaffConcernView } from "@lianxin/contract";
import type { Api } from "@lianxin/site-kit/api.server";
import { type DuplicatesState, offersDuplicates } from "./duplicates";

/** Loads 可能重复 for a user who may merge the concern; a failed call is shown as such, softly. */
export async function loadDuplicates(api: Api, view: StaffConcernView): Promise<DuplicatesState> {
  if (!offersDuplicates(view.allowedActions)) return { kind: "hidden" };
  const res = await api.get("/api/staff/concerns/:ledgerNo/duplicates", {
    params: { ledgerNo: view.ledgerNo },
  });
  if (res.ok && res.data && Array.isArray(res.data.items)) {
    return { kind: "loaded", items: res.data.items };
  }
  return { kind: "failed" };
}
