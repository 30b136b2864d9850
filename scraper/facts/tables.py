"""The rules of figures and honourees as data: hedge words, units, currencies, exclusions.

Every entry is exercised by `tests/test_figures_tables.py`. Order matters where noted:
longer alternatives come first so that `万元` is not read as `万` + `元` by accident.
"""

from __future__ import annotations

from typing import Literal

Qualifier = Literal[
    "exact", "approx", "more_than", "at_least", "nearly", "less_than", "at_most", "range",
]
MeasureName = Literal[
    "count", "money", "percent", "fraction", "duration", "area", "weight", "length",
    "energy", "rate", "other",
]

# --- hedge words -----------------------------------------------------------------------
# Chinese words before the number (超过1000人, 近50万次, 约300名).
ZH_PRE_HEDGES: dict[str, Qualifier] = {
    "超过": "more_than", "超": "more_than", "逾": "more_than", "多于": "more_than",
    "将近": "nearly", "接近": "nearly", "近": "nearly", "差不多": "nearly",
    "大约": "approx", "约": "approx", "大概": "approx",
    "不到": "less_than", "不足": "less_than", "少于": "less_than", "低于": "less_than",
    "不少于": "at_least", "不低于": "at_least", "至少": "at_least",
    "最多": "at_most", "不超过": "at_most", "至多": "at_most",
    "达到": "exact", "高达": "exact", "多达": "exact", "达": "exact",
}
# Chinese words between the number and its multiplier or unit (222万余人, 9600多万小时).
ZH_INNER_HEDGES: dict[str, Qualifier] = {"余": "more_than", "多": "more_than"}
# Chinese words after the unit (100人左右, 三分之二以上).
ZH_POST_HEDGES: dict[str, Qualifier] = {
    "左右": "approx", "上下": "approx", "以上": "at_least", "以下": "at_most",
    "以内": "at_most", "有余": "more_than", "之多": "exact",
}
# English words before the number, longest first (the regex is built in this order).
EN_PRE_HEDGES: dict[str, Qualifier] = {
    "more than": "more_than", "upwards of": "more_than", "in excess of": "more_than",
    "just over": "more_than", "over": "more_than", "exceeding": "more_than",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "approximately": "approx", "roughly": "approx", "around": "approx", "about": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "up to": "at_most", "at most": "at_most", "no more than": "at_most",
    "fewer than": "less_than", "less than": "less_than", "under": "less_than",
}
# English words after the number/unit.
EN_POST_HEDGES: dict[str, Qualifier] = {
    "or more": "at_least", "plus": "at_least", "+": "at_least", "or so": "approx",
}
# Range joiners between two numbers (3至5年, 10-12, 3 to 5).
ZH_RANGE_JOINERS = ("至", "到", "～", "~", "-", "－", "—", "–")
EN_RANGE_JOINERS = ("to", "-", "–", "—")

