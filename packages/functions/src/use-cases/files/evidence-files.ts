import { DomainError, usableEvidence } from "@lianxin/core";
import type { EvidenceAction } from "@lianxin/core/vocabulary";
import type { Deps } from "../../deps.js";

/**
 * The evidence files an answer or a note names, each held to core's usableEvidence. Checked before the action is written (one GetItem each, at most 10).
 */
export async function checkEvidenceFiles(
  deps: Deps,
  ledgerNo: string,
  stage: EvidenceAction,
  uploadIds: readonly string[],
): Promise<void> {
  const uploads = await Promise.all(uploadIds.map((id) => deps.store.getUpload(id)));
  const bad = uploads.findIndex((u) => !usableEvidence(u, ledgerNo, stage));
  if (bad >= 0) {
    throw new DomainError("validation_failed", {
      fields: {
        evidenceFiles: {
          kind: "invalid",
          message: {
            "zh-CN": `第${bad + 1}个附件无法使用（未通过检查或不属于本诉求），请删除后重新上传`,
            en: `File ${bad + 1} cannot be used (refused, or not uploaded for this concern): remove it and upload it again`,
          },
        },
      },
    });
  }
}
