// Strings of the inspectors' page (/inspection: 纪委监督清单, issue 17), in zh-CN and English.
// Spread into the site's tables by messages.ts.

export const inspectionZh = {
  "nav.inspection": "监督清单",
  "page.inspection": "纪委监督清单",
  "insp.intro":
    "以下清单供纪委监督检查：每份清单最多显示最新 {limit} 件，并按现在的承办部门统计件数。点击台账编号查看诉求详情。",
  "insp.contents": "清单目录",
  "insp.list.overdue": "超期 {days} 个工作日以上",
  "insp.list.dissatisfied_twice": "两次评价不满意",
  "insp.list.returned_thrice": "退回超过两次",
  "insp.list.repeat_resident": "同一群众 90 天内 3 次反映同类问题",
  "insp.list.conduct": "作风投诉",
  "insp.about.overdue":
    "尚未答复、已超过签收、首次回应或答复时限 {days} 个工作日以上的诉求（按本镇工作日历计算，节假日不计），超期最久的在前；答复后即移出。",
  "insp.about.dissatisfied_twice":
    "群众第二次评价“不满意”的诉求（第二次不满意后转联系领导核实），最新列入的在前。",
  "insp.about.returned_thrice": "被承办部门退回第三次的诉求，最新列入的在前。",
  "insp.about.repeat_resident":
    "同一手机号的群众在 90 天内就同一村、同一类别第 3 次（及以上）反映的诉求，由定时任务在登记后识别，最新列入的在前。",
  "insp.about.conduct": "反映干部作风问题的投诉，登记时即列入，仅纪委和镇办可见，最新的在前。",
  "insp.count": "共 {n} 件",
  "insp.more": "清单中还有更早的诉求，此处只显示最新 {limit} 件。",
  "insp.none": "目前没有。",
  "insp.byDepartment": "{list}：按承办部门统计",
  "insp.department": "承办部门",
  "insp.items": "件数",
  "insp.listCaption": "{list}：诉求列表",
  "insp.entered": "列入时间",
  "insp.overdueSince": "超期起算",
  "insp.related": "{no} 之前同类诉求：{earlier}",
  "insp.print": "打印",
  "insp.printedAt": "打印时间：{at}",
} as const;

export const inspectionEn: { readonly [K in keyof typeof inspectionZh]: string } = {
  "nav.inspection": "Watch lists",
  "page.inspection": "Discipline commission's watch lists",
  "insp.intro":
    "These lists are for the discipline commission's oversight: each shows its newest {limit} items at most, counted by the department handling them now. Open a concern by its ledger number.",
  "insp.contents": "Lists",
  "insp.list.overdue": "Overdue {days}+ working days",
  "insp.list.dissatisfied_twice": "Rated dissatisfied twice",
  "insp.list.returned_thrice": "Returned more than twice",
  "insp.list.repeat_resident": "Same resident, same issue, 3 times in 90 days",
  "insp.list.conduct": "Conduct complaints",
  "insp.about.overdue":
    "Open concerns {days} or more working days past their sign-for, first-response or answer limit (the town's working calendar: holidays do not count), longest overdue first; answered, they leave the list.",
  "insp.about.dissatisfied_twice":
    "Concerns the resident rated dissatisfied a second time (the contact leader then verifies), newest first.",
  "insp.about.returned_thrice": "Concerns returned by a department a third time, newest first.",
  "insp.about.repeat_resident":
    "A resident (same mobile) writing a third time or more within 90 days about the same village and category, found by the scheduled job after registration, newest first.",
  "insp.about.conduct":
    "Complaints about cadres' conduct, listed at registration, seen only by the commission and the town office, newest first.",
  "insp.count": "{n} in all",
  "insp.more": "The list holds older concerns too; only the newest {limit} are shown.",
  "insp.none": "None at present.",
  "insp.byDepartment": "{list}: by handling department",
  "insp.department": "Department",
  "insp.items": "Concerns",
  "insp.listCaption": "{list}: concerns",
  "insp.entered": "Listed",
  "insp.overdueSince": "Overdue since",
  "insp.related": "{no} follows earlier concerns on the same issue: {earlier}",
  "insp.print": "Print",
  "insp.printedAt": "Printed {at}",
};