# --- units -----------------------------------------------------------------------------
# Chinese measure words: count what they follow.
ZH_MEASURE_WORDS = (
    "人次", "人", "名", "位", "个", "家", "户", "场", "篇", "条", "支", "次", "所", "项",
    "件", "例", "座", "处", "批", "种", "类", "本", "册", "份", "张", "台", "辆", "棵",
    "株", "只", "头", "套", "间", "栋", "幢", "门", "期", "节", "堂", "首", "部",
    "幅", "封", "双", "对", "组", "队", "团", "方面", "起", "单", "笔", "架", "艘",
    "床", "盒", "袋", "箱", "包", "瓶", "面", "块", "届", "场次", "件次", "户次", "车次", "架次",
    "课时", "学时",
)
# Chinese units with their measure, longest first where one is a prefix of another.
ZH_UNITS: dict[str, MeasureName] = {
    "个百分点": "percent", "%": "percent", "％": "percent", "‰": "percent",
    "个小时": "duration", "小时": "duration", "个月": "duration", "分钟": "duration",
    "周年": "duration", "年": "duration", "天": "duration", "晚": "duration", "岁": "other",
    "℃": "other", "°C": "other",
    "周": "duration", "秒": "duration",
    "平方公里": "area", "平方千米": "area", "平方米": "area", "平米": "area",
    "亩": "area", "公顷": "area",
    "公斤": "weight", "千克": "weight", "吨": "weight", "克": "weight", "斤": "weight",
    "公里": "length", "千米": "length", "厘米": "length", "毫米": "length", "纳米": "length",
    "米": "length", "毫升": "other", "升": "other",
    "千瓦时": "energy", "千瓦": "energy", "兆瓦": "energy", "吉瓦": "energy", "瓦": "energy",
    "倍": "other",
}
# Chinese currency words (after the number) and their ISO 4217 codes.
ZH_CURRENCIES: dict[str, str] = {
    "元人民币": "CNY", "元": "CNY", "块钱": "CNY", "美元": "USD", "欧元": "EUR",
    "英镑": "GBP", "日元": "JPY", "港元": "HKD", "港币": "HKD", "澳元": "AUD",
    "加元": "CAD", "韩元": "KRW", "新台币": "TWD",
}
# Currency symbols and codes written before the number.
PREFIX_CURRENCIES: dict[str, str] = {
    "US$": "USD", "HK$": "HKD", "NT$": "TWD", "A$": "AUD", "C$": "CAD", "S$": "SGD",
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "￥": "CNY", "RMB": "CNY", "₹": "INR", "Rs": "INR",
    "Rs.": "INR",
    "人民币": "CNY", "USD": "USD", "EUR": "EUR", "GBP": "GBP", "CNY": "CNY", "HKD": "HKD",
}
# English currency words after the number.
EN_CURRENCIES: dict[str, str] = {
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "yuan": "CNY",
    "renminbi": "CNY", "pounds sterling": "GBP", "USD": "USD", "EUR": "EUR", "GBP": "GBP",
    "CNY": "CNY", "HKD": "HKD", "RMB": "CNY",
}
# English units with their measure (matched case-sensitively, as whole words).
EN_UNITS: dict[str, MeasureName] = {
    "percentage points": "percent", "percent": "percent", "per cent": "percent",
    "%": "percent",
    "hours": "duration", "hour": "duration", "hrs": "duration", "minutes": "duration",
    "days": "duration", "day": "duration", "weeks": "duration", "months": "duration",
    "years": "duration", "year": "duration",
    "square feet": "area", "square metres": "area", "square meters": "area",
    "sq ft": "area", "acres": "area", "hectares": "area",
    "kilograms": "weight", "kg": "weight", "tonnes": "weight", "tons": "weight",
    "pounds": "weight", "lbs": "weight",
    "kilometres": "length", "kilometers": "length", "km": "length", "miles": "length",
    "metres": "length", "meters": "length", "feet": "length",
    "kWh": "energy", "MWh": "energy", "kW": "energy", "MW": "energy", "GW": "energy",
    "mph": "rate", "km/h": "rate", "times": "other",
}
# English multipliers after a number (2.5 million); k/m/bn only after a currency symbol.
EN_SCALES = ("trillion", "billion", "million", "thousand", "hundred")
EN_MONEY_SCALES = ("bn", "mn", "m", "k")

# Units a 半 (half) follows: `一年半`, `三天半`, `两小时半` (the unit, then 半).
ZH_HALF_AFTER_UNIT: dict[str, MeasureName] = {
    "年": "duration", "天": "duration", "小时": "duration", "周": "duration", "分钟": "duration",
    "秒": "duration", "公里": "length", "斤": "weight",
}
# Units after `个半`: `两个半小时`, `三个半月` (not `三个半天`: three half-days).
ZH_HALF_AFTER_GE: dict[str, MeasureName] = {
    "小时": "duration", "月": "duration", "星期": "duration", "钟头": "duration",
}
# 成 after a Chinese numeral is tenths (`三成` = 30%, `近两成`, `七成以上`), except where it
# starts one of these words (`三成员`, `一成不变`, `八成是`).
ZH_CHENG_WORDS = (
    "成为", "成立", "成功", "成员", "成本", "成果", "成绩", "成长", "成效", "成就", "成熟", "成交",
    "成都", "成型", "成形", "成片", "成群", "成批", "成套", "成倍", "成名", "成年", "成人", "成家",
    "成色", "成分", "成份", "成像", "成真", "成行", "成事", "成风", "成器", "成才", "成材", "成品",
    "成语", "成全", "成败", "成不变", "成是",
)
# Formal (financial) numerals, as budgets and cheques write amounts: `壹佰万元` = 一百万元.
# Only amounts of money are read in them: `队伍`, `重拾`, `陆续` hold the same characters.
ZH_FORMAL_NUMERALS: dict[str, str] = {
    "壹": "一", "贰": "二", "叁": "三", "肆": "四", "伍": "五", "陆": "六", "柒": "七", "捌": "八",
    "玖": "九", "拾": "十", "佰": "百", "仟": "千",
}

