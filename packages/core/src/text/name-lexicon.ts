/**
 * The word lists the masking engine finds people's names with. Chinese names have no
 * capitals or spaces to find them by: a name is a surname followed by one or two given-name
 * characters, and what makes a run of characters a name is its neighbours (联系人李四,
 * 张先生) or that its characters are ones names are made of (钱志刚, 刘桂兰).
 */

/** The common single-character surnames (the top of the national register and a few more). */
export const SINGLE_SURNAMES = new Set([
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤倪殷施柳庞俞鲍华包左樊凤翟郁邬单甘柯祝章鲁葛蔺尤颜耿童缪欧车穆萧韩滕岳纪舒聂焦洪易诸池乔庄晏梅霍巫邢屈仇季荣麻臧喻窦褚戚卫蒲邰赖卓屠蒙胥莘翟贡逄姬申冉郦雍桑濮牛寿扈冀尚柴瞿慕茹艾容古庾暨衡匡寇阙晁敖辛阚饶鞠巢蒯荆竺权逯盖桓水储甄闵桂翁裘房练项伍符岑冼阮谈闻郎昌奚苗花酆毕皮卞齐康卜湛祁禹狄米贝伏茅蓝娄刁骆凌虞昝管解宣贲杭吉钮嵇滑裴荀羊於惠芮羿靳汲邴糜隗宓蓬郗栾暴钭厉戎祖詹韶郜蓟薄怀鄂索咸籍阴苍党劳扶堵宰却璩燕郏浦温连宦慎戈禄殴殳沃蔚夔隆巩厍勾融冷訾毋乜关柏云廉",
]);

/** Two-character surnames: their names keep both characters when masked (欧阳某). */
export const DOUBLE_SURNAMES = [
  "欧阳",
  "司马",
  "诸葛",
  "上官",
  "东方",
  "皇甫",
  "尉迟",
  "公孙",
  "慕容",
  "长孙",
  "令狐",
  "夏侯",
  "宇文",
  "端木",
  "西门",
  "南宫",
  "司徒",
  "申屠",
  "独孤",
] as const;

/**
 * Characters given names are commonly made of. A surname followed by two of these is very
 * likely a name (钱志刚, 刘桂兰, 张建华); 王庄, 高压线, 李子树 and 陈旧 are not.
 */
export const GIVEN_NAME_CHARACTERS = new Set([
  ..."志刚桂兰建华国明伟芳秀英军平强红玲丽敏静霞燕勇杰涛斌辉鹏超磊洋娟婷雪琴云春海峰波宁文荣新凤珍淑美秋月德福贵根宝生祥庆林松柏梓涵浩宇轩博俊晨嘉雅琳欣怡佳慧颖倩婧媛蓉萍莉莎娜丹彤瑶璐琪薇婉晶洁艳菊梅莲翠金银玉珠友永长发财富昌盛兴旺贤良忠孝仁义礼智信正直善存守保安全泰康寿喜乐三四五晓亚佩彩光栋素世振莉坚嘉雨晴小子琦睿妍娣妹根宝兵伟彪锋毅诚晖耀琳斐婕禄树立青彬彪豪岩鑫飞翔龙虎鹤鸿雁莺芬萱蕾蓓岚凌霄宏卫振跃进先锋爱设胜利丰收兵",
]);

/**
 * Words a name follows (联系人李四, 户主王某某, 书记张建华): a surname right after one of these
 * starts a name.
 */
export const NAME_BEFORE_WORDS = [
  "联系人",
  "户主",
  "村民",
  "居民",
  "群众",
  "老人",
  "老太",
  "老汉",
  "业主",
  "租户",
  "房东",
  "房主",
  "工人",
  "员工",
  "当事人",
  "举报人",
  "反映人",
  "申请人",
  "投诉人",
  "来电人",
  "求助人",
  "承包人",
  "负责人",
  "老板",
  "师傅",
  "书记",
  "主任",
  "科长",
  "组长",
  "队长",
  "站长",
  "所长",
  "局长",
  "镇长",
  "村长",
  "网格员",
  "姓名",
  "名叫",
  "叫做",
  "叫",
  "户名",
  "开户名",
  "开户人",
  "收款人",
  "包工头",
  "车主",
  "农户",
  "党员",
  "会计",
  "保安",
  "职工",
  "拆迁人",
  "主人",
  "对门",
  "弟弟",
  "哥哥",
  "姐姐",
  "妹妹",
  "老公",
  "老婆",
  "爱人",
  "儿子",
  "女儿",
  "丈夫",
  "妻子",
  "父亲",
  "母亲",
  "邻居",
] as const;

