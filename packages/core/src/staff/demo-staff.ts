import type { Directory } from "../directory/schema.js";
import type { StaffUser } from "./schema.js";

/**
 * One demo account per role (and a second cadre in another department, for the park's
 * street-light case). Leaders and department heads use their directory ids, so routing's
 * names and the accounts line up. Local only: a deployed stage creates none.
 */
export function buildDemoStaff(directory: Directory): StaffUser[] {
  const leaderOf = (villageId: string) =>
    directory.villages.find((v) => v.id === villageId)?.contactLeaderId ?? "";
  const leaderId = leaderOf("meijing");
  const leader = directory.leaders.find((l) => l.id === leaderId);
  const head = directory.departments.find((d) => d.id === "env-bureau")?.head;
  const parkLeader = directory.leaders.find((l) => l.id === leaderOf("park"));
  return [
    {
      id: "staff-admin",
      username: "admin",
      name: "党政办管理员",
      role: "admin",
      departmentId: "town-office",
      villageIds: [],
    },
    {
      id: leaderId,
      username: "leader",
      name: leader?.name ?? "驻村领导",
      role: "leader",
      departmentId: null,
      villageIds: directory.villages.filter((v) => v.contactLeaderId === leaderId).map((v) => v.id),
    },
    {
      id: parkLeader?.id ?? "park-director",
      username: "park",
      name: parkLeader?.name ?? "园区主任",
      role: "leader",
      departmentId: null,
      villageIds: ["park"],
    },
    {
      id: head?.id ?? "env-bureau-head",
      username: "head",
      name: head?.name ?? "部门负责人",
      role: "dept_head",
      departmentId: "env-bureau",
      villageIds: [],
    },
    {
      id: "staff-cadre-env",
      username: "cadre",
      name: "环保分局干部（演示）",
      role: "cadre",
      departmentId: "env-bureau",
      villageIds: [],
    },
    {
      id: "staff-cadre-park",
      username: "cadre2",
      name: "园区建设办干部（演示）",
      role: "cadre",
      departmentId: "park-construction",
      villageIds: [],
    },
    {
      id: "staff-inspector",
      username: "inspector",
      name: "纪委监察员（演示）",
      role: "inspector",
      departmentId: "discipline",
      villageIds: [],
    },
  ];
}
