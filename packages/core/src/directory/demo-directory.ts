import type { CategoryLimits } from "../time/limits.js";
import type { Category, Department, Directory, Leader, Village } from "./schema.js";

/**
 * The demo directory of Luoshe town (洛社镇). Names the 2014 report gives are kept
 * (梅泾村, 陡门村, 秦巷村, 雅西社区, 新河花苑, 洛杨路/枫杨路, 农业服务中心, 环保分局, 宣传办, 纪委);
 * everything else is invented and flagged `demo`.
 */

const GENERAL: CategoryLimits = {
  signFor: { amount: 1, unit: "working_days" },
  respond: { amount: 1, unit: "working_days" },
  answer: { amount: 7, unit: "days" },
};
const COMPLEX: CategoryLimits = { ...GENERAL, answer: { amount: 15, unit: "days" } };
const URGENT: CategoryLimits = {
  signFor: { amount: 1, unit: "hours" },
  respond: { amount: 2, unit: "hours" },
  answer: { amount: 24, unit: "hours" },
};
const UTILITIES: CategoryLimits = {
  signFor: { amount: 4, unit: "hours" },
  respond: { amount: 24, unit: "hours" },
  answer: { amount: 7, unit: "days" },
};

type AreaSeed = [id: string, name: string, kind: Village["kind"], groups?: string[]];
const AREAS: AreaSeed[] = [
  ["meijing", "梅泾村", "village", ["倪巷组", "梅东组", "梅西组", "泾南组", "泾北组", "桃园组"]],
  ["doumen", "陡门村", "village"],
  ["qinxiang", "秦巷村", "village"],
  ["zhangzhen", "张镇村", "village"],
  ["yangshi", "杨市村", "village"],
  ["shuangmiao", "双庙村", "village"],
  ["wanma", "万马村", "village"],
  ["baojian", "保健村", "village"],
  ["hongming", "红明村", "village"],
  ["lvhua", "绿化村", "village"],
  ["shitangwan", "石塘湾村", "village"],
  ["tianshou", "天授村", "village"],
  ["wufang", "五房村", "village"],
  ["liuyan", "六堰村", "village"],
  ["zhenbei", "镇北村", "village"],
  ["fushan", "福山村", "village"],
  ["gaoxiang", "高巷村", "village"],
  ["taoyuan", "桃源村", "village"],
  ["yaxi", "雅西社区", "community", ["雅西一区", "雅西二区", "雅西三区", "雅西四区"]],
  ["xinhe", "新河社区", "community", ["新河花苑", "新河一区", "新河二区", "新河三区"]],
  ["luoshe", "洛社社区", "community"],
  ["zhenxing", "振兴社区", "community"],
  ["yangshi-community", "杨市社区", "community"],
  ["shitangwan-community", "石塘湾社区", "community"],
  ["kangle", "康乐社区", "community"],
  ["park", "洛社园区", "park", ["洛杨路片区", "枫杨路片区", "园区东片", "园区西片"]],
];

/**
 * Demo centres (WGS84) for a few areas: plausible points around 洛社 (about 31.64 N,
 * 120.20 E), made up for the demo, not surveyed. The others have none, as a real
 * directory would until the office sets them.
 */
const DEMO_CENTRES: Record<string, { lat: number; long: number }> = {
  luoshe: { lat: 31.6412, long: 120.2005 },
  meijing: { lat: 31.6556, long: 120.1873 },
  xinhe: { lat: 31.6367, long: 120.2102 },
  yaxi: { lat: 31.6448, long: 120.2136 },
  zhenbei: { lat: 31.656, long: 120.205 },
  park: { lat: 31.6225, long: 120.224 },
};

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八"];
function defaultGroups(kind: Village["kind"], index: number): string[] {
  const count = 4 + (index % 4);
  const suffix = kind === "community" ? "网格" : "组";
  return NUMERALS.slice(0, count).map((n) => `第${n}${suffix}`);
}