# --- exclusions ------------------------------------------------------------------------
# Words and names that contain a numeral followed by a measure word but state no quantity.
ZH_NOT_FIGURES = (
    "三个代表", "四个全面", "四个意识", "四个自信", "两个维护", "两个确立", "五年规划",
    "三年行动", "千家万户", "千方百计", "万众一心", "一把手", "一站式", "一揽子",
    "一次性", "一条龙", "百分百", "十万火急", "一年四季", "三年五载", "两条腿", "万家灯火",
    "五年计划", "十年树木", "百年树人", "千里之行", "万人空巷", "半边天", "三天两头",
    "九年义务教育", "三百六十行", "百年大计", "百年老店", "一事一议", "七十二行", "十年如一日",
    "判若两人", "两面派", "三天打鱼", "315晚会",
)
# Characters after a Chinese-numeral figure that make it a place name (七里河, 五里墩).
ZH_NAME_TAILS = "路街巷村镇乡桥屯堡铺湾墩河口坊庄店号山湖县区市峡岭岛"
# Words before a number that make it an ordinal or label, not a quantity.
ZH_ORDINAL_PREFIXES = ("第", "初", "周", "星期", "礼拜", "编号", "序号", "No.", "NO.")
# Exclusions are checked only where a figure was read, so each is anchored there: an AFTER
# pattern must match at the number's first character, a BEFORE pattern must end right before
# it (checked on a short window). Grouped by what they exclude; the tests hold an example of each.
# Page furniture: counters and paging (0次浏览, 阅读：123, 12 comments, Page 2 of 5).
FURNITURE_AFTER = (
    r"\d+\s*(?:次浏览|人阅读|次阅读|条评论|人点赞|人收藏)", r"\d+\s*/\s*\d+\s*页", r"\d+\s*页",
    r"\d+\s+(?:comments?|shares?|likes?|replies|views)\b", r"\d+\s+min(?:ute)?s?\s+read\b",
)
# words that, followed by a colon, label a counter (阅读：1234)
FURNITURE_BEFORE = (
    "阅读", "浏览", "点击", "评论", "点赞", "分享", "阅读数", "阅读量", "浏览量", "点击量", "浏览次数",
    "点击数", "评论数", "Views", "Comments", "Shares",
)
# Identifiers: phone numbers, postcodes, ID numbers, clock times.
ID_AFTER = (
    r"1[3-9]\d{9}(?!\d)",  # mobile numbers
    r"0\d{2,3}-\d{7,8}(?!\d)",  # Chinese landlines
    r"\d{3}\)\s?\d{3}-\d{4}", r"\d{3}[-.]\d{3}[-.]\d{4}(?!\d)", r"\d{3}-\d{4}(?!\d)",  # US phones
    r"\d{17}[\dXx](?!\d)",  # resident ID numbers
    r"\d{1,2}[:：]\d{2}(?::\d{2})?(?!\d)",  # clock times
    r"\d{1,2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b)",
)
# words that, with or without a colon, label an identifier (邮编：315000, Tel. 555…)
ID_BEFORE = (
    "邮编", "邮政编码", "电话", "热线", "手机", "传真", "身份证号", "Postcode", "postcode", "ZIP", "Tel",
    "Tel.", "Phone", "phone",
)
# Dates and years, Chinese and English.
DATE_AFTER = (
    r"\d{4}\s*(?:[-/.]\s*\d{4}\s*)?年",  # 2024年度, 2015年, 2023-2024年
    r"\d{1,2}\s*月", r"\d{1,2}\s*[日号](?!元)", r"\d{1,2}\s*时", r"\d{1,2}\s*点(?!\d)",
    r"\d{1,2}\s*分(?!钟|之)",
    r"\d+\s*级",
    r"[零〇○一二三四五六七八九]{4}年",
    r"[一二三四五六七八九十]{1,3}月",
    # 2025-07, 2025/7/3; a dotted date needs its day (1896.4亿元 is a figure: stats-table)
    r"(?:19|20)\d{2}[-/]\d{1,2}(?:[-/]\d{1,2})?(?!\d)", r"(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}(?!\d)",
    r"\d{1,2}/\d{1,2}/\d{2,4}(?!\d)",
    # month and day ranges: 1至5月, 1-4月, 3~5日 (stats-table)
    r"\d{1,2}\s*(?:至|到|[-–—~～])\s*\d{1,2}\s*[月日号]",
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b",
    r"(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2}\b",
    r"(?:19|20)\d{2}(?=\s*[,.;)]|\s*$)",
)
# month names and abbreviations: the number after one is a day (June 5, Oct. 18)
DATE_BEFORE = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.",
    "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
)
# Words after which a 4-digit 19xx/20xx number is a year (in 2015, the 2024 season).
YEAR_WORDS = (
    "in", "since", "of", "from", "by", "until", "through", "during", "between", "and", "to",
    "year", "season", "class", "fiscal", "spring", "summer", "autumn", "fall", "winter",
    "early", "late", "mid", "the", "for", "after", "before", "around",
)
# English ordinals and labels.
LABEL_AFTER = (
    r"\d+(?:st|nd|rd|th)\b",
    r"\d+\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+)?(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.|Boulevard|Blvd\.?|Lane|Drive)\b",
)
# words before a number that make it a label (No. 5, Top 10, Route 66, Page 2)
LABEL_BEFORE = (
    "No.", "no.", "No", "Top", "top", "Suite", "Room", "Route", "Highway", "Chapter", "Ward",
    "District", "Unit", "Section", "Article", "Grade", "Level", "Page", "page", "Vol.", "Issue",
)
# characters glued before a number that make it a label (#1, class years: Reyes ’92)
LABEL_MARKS = ("#", "’", "'", "No.")

