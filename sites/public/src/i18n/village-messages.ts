// The village page's strings (who serves the village, service days), spread into the site's
// one dictionary in messages.ts. The type makes the English table list exactly the Chinese keys.

export const villageZh = {
  "village.title": "{village}的联系人和服务日",
  "village.intro": "驻村领导、结对部门、各村民小组的包干负责人和入户党员，以及接下来的一线服务日。",
  "village.contactLeader": "驻村领导",
  "village.paired": "结对部门",
  "village.groups": "村民小组与包干负责人",
  "village.unheld": "暂无包干负责人",
  "village.partyMembers": "入户党员服务岗位",
  "village.households": "联系户：{households}",
  "village.groupPost": "联系{group}",
  "village.serviceDays": "一线服务日",
  "village.noServiceDays": "近期没有安排一线服务日。",
  "village.serviceDay": "{date} {start}–{end}，{place}",
  "village.host": "{name}（{title}）在场",
  "village.none": "暂无",
  "village.notFound": "没有找到这个村（社区）。",
  "village.more": "查看联系人和服务日",
  "village.submit": "向{village}反映问题",
  "village.back": "返回首页",
} as const;

export const villageEn: { readonly [K in keyof typeof villageZh]: string } = {
  "village.title": "{village}: who serves it, and service days",
  "village.intro":
    "The contact leader, the paired departments, each villager group's contracting head and the party members' posts, and the next front-line service days.",
  "village.contactLeader": "Contact leader",
  "village.paired": "Paired departments",
  "village.groups": "Villager groups and their contracting heads",
  "village.unheld": "No contracting head at present",
  "village.partyMembers": "Party members' service posts",
  "village.households": "Households: {households}",
  "village.groupPost": "Serves {group}",
  "village.serviceDays": "Front-line service days",
  "village.noServiceDays": "No service days are scheduled soon.",
  "village.serviceDay": "{date} {start}–{end}, {place}",
  "village.host": "with {name} ({title})",
  "village.none": "None",
  "village.notFound": "There is no such village or community.",
  "village.more": "Who serves it, and service days",
  "village.submit": "Raise a concern in {village}",
  "village.back": "Back to the home page",
};