/** 17 leaders; the park's director (园区主任) holds the park. */
const LEADERS: Array<[id: string, name: string, title: string]> = [
  ["wang-jianguo", "王建国", "镇党委书记"],
  ["li-ming", "李明", "镇长"],
  ["zhang-wei", "张伟", "党委副书记"],
  ["liu-fang", "刘芳", "纪委书记"],
  ["chen-jing", "陈静", "组织委员"],
  ["yang-yang", "杨洋", "宣传委员"],
  ["zhao-lei", "赵磊", "副镇长"],
  ["huang-min", "黄敏", "副镇长"],
  ["zhou-qiang", "周强", "副镇长"],
  ["wu-li", "吴丽", "人大主席"],
  ["xu-jun", "徐军", "武装部长"],
  ["sun-tao", "孙涛", "统战委员"],
  ["ma-lin", "马琳", "人大副主席"],
  ["zhu-peng", "朱鹏", "党委委员"],
  ["hu-bin", "胡斌", "副镇长"],
  ["guo-hong", "郭红", "政法委员"],
  ["he-ping", "何平", "园区主任"],
];

type DepartmentSeed = [id: string, name: string, nameEn: string, kind?: Department["kind"]];
const DEPARTMENTS: DepartmentSeed[] = [
  ["env-bureau", "环保分局", "Environmental Protection Sub-bureau"],
  ["agri-service", "农业服务中心", "Agricultural Service Centre"],
  ["publicity", "宣传办", "Publicity Office"],
  ["discipline", "纪委", "Discipline Inspection Commission", "discipline"],
  ["town-office", "党政办", "Party and Government Office", "office"],
  ["organization", "组织办", "Organisation Office"],
  ["urban-management", "城管办", "Urban Management Office"],
  ["planning-construction", "规划建设办", "Planning and Construction Office"],
  ["work-safety", "安监办", "Work Safety Office"],
  ["civil-affairs", "民政办", "Civil Affairs Office"],
  ["justice", "司法所", "Judicial Office"],
  ["social-governance", "综治办", "Social Governance Office"],
  ["social-services", "社会事业局", "Social Services Bureau"],
  ["labour-security", "人社所", "Human Resources and Social Security Office"],
  ["land-resources", "国土所", "Land Resources Office"],
  ["water-station", "水利站", "Water Conservancy Station"],
  ["finance", "财政所", "Finance Office"],
  ["economy", "经济发展局", "Economic Development Bureau"],
  ["petitions", "信访办", "Letters and Visits Office"],
  ["market-supervision", "市场监管分局", "Market Supervision Sub-bureau"],
  ["transport", "交通运输办", "Transport Office"],
  ["education", "教育办", "Education Office"],
  ["culture-sports", "文体中心", "Culture and Sports Centre"],
  ["health", "卫健办", "Health Office"],
  ["armed-forces", "武装部", "People's Armed Forces Department"],
  ["statistics", "统计站", "Statistics Station"],
  ["audit", "审计办", "Audit Office"],
  ["investment", "招商局", "Investment Promotion Bureau"],
  ["trade-union", "总工会", "Trade Union"],
  ["youth-league", "团委", "Youth League Committee"],
  ["womens-federation", "妇联", "Women's Federation"],
  ["rural-economy", "经管站", "Rural Economic Management Station"],
  ["forestry", "林业站", "Forestry Station"],
  ["veterinary", "兽医站", "Veterinary Station"],
  ["resettlement", "拆迁办", "Demolition and Resettlement Office"],
  ["property", "物业管理办", "Property Management Office"],
  ["park-construction", "园区建设办", "Park Construction Office"],
  ["park-enterprise", "园区企业服务中心", "Park Enterprise Service Centre"],
  ["veterans", "退役军人服务站", "Veterans Service Station"],
  ["disabled", "残联", "Disabled Persons' Federation"],
  ["elderly", "老龄办", "Ageing Affairs Office"],
  ["emergency", "应急管理办", "Emergency Management Office"],
  ["congress-office", "人大办", "People's Congress Office"],
  ["united-front", "统战办", "United Front Office"],
  ["archives", "档案室", "Archives"],
  ["citizen-services", "便民服务中心", "Citizens' Service Centre"],
];