# --- honourees -------------------------------------------------------------------------
# Chinese award verbs: subject before, award after. Longest first.
ZH_AWARD_VERBS = (
    "被授予", "被命名为", "被评选为", "被评为", "获评为", "获评", "评为", "荣获", "获得", "入选",
    "入围", "荣膺", "当选为", "当选", "上榜", "获",
)
# Verbs whose honourees come after them (授予A“X”称号).
ZH_GRANT_VERBS = ("授予", "命名", "表彰")
# Title words that close an award after 获得/荣获 (获得“全国劳动模范”称号).
ZH_AWARD_TAILS = ("荣誉称号", "称号", "荣誉", "奖章", "金奖", "银奖", "铜奖", "大奖", "奖项", "奖")
# Programme sentences: the programme is the text before these.
ZH_PROGRAMME_MARKERS = (
    "名单揭晓", "名单公布", "名单出炉", "名单发布", "评选结果揭晓", "评选结果公布", "结果揭晓",
    "宣传活动", "评选活动", "推选活动", "表彰大会", "颁奖典礼", "表彰会", "名单",
)
EN_AWARD_VERBS = (
    "were named", "was named", "were awarded", "was awarded", "were honored with",
    "was honored with", "were honoured with", "was honoured with", "were honored as",
    "was honored as", "were honoured as", "was honoured as", "were recognized as",
    "was recognized as", "were recognised as", "was recognised as", "was presented with",
    "were presented with", "won", "received", "took home", "earned",
)
EN_LIST_HEADINGS = (
    "honorees", "honourees", "award recipients", "recipients", "winners", "award winners",
    "other winners", "other honorees", "laureates", "finalists",
)
ZH_LIST_HEADINGS = ("名单", "获奖名单", "表彰名单", "拟表彰名单", "公示名单", "获奖者", "入选名单")
# Table header cells naming the honouree column, and the award column.
NAME_HEADERS = (
    "姓名", "名称", "单位名称", "集体名称", "家庭", "name", "recipient", "honoree", "honouree", "winner",
)
AWARD_HEADERS = ("奖项", "称号", "荣誉", "类别", "award", "category", "honor", "honour", "prize")
PLACE_HEADERS = ("地区", "所在地", "所属地区", "城市", "location", "city", "hometown")
UNIT_HEADERS = ("工作单位", "单位及职务", "单位", "organisation", "organization", "employer")

