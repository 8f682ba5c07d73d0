import type { RoutingDecision } from "../concern/concern.js";
import { type DirectoryIndex, findDepartmentHead } from "../directory/lookup.js";
import type { Category, Village } from "../directory/schema.js";

/**
 * Why a concern was routed as it was. Stored with the concern so that anyone can later
 * see which rule decided.
 */
export const RoutingReason = {
  categoryDefault: "category_default_department",
  villageOverride: "village_override_department",
  conductComplaint: "conduct_complaint_to_discipline",
  noRule: "no_rule_to_triage",
  unknownDepartment: "department_missing_to_triage",
  contactLeader: "village_contact_leader",
  groupHolder: "group_contracting_head",
  groupUnheld: "group_has_no_holder",
} as const;

/**
 * The routing policy (驻村 / 进组):
 * - the category names the responsible department, unless the village has an override;
 * - complaints about cadres' conduct go to the discipline commission, restricted;
 * - the village gives its contact leader (the park's is its director);
 * - the villager group gives its current contracting department head;
 * - what no rule routes goes to the town office's triage queue, never lost.
 */
export function routeConcern(
  index: DirectoryIndex,
  village: Village,
  category: Category,
  groupId: string | null,
): RoutingDecision {
  const reasons: string[] = [];
  const leader = index.leader(village.contactLeaderId);
  if (!leader) throw new Error(`village ${village.id} has no known contact leader`);
  reasons.push(RoutingReason.contactLeader);

  let departmentId: string | null;
  if (category.conductComplaint) {
    departmentId = index.disciplineCommission().id;
    reasons.push(RoutingReason.conductComplaint);
  } else if (category.villageOverrides[village.id]) {
    departmentId = category.villageOverrides[village.id] as string;
    reasons.push(RoutingReason.villageOverride);
  } else if (category.departmentId) {
    departmentId = category.departmentId;
    reasons.push(RoutingReason.categoryDefault);
  } else {
    departmentId = null;
    reasons.push(RoutingReason.noRule);
  }

  let department = departmentId ? index.department(departmentId) : undefined;
  if (departmentId && !department) reasons.push(RoutingReason.unknownDepartment);
  const routed = department !== undefined;
  department ??= index.triageOffice();

  let groupHolder: RoutingDecision["groupHolder"] = null;
  if (groupId) {
    const holderId = index.group(village.id, groupId)?.holderId;
    const head = holderId ? findDepartmentHead(index, holderId) : undefined;
    if (head) {
      groupHolder = { id: head.id, name: head.name };
      reasons.push(RoutingReason.groupHolder);
    } else {
      reasons.push(RoutingReason.groupUnheld);
    }
  }

  return {
    status: routed ? "assigned" : "triage",
    department: { id: department.id, name: department.name },
    contactLeader: { id: leader.id, name: leader.name, title: leader.title },
    groupHolder,
    visibility: category.conductComplaint ? "discipline" : "standard",
    reasons,
  };
}