const SURNAMES = "钱孙周吴郑冯陈褚卫蒋沈韩朱秦尤许何吕施张孔曹严华金魏陶姜谢邹";
const GIVEN = [
  "志刚",
  "海燕",
  "建华",
  "晓东",
  "丽娟",
  "国庆",
  "文彬",
  "春梅",
  "永福",
  "雪芳",
  "立新",
  "红霞",
];
function headName(index: number): string {
  return `${SURNAMES[index % SURNAMES.length]}${GIVEN[(index * 7) % GIVEN.length]}`;
}

/** Pairing (结对) for the seed's named departments, where the report makes it clear. */
const NAMED_PAIRINGS: Record<string, string> = {
  "env-bureau": "meijing",
  "agri-service": "taoyuan",
  publicity: "yangshi",
  "park-construction": "park",
  property: "xinhe",
};

type CategorySeed = Omit<
  Category,
  "villageOverrides" | "conductComplaint" | "urgent" | "retiredAt"
> &
  Partial<Pick<Category, "villageOverrides" | "conductComplaint" | "urgent">>;
const CATEGORIES: CategorySeed[] = [
  {
    code: "safety_hazard",
    name: "安全隐患",
    nameEn: "Safety hazard",
    description: "危及人身财产安全、需紧急处置的隐患",
    descriptionEn: "A hazard to people or property that needs urgent action",
    departmentId: "work-safety",
    urgent: true,
    limits: URGENT,
  },
  {
    code: "utilities",
    name: "水电气供应",
    nameEn: "Water, power and gas",
    description: "停水停电、燃气、供水管网等",
    descriptionEn: "Outages and supply of water, power and gas",
    departmentId: "planning-construction",
    limits: UTILITIES,
  },
  {
    code: "environment",
    name: "环境与河道",
    nameEn: "Environment and waterways",
    description: "河道黑臭、污水、垃圾、噪声、废气",
    descriptionEn: "Polluted creeks, sewage, rubbish, noise, fumes",
    departmentId: "env-bureau",
    limits: GENERAL,
  },
  {
    code: "roads_lighting",
    name: "道路与路灯",
    nameEn: "Roads and street lights",
    description: "道路破损、路灯不亮、交通设施",
    descriptionEn: "Damaged roads, broken street lights, traffic facilities",
    departmentId: "urban-management",
    villageOverrides: { park: "park-construction" },
    limits: GENERAL,
  },
  {
    code: "agriculture",
    name: "农业生产",
    nameEn: "Farming",
    description: "种植养殖技术、农资、农业补贴",
    descriptionEn: "Growing and husbandry advice, farm supplies, subsidies",
    departmentId: "agri-service",
    limits: GENERAL,
  },
  {
    code: "hardship",
    name: "困难帮扶",
    nameEn: "Hardship and assistance",
    description: "生活困难、救助、帮扶",
    descriptionEn: "Hardship, relief and assistance",
    departmentId: "civil-affairs",
    limits: GENERAL,
  },
  {
    code: "housing",
    name: "建房与物业",
    nameEn: "Housing and property management",
    description: "建房审批、小区设施、物业管理",
    descriptionEn: "Building permits, estate facilities, property management",
    departmentId: "planning-construction",
    villageOverrides: { xinhe: "property", yaxi: "property" },
    limits: COMPLEX,
  },
  {
    code: "dispute",
    name: "邻里纠纷",
    nameEn: "Neighbour disputes",
    description: "邻里、家庭、土地边界等纠纷调解",
    descriptionEn: "Mediation of disputes between neighbours or families",
    departmentId: "justice",
    limits: GENERAL,
  },
  {
    code: "public_order",
    name: "社会治安",
    nameEn: "Public order",
    description: "治安隐患、矛盾苗头",
    descriptionEn: "Public order and security concerns",
    departmentId: "social-governance",
    limits: GENERAL,
  },
  {
    code: "health_education",
    name: "医疗与教育",
    nameEn: "Health and schooling",
    description: "就医、卫生服务、入学",
    descriptionEn: "Medical care, health services, school places",
    departmentId: "social-services",
    limits: GENERAL,
  },
  {
    code: "employment",
    name: "劳动就业",
    nameEn: "Work and wages",
    description: "就业、欠薪、社保",
    descriptionEn: "Jobs, unpaid wages, social insurance",
    departmentId: "labour-security",
    limits: GENERAL,
  },
  {
    code: "land",
    name: "土地与拆迁",
    nameEn: "Land and resettlement",
    description: "土地承包、征地拆迁、安置",
    descriptionEn: "Land contracts, expropriation and resettlement",
    departmentId: "land-resources",
    limits: COMPLEX,
  },
  {
    code: "cadre_conduct",
    name: "干部作风",
    nameEn: "Conduct of officials",
    description: "反映干部作风、纪律问题（仅纪委可见）",
    descriptionEn: "Complaints about officials' conduct (seen only by the discipline commission)",
    departmentId: "discipline",
    conductComplaint: true,
    limits: GENERAL,
  },
  {
    code: "other",
    name: "其他",
    nameEn: "Other",
    description: "以上都不符合时选择，由党政办分派",
    descriptionEn: "Anything else: the town office will route it",
    departmentId: null,
    limits: GENERAL,
  },
];