# Kinds from name endings, checked in order (项目 before 中心: `…服务中心项目` is a project).
ZH_KIND_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("项目", "project"), ("计划", "project"), ("工程", "project"), ("行动", "project"),
    ("社区", "community"), ("村", "community"), ("街道", "community"), ("小区", "community"),
    ("镇", "community"), ("乡", "community"), ("家庭", "other"), ("一家", "other"),
    ("模式", "other"),
    ("大队", "organisation"), ("中心", "organisation"), ("协会", "organisation"),
    ("基金会", "organisation"), ("公司", "organisation"), ("集团", "organisation"),
    ("医院", "organisation"), ("学校", "organisation"), ("大学", "organisation"),
    ("学院", "organisation"), ("中学", "organisation"), ("小学", "organisation"),
    ("委员会", "organisation"), ("服务队", "organisation"), ("志愿队", "organisation"),
    ("团队", "organisation"), ("队", "organisation"), ("组织", "organisation"),
    ("联合会", "organisation"), ("工会", "organisation"), ("支部", "organisation"),
    ("局", "organisation"), ("站", "organisation"), ("所", "organisation"),
    ("馆", "organisation"), ("部", "organisation"), ("厅", "organisation"),
    ("会", "organisation"), ("社", "organisation"), ("院", "organisation"),
    ("银行", "organisation"), ("厂", "organisation"), ("店", "organisation"),
    ("班", "organisation"), ("组", "organisation"), ("室", "organisation"),
    ("科", "organisation"), ("处", "organisation"), ("车间", "organisation"),
)
EN_KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("Project", "project"), ("Program", "project"), ("Programme", "project"),
    ("Initiative", "project"), ("Campaign", "project"),
    ("Village", "community"), ("Neighborhood", "community"), ("Neighbourhood", "community"),
    ("Township", "community"),
    ("Inc", "organisation"), ("Inc.", "organisation"), ("LLC", "organisation"),
    ("Ltd", "organisation"), ("Ltd.", "organisation"), ("Co.", "organisation"),
    ("Corp", "organisation"), ("Corp.", "organisation"), ("Company", "organisation"),
    ("Foundation", "organisation"), ("Bank", "organisation"), ("Association", "organisation"),
    ("Club", "organisation"), ("Society", "organisation"), ("Council", "organisation"),
    ("Center", "organisation"), ("Centre", "organisation"), ("University", "organisation"),
    ("School", "organisation"), ("College", "organisation"), ("Hospital", "organisation"),
    ("Group", "organisation"), ("Network", "organisation"), ("Alliance", "organisation"),
    ("Trust", "organisation"), ("Church", "organisation"), ("Department", "organisation"),
    ("Services", "organisation"), ("Partners", "organisation"), ("Institute", "organisation"),
    ("Agency", "organisation"), ("Coalition", "organisation"), ("Pantry", "organisation"),
    ("Kitchen", "organisation"), ("Shelter", "organisation"), ("Library", "organisation"),
    ("Museum", "organisation"), ("Brewing", "organisation"), ("Bakery", "organisation"),
    ("Technologies", "organisation"), ("Solutions", "organisation"), ("Systems", "organisation"),
    ("Labs", "organisation"), ("Cooperative", "organisation"), ("Co-op", "organisation"),
    ("Team", "organisation"), ("Committee", "organisation"), ("Rescue", "organisation"),
    ("Works", "organisation"), ("Dental", "organisation"), ("Clinic", "organisation"),
    ("Pharmacy", "organisation"), ("Farm", "organisation"), ("Farms", "organisation"),
    ("Market", "organisation"), ("Cafe", "organisation"), ("Restaurant", "organisation"),
    ("Consulting", "organisation"), ("Construction", "organisation"), ("Industries", "organisation"),
    ("Manufacturing", "organisation"), ("Logistics", "organisation"), ("Robotics", "organisation"),
    ("Chapter", "organisation"), ("Orchestra", "organisation"), ("Choir", "organisation"),
    ("Habitat", "organisation"), ("Studio", "organisation"), ("Studios", "organisation"),
)
# Words before a Chinese personal name that say it is a person (志愿者 张三).
ZH_PERSON_TITLES = (
    "志愿者", "同志", "老党员", "党员", "教师", "老师", "医生", "护士", "民警", "村民",
    "居民", "职工", "工人", "农民", "退休教师", "退役军人", "社工", "书记", "主任", "队长",
    "社区医生", "快递小哥", "院长", "校长", "经理", "董事长", "工程师", "技师", "快递员",
    "外卖骑手", "环卫工人", "教授", "副教授", "研究员", "院士", "博士", "专家", "医师", "主任医师",
    "作家", "演员", "运动员", "选手", "职工通讯员", "通讯员", "记者",
)
# Common Chinese surnames (a name of 2-4 Han characters starting with one is a person).
ZH_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关"
    "兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻"
    "祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿"
    "桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
ZH_COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐")
# English words that make a name a person (Dr. Jane Doe, Maria Lopez, a retired teacher).
EN_PERSON_HINTS = (
    "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Rev.", " he ", " she ", " his ", " her ",
    "teacher", "nurse", "volunteer", "student", "doctor", "officer", "resident", "veteran",
)
