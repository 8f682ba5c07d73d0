import { auditedReplyTemplate, newReplyTemplate, ReplyTemplateInput } from "@lianxin/core";
import { DEMO_REPLY_TEMPLATES } from "@lianxin/core/demo";
import type { Store } from "@lianxin/store";

/** Who the demo templates are written by, in their audit trail. */
const DEMO_ACTOR = { id: "demo-seed", name: "演示数据" };

/**
 * Seeds the demo town's reply templates (答复模板) when the table has none, each written as
 * admin's would be (AP-Y3, with its audit entry), so that `npm start` shows them on
 * /reply-templates and in the concern forms. Local demo only; returns how many it wrote.
 */
export async function seedDemoReplyTemplates(
  store: Store,
  options: { now: Date; newId: () => string },
): Promise<number> {
  if ((await store.listReplyTemplates()).length > 0) return 0;
  const at = options.now.toISOString();
  let written = 0;
  for (const { id, ...input } of DEMO_REPLY_TEMPLATES) {
    const template = newReplyTemplate(ReplyTemplateInput.parse(input), {
      id,
      at,
      actor: DEMO_ACTOR,
    });
    const audit = {
      id: options.newId(),
      at,
      actor: DEMO_ACTOR,
      subject: `reply_template#${id}`,
      before: null,
      after: auditedReplyTemplate(template),
    };
    if (await store.putReplyTemplate(template, audit, { replaces: null })) written++;
  }
  return written;
}
