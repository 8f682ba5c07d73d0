import {
  addCalendarDays,
  coverageSoFar,
  type Directory,
  DirectoryId,
  DomainError,
  findDepartmentHead,
  type Locale,
  periodAt,
  planRotation,
  type RotationPlan,
  RotationRequest,
  rotationChanges,
  rotationInputFor,
  shanghaiDate,
  shanghaiMonth,
  type Village,
} from "@lianxin/core";
import type { AuditEntry, HolderChange } from "@lianxin/store";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory, forgetDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";

/** How far back field work counts as having walked a group (the seed's 1∼2 years). */
const COVERAGE_LOOKBACK_DAYS = 731;

/** The actor the job's holder changes are audited under. */
export const ROTATION_ACTOR = { id: "system:rotation", name: "包干轮换计划" };

function villageOf(directory: Directory, villageId: string): Village {
  if (!DirectoryId.safeParse(villageId).success) throw new DomainError("not_found");
  const village = directory.villages.find((v) => v.id === villageId && !v.retiredAt);
  if (!village) throw new DomainError("not_found");
  return village;
}

/**
 * Make the directory say what the plan says for `month`: each group whose `holderId`
 * differs gets the plan's holder, in one conditional write with its audit entry (so a
 * second run, or a stale read, changes nothing). Returns the number of groups changed.
 */
async function applyPlanToVillage(
  deps: Deps,
  village: Village,
  plan: RotationPlan,
  month: string,
  actor: { id: string; name: string },
): Promise<number> {
  const changes: HolderChange[] = rotationChanges(village, plan, month).map((c) => ({
    ...c,
    position: village.groups.findIndex((g) => g.id === c.groupId),
  }));
  if (!changes.length) return 0;
  const audit: AuditEntry = {
    id: deps.newId(),
    at: deps.now().toISOString(),
    actor,
    subject: `village#${village.id}`,
    before: { holders: Object.fromEntries(changes.map((c) => [c.groupId, c.from])) },
    after: {
      holders: Object.fromEntries(changes.map((c) => [c.groupId, c.to])),
      reason: "rotation",
      period: periodAt(plan, month)?.startMonth ?? null,
    },
  };
  const ok = await deps.store.setGroupHolders(village.id, changes, audit);
  return ok ? changes.length : 0;
}

/**
 * The job's rotation step: for every saved plan, when a new period has begun, the groups'
 * holders in the directory become the plan's, so routing names the new holder. Reads the
 * directory afresh (not the cached copy) and is idempotent.
 */
export async function applyRotation(deps: Deps): Promise<{ groupsChanged: number }> {
  const plans = await deps.store.listRotationPlans();
  if (!plans.length) return { groupsChanged: 0 };
  const directory = await deps.store.loadDirectory();
  const month = shanghaiMonth(deps.now());
  let groupsChanged = 0;
  for (const { plan } of plans) {
    const village = directory.villages.find((v) => v.id === plan.villageId && !v.retiredAt);
    if (!village) continue;
    groupsChanged += await applyPlanToVillage(deps, village, plan, month, ROTATION_ACTOR);
  }
  if (groupsChanged) forgetDirectory(deps);
  return { groupsChanged };
}

/** Admin (re)plans a village's rotation; the current period applies at once. */
export async function saveRotationPlan(
  deps: Deps,
  auth: StaffAuth,
  villageId: string,
  body: unknown,
  locale: Locale,
) {
  authorize(auth, "rotation.plan");
  const directory = await deps.store.loadDirectory();
  const village = villageOf(directory, villageId);
  const request = parseInput(RotationRequest, body);
  const plan = planRotation(rotationInputFor(directory, village, request));
  const before = await deps.store.getRotationPlan(village.id);
  const at = deps.now().toISOString();
  const actor = { id: auth.user.id, name: auth.user.name };
  await deps.store.putRotationPlan(
    { plan, savedAt: at, savedBy: actor },
    {
      id: deps.newId(),
      at,
      actor,
      subject: `rotation#${village.id}`,
      before: before
        ? {
            startMonth: before.plan.startMonth,
            horizonMonths: before.plan.horizonMonths,
            intervalMonths: before.plan.intervalMonths,
          }
        : null,
      after: request,
    },
  );
  await applyPlanToVillage(deps, village, plan, shanghaiMonth(deps.now()), actor);
  forgetDirectory(deps);
  return getRotation(deps, auth, village.id, locale);
}

/**
 * A village's plan with names, who holds which group now (the directory: what routing
 * uses), and each head's coverage so far. Any staff member may read it.
 */
export async function getRotation(deps: Deps, _auth: StaffAuth, villageId: string, locale: Locale) {
  const index = await currentDirectory(deps);
  const village = villageOf(index.directory, villageId);
  const stored = await deps.store.getRotationPlan(village.id);
  const month = shanghaiMonth(deps.now());
  const en = locale === "en";
  const personName = (id: string) => findDepartmentHead(index, id)?.name ?? id;
  const groups = village.groups.filter((g) => !g.retiredAt);
  const plan = stored?.plan ?? null;
  const input = rotationInputFor(index.directory, village, {
    startMonth: month,
    horizonMonths: 12,
    intervalMonths: 1,
  });
  const headIds = plan ? plan.headIds : input.headIds;
  // Groups walked: each head's presence days in this village over the seed's two years (one
  // Query per head), so field work logged in a group counts with or without a plan.
  const today = shanghaiDate(deps.now());
  const since = addCalendarDays(today, -COVERAGE_LOOKBACK_DAYS);
  const presence = await Promise.all(
    headIds.map((id) => deps.store.listPresence(id, since, today)),
  );
  const walks = presence.flat().filter((d) => d.villageId === village.id);
  const coverage = coverageSoFar(
    plan ?? { groupIds: groups.map((g) => g.id), headIds, periods: [] },
    month,
    walks,
  );
  const current = plan ? periodAt(plan, month) : null;
  return {
    village: { id: village.id, name: village.name },
    month,
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      holder: g.holderId ? { id: g.holderId, name: personName(g.holderId) } : null,
    })),
    heads: headIds.map((id) => {
      const head = findDepartmentHead(index, id);
      const department = head ? index.department(head.departmentId) : undefined;
      const c = coverage.find((x) => x.headId === id);
      return {
        id,
        name: head?.name ?? id,
        department: department
          ? { id: department.id, name: en ? department.nameEn : department.name }
          : null,
        holding: groups.filter((g) => g.holderId === id).map((g) => g.id),
        coverage: { covered: c?.covered ?? [], total: plan?.groupIds.length ?? groups.length },
      };
    }),
    plan: plan && {
      startMonth: plan.startMonth,
      horizonMonths: plan.horizonMonths,
      intervalMonths: plan.intervalMonths,
      groupIds: plan.groupIds,
      headIds: plan.headIds,
      currentPeriod: current?.index ?? null,
      periods: plan.periods,
      savedAt: stored?.savedAt ?? null,
      savedBy: stored?.savedBy ?? null,
    },
  };
}