export function buildDemoDirectory(): Directory {
  // Pair departments with areas: the named pairings first, then round-robin over the rest.
  const areaIds = AREAS.map(([id]) => id);
  const unpaired = areaIds.filter((id) => !Object.values(NAMED_PAIRINGS).includes(id));
  let next = 0;
  const departments: Department[] = DEPARTMENTS.map(([id, name, nameEn, kind], i) => {
    const pairedVillageId =
      NAMED_PAIRINGS[id] ?? unpaired[next++ % unpaired.length] ?? (areaIds[0] as string);
    return {
      id,
      name,
      nameEn,
      kind: kind ?? "department",
      head: { id: `${id}-head`, name: headName(i) },
      pairedVillageId,
      demo: true,
      retiredAt: null,
    };
  });

  // Contact leaders: the park's director holds the park; the 16 others hold the
  // 25 villages and communities, the first nine two each.
  const parkDirector = LEADERS[LEADERS.length - 1] as (typeof LEADERS)[number];
  const townLeaders = LEADERS.slice(0, -1);
  const villageAreas = AREAS.filter(([, , kind]) => kind !== "park");
  const contactLeaderOf = new Map<string, string>([["park", parkDirector[0]]]);
  villageAreas.forEach(([id], i) => {
    const leader = i < 18 ? townLeaders[Math.floor(i / 2)] : townLeaders[i - 9];
    contactLeaderOf.set(id, (leader as (typeof LEADERS)[number])[0]);
  });

  const villages: Village[] = AREAS.map(([id, name, kind, groupNames], i) => {
    const holders = departments.filter((d) => d.pairedVillageId === id).map((d) => d.head.id);
    const names = groupNames ?? defaultGroups(kind, i);
    return {
      id,
      name,
      kind,
      contactLeaderId: contactLeaderOf.get(id) as string,
      ...(DEMO_CENTRES[id] ? { centre: DEMO_CENTRES[id] } : {}),
      groups: names.map((groupName, g) => ({
        id: `${id}-${String(g + 1).padStart(2, "0")}`,
        name: groupName,
        holderId: holders.length ? (holders[g % holders.length] as string) : null,
        retiredAt: null,
      })),
      demo: true,
      retiredAt: null,
    };
  });

  const leaders: Leader[] = LEADERS.map(([id, name, title]) => ({
    id,
    name,
    title,
    surveyPoints: [],
    demo: true,
    retiredAt: null,
  }));
  const categories: Category[] = CATEGORIES.map((c) => ({
    villageOverrides: {},
    conductComplaint: false,
    urgent: false,
    retiredAt: null,
    ...c,
  }));
  return {
    villages,
    leaders,
    departments,
    partners: [
      { id: "luoan-energy", name: "洛安能源" },
      { id: "state-grid", name: "国家电网" },
      { id: "police-station", name: "派出所" },
      { id: "community-health", name: "社区卫生服务站" },
    ],
    categories,
  };
}
