import type { ReplyTemplateInput } from "./templates.js";

/**
 * The demo town's reply templates (`npm start`): a few per common category and some general
 * ones, so that a newcomer finds them on /reply-templates and in a concern's answer, respond
 * and defer forms. Written as admin would, with the placeholders; ids are slugs.
 */
export const DEMO_REPLY_TEMPLATES: ReadonlyArray<ReplyTemplateInput & { id: string }> = [
  {
    id: "demo-general-respond",
    title: "已受理，正在核实",
    body: "您好！您反映的问题（编号 {ledgerNo}）已由{department}受理，我们已与您电话联系，将尽快到{village}现场核实，并于{dueDate}前答复您。",
    categoryCode: null,
    outcomes: [],
    actions: ["respond"],
  },
  {
    id: "demo-general-answer-resolved",
    title: "已办结（通用）",
    body: "您好！您反映的问题（编号 {ledgerNo}）经{department}现场核实，已于{today}处理完毕。如仍有问题，请通过原渠道告知我们。感谢您对{village}工作的支持！",
    categoryCode: null,
    outcomes: ["resolved"],
    actions: ["answer"],
  },
  {
    id: "demo-general-answer-explained",
    title: "政策解释（通用）",
    body: "您好！关于您反映的问题（编号 {ledgerNo}），{department}已于{today}与您当面沟通，解释了相关政策规定和办理程序。如有疑问，可到镇便民服务中心咨询。",
    categoryCode: null,
    outcomes: ["explained"],
    actions: ["answer"],
  },
  {
    id: "demo-general-defer",
    title: "需协调办理，限期完成",
    body: "该问题需协调相关单位办理，一时无法办结。{department}将持续跟进，计划于承诺日期前完成，期间有进展会及时告知。",
    categoryCode: null,
    outcomes: [],
    actions: ["defer"],
  },
  {
    id: "demo-environment-answer",
    title: "河道已清理保洁",
    body: "您好！您反映的{village}河道问题（编号 {ledgerNo}），{department}已组织保洁队伍于{today}完成清理打捞，并将该河段纳入日常巡查。欢迎您继续监督。",
    categoryCode: "environment",
    outcomes: ["resolved"],
    actions: ["answer"],
  },
  {
    id: "demo-environment-defer",
    title: "河道整治纳入计划",
    body: "{village}该河段需清淤和截污纳管，须等枯水期施工。{department}已将其纳入整治计划，将于承诺日期前完成，施工前会在村务公开栏公告。",
    categoryCode: "environment",
    outcomes: [],
    actions: ["defer"],
  },
  {
    id: "demo-roads-answer",
    title: "路灯已修复",
    body: "您好！您反映的{village}路灯不亮问题（编号 {ledgerNo}），{department}已联系供电部门于{today}更换灯具，现已恢复照明。",
    categoryCode: "roads_lighting",
    outcomes: ["resolved"],
    actions: ["answer"],
  },
  {
    id: "demo-roads-defer",
    title: "并入道路改造工程",
    body: "该路段路灯将随{village}道路提升改造工程一并更换，{department}已与施工单位确认工期，将于承诺日期前完成，期间先安排临时照明。",
    categoryCode: "roads_lighting",
    outcomes: [],
    actions: ["defer"],
  },
  {
    id: "demo-dispute-answer",
    title: "纠纷已调解",
    body: "您好！您反映的邻里纠纷（编号 {ledgerNo}），{village}调解委员会与{department}于{today}组织双方调解，已达成一致意见。如再有争议，可申请司法确认。",
    categoryCode: "dispute",
    outcomes: ["resolved", "explained"],
    actions: ["answer"],
  },
  {
    id: "demo-hardship-answer",
    title: "已落实帮扶措施",
    body: "您好！您反映的困难（编号 {ledgerNo}），{department}已于{today}上门走访，按政策落实了临时救助，并将您家纳入{village}结对帮扶，后续会定期回访。",
    categoryCode: "hardship",
    outcomes: ["assisted"],
    actions: ["answer"],
  },
];
