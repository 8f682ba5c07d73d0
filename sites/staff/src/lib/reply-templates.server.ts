// A concern's reply templates (答复模板), filled by the API for this concern and user: asked
// for only when the user may answer, respond or defer it now. Failure is no template offered
// (the forms work as before), never a broken page.
import type { FilledReplyTemplate, ReplyTemplateAction, StaffConcernView } from "@lianxin/contract";
import type { Api } from "@lianxin/site-kit/api.server";
import { byAction, isTemplateAction } from "./reply-templates";

export async function replyTemplatesFor(
  api: Api,
  view: Pick<StaffConcernView, "ledgerNo" | "allowedActions">,
): Promise<Record<ReplyTemplateAction, FilledReplyTemplate[]> | null> {
  if (!(view.allowedActions ?? []).some(isTemplateAction)) return null;
  const res = await api.get("/api/staff/concerns/:ledgerNo/reply-templates", {
    params: { ledgerNo: view.ledgerNo },
  });
  return res.ok && Array.isArray(res.data?.items) ? byAction(res.data.items) : null;
}
