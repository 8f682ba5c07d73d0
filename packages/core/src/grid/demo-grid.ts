import type { Directory } from "../directory/schema.js";
import type { PartyMember, ServiceDay } from "./schema.js";

/**
 * Demo party members' posts and service days for the demo directory. Invented names,
 * flagged `demo`; the seed's own details are kept: 雅西社区's cadres hold office every
 * Monday at the compound gate (小区门卫室), 陡门村 meets at dusk in the lanes
 * (黄昏头、讲劲头), 秦巷村 runs the joint “一米阳光” visits.
 */

const SURNAMES = "沈顾陆钱蒋许陶严华金魏姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗";
const GIVEN = ["秀英", "国强", "桂芳", "建军", "玉兰", "志明", "春华", "德胜", "美娟", "永福"];
const TITLES = ["政策宣讲员", "矛盾调解员", "环境监督员", "帮困联络员", "文明劝导员"];

function memberName(i: number): string {
  return `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 3) % GIVEN.length]}`;
}

export function buildDemoGrid(directory: Directory): {
  partyMembers: PartyMember[];
  serviceDays: ServiceDay[];
} {
  const partyMembers: PartyMember[] = [];
  let n = 0;
  for (const village of directory.villages) {
    const groups = village.groups.filter((g) => !g.retiredAt);
    for (let k = 0; k < 3; k++, n++) {
      const group = groups[k % Math.max(groups.length, 1)];
      const households = k === 2 && group;
      partyMembers.push({
        id: `pm-${village.id}-${k + 1}`,
        name: memberName(n),
        villageId: village.id,
        post: {
          kind: households ? "households" : "group",
          groupId: group?.id ?? null,
          households: households ? `${group.name} ${1 + k * 10}–${20 + k * 10} 号` : null,
          title: TITLES[n % TITLES.length] as string,
        },
        demo: true,
        retiredAt: null,
      });
    }
  }

  const leaderOf = (villageId: string) =>
    directory.villages.find((v) => v.id === villageId)?.contactLeaderId;
  const headOf = (departmentId: string) =>
    directory.departments.find((d) => d.id === departmentId)?.head.id;
  const weekly = (weekday: number) =>
    ({ kind: "weekly", weekday, from: "2026-01-05", until: null }) as const;
  const candidates: Array<Omit<ServiceDay, "personId"> & { personId: string | undefined }> = [
    {
      id: "sd-yaxi-monday",
      personId: leaderOf("yaxi"),
      villageId: "yaxi",
      place: "小区门卫室",
      startTime: "08:30",
      endTime: "11:30",
      schedule: weekly(1),
      demo: true,
      retiredAt: null,
    },
    {
      id: "sd-meijing-wednesday",
      personId: headOf("env-bureau"),
      villageId: "meijing",
      place: "梅泾村村委会",
      startTime: "14:00",
      endTime: "17:00",
      schedule: weekly(3),
      demo: true,
      retiredAt: null,
    },
    {
      id: "sd-doumen-dusk",
      personId: leaderOf("doumen"),
      villageId: "doumen",
      place: "村巷（黄昏头、讲劲头）",
      startTime: "17:30",
      endTime: "19:00",
      schedule: weekly(4),
      demo: true,
      retiredAt: null,
    },
    {
      id: "sd-qinxiang-sunshine",
      personId: leaderOf("qinxiang"),
      villageId: "qinxiang",
      place: "秦巷村党群服务中心（“一米阳光”联合走访）",
      startTime: "09:00",
      endTime: "11:30",
      schedule: weekly(6),
      demo: true,
      retiredAt: null,
    },
    {
      id: "sd-park-friday",
      personId: leaderOf("park"),
      villageId: "park",
      place: "园区企业服务中心",
      startTime: "09:00",
      endTime: "11:00",
      schedule: weekly(5),
      demo: true,
      retiredAt: null,
    },
  ];
  const serviceDays = candidates.filter((d): d is ServiceDay => d.personId !== undefined);
  return { partyMembers, serviceDays };
}