/** Words that follow a surname (or a whole name) as a form of address: 张先生, 钱志刚师傅. */
export const NAME_AFTER_WORDS = [
  "先生",
  "女士",
  "小姐",
  "阿姨",
  "大爷",
  "大妈",
  "大伯",
  "大娘",
  "大叔",
  "大姐",
  "大哥",
  "师傅",
  "老板",
  "老师",
  "书记",
  "主任",
  "科长",
  "组长",
  "队长",
  "同志",
  "奶奶",
  "爷爷",
  "婆婆",
  "阿婆",
  "伯伯",
  "叔叔",
  "老伯",
  "老太",
  "老人",
  "家属",
  "经理",
  "医生",
  "大夫",
  "护士",
  "律师",
  "警官",
  "校长",
  "院长",
  "厂长",
  "站长",
  "所长",
  "局长",
  "镇长",
  "村长",
  "会计",
] as const;

/**
 * Characters that end a name rather than continue it: particles, verbs and words that
 * usually follow a name in a report (李四反映, 王明说, 张三家). A candidate name stops before one.
 */
export const NAME_STOP_CHARACTERS = new Set([
  ..."反说称表家的地得在和与及跟同等向于到因已从对将把被也都又是有来去住打电联告要不没请再就才了着过让给为很还并而或但之其所以曾多某问找报讲回答认提称诉讯叫名姓先女老村组镇路街巷浜桥河号室楼幢栋户人员处所局办站队委会部门们上下里外前后左右中内时年月日点分元米公里斤亩亦即乃该此这那些个只条件次天周",
]);

/** Honorifics that stand for a name already masked (张某) and must not be flagged again. */
export const MASKED_NAME_MARKS = new Set(["某", "*", "＊", "×", "x", "X", "Ｘ"]);

/**
 * Characters after which a name has ended (钱志刚、刘桂兰两户): the stop characters and the
 * numerals. Numerals are not stop characters themselves, since 李四 and 张三 are names.
 */
export const AFTER_NAME_CHARACTERS = new Set([
  ...NAME_STOP_CHARACTERS,
  ..."一二三四五六七八九十两几各每全均俩",
]);

/**
 * Everyday words that begin with a surname and never name anyone: a candidate name that
 * starts with one of these is not a name (村民高兴地说, 方便群众).
 */
export const NOT_NAMES = [
  "高兴",
  "高速",
  "高压",
  "高温",
  "高度",
  "高价",
  "高峰",
  "张贴",
  "方便",
  "方面",
  "方案",
  "方法",
  "方向",
  "周边",
  "周围",
  "周末",
  "白天",
  "万元",
  "金额",
  "黄色",
  "江边",
  "马路",
  "马上",
  "石桥",
  "李子",
  "陈旧",
  "何时",
  "钱款",
  "毛病",
  "常年",
  "关于",
  "安全",
  "平安",
  "东西",
  "文明",
  "史上",
  "林立",
  "路平",
  "路面",
  "于是",
  "于今",
  "任何",
  "向前",
  "严重",
  "严格",
  "程序",
  "程度",
  "田地",
  "蒋家",
  "许多",
  "许可",
  "孙子",
  "左右",
  "包括",
  "包装",
  "施工",
  "单位",
  "朱家",
  "韩国",
  "童年",
  "汤水",
  "华人",
  "龙头",
  "景观",
  "雷雨",
  "沈阳",
  "水泥",
  "水质",
  "水位",
  "水管",
  "水电",
  "温度",
  "温州",
  "容易",
  "古老",
  "尚未",
] as const;
