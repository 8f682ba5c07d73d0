import * as z from "zod/mini";
import { GeoLocation } from "../concern/location-media.js";
import { cleanText, minVisible } from "../text/hygiene.js";
import { CategoryLimits } from "../time/limits.js";
import { DEPARTMENT_KINDS, VILLAGE_KINDS } from "../vocabulary.js";

/** A name or label: at least one visible character, at most `max`, clean (text/hygiene.ts). */
const label = (max: number) => z.string().check(minVisible(1), z.maxLength(max), cleanText());

/** Stable ids: lowercase slugs, so they read well in keys, URLs and logs. */
export const DirectoryId = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9][a-z0-9-]*$/));

/** 村民小组: a villager group, held by a contracting department head (包干). */
export const VillagerGroup = z.object({
  id: DirectoryId,
  name: label(50),
  /** The department head who currently holds (contracts) the group; rotates. */
  holderId: z.nullable(DirectoryId),
  /** Retired entries stay (concerns refer to them) but take no new work. */
  retiredAt: z._default(z.nullable(z.string()), null),
});
export type VillagerGroup = z.infer<typeof VillagerGroup>;

/** 村 / 社区 / 园区: the 25 villages and communities, and the industrial park. */
export const Village = z.object({
  id: DirectoryId,
  name: label(50),
  kind: z.enum(VILLAGE_KINDS),
  groups: z.array(VillagerGroup),
  /** 驻村领导: the party-government leader who is this area's "village chief". */
  contactLeaderId: DirectoryId,
  /**
   * The village's centre (WGS84), for the distance of a concern's place from it on the
   * staff concern page. Optional: absent when the office has not set one, and in
   * directories stored before it existed.
   */
  centre: z.optional(GeoLocation),
  demo: z._default(z.boolean(), false),
  retiredAt: z._default(z.nullable(z.string()), null),
});
export type Village = z.infer<typeof Village>;

/** 党政领导: a party-government leader; the park's director counts as one. */
export const Leader = z.object({
  id: DirectoryId,
  name: label(50),
  title: label(50),
  /** 走访调研点: places (enterprises, villages) the leader surveys besides the contact villages. */
  surveyPoints: z._default(z.array(label(50)), []),
  demo: z._default(z.boolean(), false),
  retiredAt: z._default(z.nullable(z.string()), null),
});
export type Leader = z.infer<typeof Leader>;

/**
 * A town department (部门). `discipline` is the discipline commission (纪委), `office` the
 * town office (党政办) that triages what no rule routes.
 */
export const Department = z.object({
  id: DirectoryId,
  name: label(50),
  nameEn: label(80),
  kind: z.enum(DEPARTMENT_KINDS),
  /** 部门负责人: head of the department, who contracts villager groups. */
  head: z.object({ id: DirectoryId, name: label(50) }),
  /** 结对帮扶: every department is paired with one village (or the park). */
  pairedVillageId: DirectoryId,
  demo: z._default(z.boolean(), false),
  retiredAt: z._default(z.nullable(z.string()), null),
});
export type Department = z.infer<typeof Department>;

/** An outside body the town hands work to (洛安能源, 国家电网): never a routing target. */
export const Partner = z.object({
  id: DirectoryId,
  name: label(50),
});
export type Partner = z.infer<typeof Partner>;

export const CategoryCode = z
  .string()
  .check(z.minLength(1), z.maxLength(40), z.regex(/^[a-z][a-z0-9_]*$/));

/** 问题类别, with the department responsible by default and per-village overrides. */
export const Category = z.object({
  code: CategoryCode,
  name: label(30),
  nameEn: label(60),
  description: z.string().check(z.maxLength(200), cleanText()),
  descriptionEn: z.string().check(z.maxLength(300), cleanText()),
  /** null: no default department, so concerns go to triage. */
  departmentId: z.nullable(DirectoryId),
  /** villageId → departmentId, for villages where another department handles this. */
  villageOverrides: z._default(z.record(z.string(), DirectoryId), {}),
  /** Complaints about cadres' conduct: discipline commission, restricted visibility. */
  conductComplaint: z._default(z.boolean(), false),
  /**
   * 紧急类别: a concern of this category also sends the head of the department it arrives at
   * an SMS at any hour (messaging/urgent-alerts.ts). Absent in directories stored before the
   * flag existed (the store does not parse them): read it as false.
   */
  urgent: z._default(z.boolean(), false),
  limits: CategoryLimits,
  retiredAt: z._default(z.nullable(z.string()), null),
});
export type Category = z.infer<typeof Category>;

export const Directory = z.object({
  villages: z.array(Village),
  leaders: z.array(Leader),
  departments: z.array(Department),
  partners: z.array(Partner),
  categories: z.array(Category),
});
export type Directory = z.infer<typeof Directory>;
