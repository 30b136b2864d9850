"""Figure expressions, Chinese and English, each in a sentence: span, value, unit, measure, qualifier."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas import Article
from scraper.facts import extract_facts
from scraper.facts.figures import find_figures

# sentence | text | value | unit ("-" for none) | measure | qualifier [| value_max]
ROWS = """
全市注册志愿者222万余人。|222万余人|2220000|人|count|more_than
注册志愿服务组织1.7万余个，|1.7万余个|17000|个|count|more_than
累计服务总时长9600多万小时。|9600多万小时|96000000|小时|duration|more_than
点击量近50万次，|近50万次|500000|次|count|nearly
合同总金额为1.81亿元。|1.81亿元|181000000|元|money|exact
引导资金878万元，|878万元|8780000|元|money|exact
占常住人口的62.2%，|62.2%|62.2|%|percent|exact
覆盖三分之二以上居民。|三分之二以上|0.6667|-|fraction|at_least
参与率达到百分之六十。|达到百分之六十|60|百分之|percent|exact
共有三十余人参加。|三十余人|30|人|count|more_than
吸引两千多名群众，|两千多名|2000|名|count|more_than
惠及一百二十万人，|一百二十万人|1200000|人|count|exact
累计完成改造822户，|822户|822|户|count|exact
开展相关志愿服务9400余人次，|9400余人次|9400|人次|count|more_than
组建服务团队26支，|26支|26|支|count|exact
开设课堂1220场，|1220场|1220|场|count|exact
连续四年组织活动，|四年|4|年|duration|exact
帮助110多个家庭，|110多个|110|个|count|more_than
解决950名子女托管问题，|950名|950|名|count|exact
择优选拔2位委员，|2位|2|位|count|exact
吸引1600余名司机，|1600余名|1600|名|count|more_than
服务企业5000余家，|5000余家|5000|家|count|more_than
职工10万余名。|10万余名|100000|名|count|more_than
吸引7.2万名职工加入，|7.2万名|72000|名|count|exact
打卡笔记400多万条，|400多万条|4000000|条|count|more_than
刊发文章1500余篇，|1500余篇|1500|篇|count|more_than
举办读书活动100余场，|100余场|100|场|count|more_than
成立18个志愿服务小组，|18个|18|个|count|exact
服务百家基地。|百家|100|家|count|exact
资金1.13万元，|1.13万元|11300|元|money|exact
超过1000人参加，|超过1000人|1000|人|count|more_than
逾500名志愿者，|逾500名|500|名|count|more_than
约300名群众，|约300名|300|名|count|approx
大约2000户居民，|大约2000户|2000|户|count|approx
受益群众100人左右。|100人左右|100|人|count|approx
年满60岁以上，|60岁以上|60|岁|other|at_least
捐款5000元以上，|5000元以上|5000|元|money|at_least
时长1小时以下，|1小时以下|1|小时|duration|at_most
不到200人，|不到200人|200|人|count|less_than
不足50户，|不足50户|50|户|count|less_than
至少30名志愿者，|至少30名|30|名|count|at_least
最多20人，|最多20人|20|人|count|at_most
将近3000人次，|将近3000人次|3000|人次|count|nearly
接近80%，|接近80%|80|%|percent|nearly
达1.2万人次，|达1.2万人次|12000|人次|count|exact
高达95%。|高达95%|95|%|percent|exact
多达60项，|多达60项|60|项|count|exact
服务期为3至5年，|3至5年|3|年|duration|range|5
每天工作8到10小时。|8到10小时|8|小时|duration|range|10
每组10-12人，|10-12人|10|人|count|range|12
为期三至五天，|三至五天|3|天|duration|range|5
面积120平方米，|120平方米|120|平方米|area|exact
占地50亩，|50亩|50|亩|area|exact
辖区面积3.5平方公里，|3.5平方公里|3.5|平方公里|area|exact
林地200公顷，|200公顷|200|公顷|area|exact
捐赠物资3吨，|3吨|3|吨|weight|exact
大米500公斤，|500公斤|500|公斤|weight|exact
蔬菜80千克，|80千克|80|千克|weight|exact
步道全长5公里，|5公里|5|公里|length|exact
跑道400米，|400米|400|米|length|exact
装机容量100万千瓦，|100万千瓦|1000000|千瓦|energy|exact
年发电量2亿千瓦时，|2亿千瓦时|200000000|千瓦时|energy|exact
光伏电站5兆瓦，|5兆瓦|5|兆瓦|energy|exact
增长3倍，|3倍|3|倍|other|exact
提高5个百分点，|5个百分点|5|个百分点|percent|exact
投资300万美元，|300万美元|3000000|美元|money|exact
捐款2万港元，|2万港元|20000|港元|money|exact
奖金1000欧元，|1000欧元|1000|欧元|money|exact
筹得500英镑，|500英镑|500|英镑|money|exact
折合10万日元，|10万日元|100000|日元|money|exact
奖励人民币5000元，|5000元|5000|元|money|exact
共计¥3000，|¥3000|3000|-|money|exact
募集善款120余万元，|120余万元|1200000|元|money|more_than
投入资金2.5亿元，|2.5亿元|250000000|元|money|exact
发放补贴六千元，|六千元|6000|元|money|exact
奖金五万元，|五万元|50000|元|money|exact
培训三百名骨干，|三百名|300|名|count|exact
走访二十户家庭，|二十户|20|户|count|exact
设立十个服务站，|十个|10|个|count|exact
开展十五场活动，|十五场|15|场|count|exact
成立两支队伍，|两支|2|支|count|exact
共有两位老人，|两位|2|位|count|exact
涉及一百多个村，|一百多个|100|个|count|more_than
覆盖五十余所学校，|五十余所|50|所|count|more_than
举办三十多期培训，|三十多期|30|期|count|more_than
历时三个月，|三个月|3|个月|duration|exact
坚持十年，|十年|10|年|duration|exact
服务时长超2000小时，|超2000小时|2000|小时|duration|more_than
每次服务2小时，|2小时|2|小时|duration|exact
已坚持12年，|12年|12|年|duration|exact
用时45分钟，|45分钟|45|分钟|duration|exact
工期180天，|180天|180|天|duration|exact
成立20周年，|20周年|20|周年|duration|exact
约三分之一的居民，|约三分之一|0.3333|-|fraction|approx
五分之四的家庭，|五分之四|0.8|-|fraction|exact
占比百分之三十五，|百分之三十五|35|百分之|percent|exact
增长12.5%，|12.5%|12.5|%|percent|exact
满意度98％，|98％|98|％|percent|exact
共有4360人，|4360人|4360|人|count|exact
累计服务1,200人次，|1,200人次|1200|人次|count|exact
开展活动36场次，|36场次|36|场次|count|exact
捐书3000本，|3000本|3000|本|count|exact
种植樹木500棵，|500棵|500|棵|count|exact
发放物资800份，|800份|800|份|count|exact
出动车辆12辆，|12辆|12|辆|count|exact
建成书屋45间，|45间|45|间|count|exact
改造房屋60栋，|60栋|60|栋|count|exact
收到锦旗18面，|18面|18|面|count|exact
定制36+企业岗位，|36+|36|-|count|at_least
培训课程40课时，|40课时|40|课时|count|exact
More than 1,200 volunteers took part.|More than 1,200|1200|-|count|more_than
She logged more than 1,200 hours at the shelter.|more than 1,200 hours|1200|hours|duration|more_than
The group raised $2.5 million last year.|$2.5 million|2500000|-|money|exact
The prize comes with $10,000 in cash.|$10,000|10000|-|money|exact
It received a $25,000 grant.|$25,000|25000|-|money|exact
Revenue grew 62.2% in the year.|62.2%|62.2|%|percent|exact
Turnout rose 15 percent this spring.|15 percent|15|percent|percent|exact
Costs fell 4.5 per cent overall.|4.5 per cent|4.5|per cent|percent|exact
Two-thirds of residents signed up.|Two-thirds|0.6667|-|fraction|exact
About three-quarters of members voted.|three-quarters|0.75|-|fraction|exact
Nearly 500 families were fed.|Nearly 500|500|-|count|nearly
Almost 300 students attended.|Almost 300|300|-|count|nearly
About 40 people came.|About 40|40|-|count|approx
Around 2,000 meals were served.|Around 2,000|2000|-|count|approx
Approximately 75 trees were planted.|Approximately 75|75|-|count|approx
Roughly 120 homes were repaired.|Roughly 120|120|-|count|approx
Some 3,000 residents benefit.|Some 3,000|3000|-|count|approx
At least 50 shelters opened.|At least 50|50|-|count|at_least
Up to 30 people can join.|Up to 30|30|-|count|at_most
Under 10 percent of applicants win.|Under 10 percent|10|percent|percent|less_than
Fewer than 20 teams entered.|Fewer than 20|20|-|count|less_than
Less than 5% of funds went to overhead.|Less than 5%|5|%|percent|less_than
Over 800 hours were donated.|Over 800 hours|800|hours|duration|more_than
The team has 25 members.|25|25|-|count|exact
It serves 1,500 families.|1,500|1500|-|count|exact
The bank distributed 4.2 million pounds of food.|4.2 million pounds|4200000|pounds|weight|exact
They built 12 homes.|12|12|-|count|exact
Volunteers worked 10 to 12 hours a day.|10 to 12 hours|10|hours|duration|range|12
Groups of 10-12 people met weekly.|10-12|10|-|count|range|12
Between 3 and 5 awards are given.|Between 3 and 5|3|-|count|range|5
The project took 18 months.|18 months|18|months|duration|exact
She has volunteered for 22 years.|22 years|22|years|duration|exact
The shelter spans 5,000 square feet.|5,000 square feet|5000|square feet|area|exact
The farm covers 40 acres.|40 acres|40|acres|area|exact
The park covers 12 hectares.|12 hectares|12|hectares|area|exact
They collected 300 kg of clothes.|300 kg|300|kg|weight|exact
Crews removed 2 tonnes of litter.|2 tonnes|2|tonnes|weight|exact
The trail is 8 miles long.|8 miles|8|miles|length|exact
Runners covered 42 km in total.|42 km|42|km|length|exact
The roof array produces 250 kW at peak.|250 kW|250|kW|energy|exact
The plant generates 3 MW of power.|3 MW|3|MW|energy|exact
Homes saved 1,200 kWh each.|1,200 kWh|1200|kWh|energy|exact
The company pledged $3m to the fund.|$3m|3000000|-|money|exact
The bank lent $1.2bn to small firms.|$1.2bn|1200000000|-|money|exact
The charity spent €40,000 on repairs.|€40,000|40000|-|money|exact
It raised £15,000 for the hospice.|£15,000|15000|-|money|exact
The grant was HK$500,000 in total.|HK$500,000|500000|-|money|exact
Donors gave US$2,000 each.|US$2,000|2000|-|money|exact
The fund holds 300 million yuan.|300 million yuan|300000000|yuan|money|exact
Each winner gets 500 dollars.|500 dollars|500|dollars|money|exact
Tickets cost 20 euros.|20 euros|20|euros|money|exact
A dozen volunteers helped.|A dozen|12|-|count|exact
Twenty-five schools joined.|Twenty-five|25|-|count|exact
Three volunteers were honored.|Three|3|-|count|exact
The program trained fifty mentors.|fifty|50|-|count|exact
It placed two hundred interns.|two hundred|200|-|count|exact
More than 2.5 million meals were served.|More than 2.5 million|2500000|-|count|more_than
The budget is $4.75 million.|$4.75 million|4750000|-|money|exact
Wait times fell by 30 minutes.|30 minutes|30|minutes|duration|exact
Shifts run 4 hours.|4 hours|4|hours|duration|exact
The drive lasted 3 weeks.|3 weeks|3|weeks|duration|exact
The course took 6 days.|6 days|6|days|duration|exact
The bus averaged 45 mph.|45 mph|45|mph|rate|exact
Membership rose 3 percentage points.|3 percentage points|3|percentage points|percent|exact
The center saw 300-plus visitors.|300-plus|300|-|count|at_least
It recruited 200 or more mentors.|200 or more|200|-|count|at_least
The event drew 5,000 or so fans.|5,000 or so|5000|-|count|approx
Upwards of 600 people attended.|Upwards of 600|600|-|count|more_than
Close to 90 percent agreed.|Close to 90 percent|90|percent|percent|nearly
No fewer than 40 firms applied.|No fewer than 40|40|-|count|at_least
At most 15 finalists are chosen.|At most 15|15|-|count|at_most
An estimated 7,000 trees were planted.|An estimated 7,000|7000|-|count|approx
In excess of $1 million was raised.|In excess of $1 million|1000000|-|money|more_than
The scholarship is worth $5,000.|$5,000|5000|-|money|exact
Staff grew to 140 employees.|140|140|-|count|exact
The library lent 98,000 books.|98,000|98000|-|count|exact
The clinic treated 12,500 patients.|12,500|12500|-|count|exact
One-third of the budget went to food.|One-third|0.3333|-|fraction|exact
Half a dozen groups applied.|a dozen|12|-|count|exact
They planted 1,000,000 seedlings.|1,000,000|1000000|-|count|exact
The firm employs 2,300 people.|2,300|2300|-|count|exact
Its reserve holds 0.5 tons of seed.|0.5 tons|0.5|tons|weight|exact
The garden yields 800 lbs of produce.|800 lbs|800|lbs|weight|exact
The new wing adds 1,500 square metres.|1,500 square metres|1500|square metres|area|exact
Vans drove 12,000 kilometres.|12,000 kilometres|12000|kilometres|length|exact
The walk is 10 kilometers.|10 kilometers|10|kilometers|length|exact
The ride covered 100 miles.|100 miles|100|miles|length|exact
Donations doubled to 2,400 a month.|2,400|2400|-|count|exact
Output rose 2 times.|2 times|2|times|other|exact
Forty-two nurses were trained.|Forty-two|42|-|count|exact
Ninety volunteers showed up.|Ninety|90|-|count|exact
"""
TABLE = [row.split("|") for row in ROWS.strip().split("\n")]


@pytest.mark.parametrize("row", TABLE, ids=[row[1] for row in TABLE])
def test_figure_expression(row: list[str]) -> None:
    """The sentence states exactly this figure."""
    sentence, text, value, unit, measure, qualifier, *rest = row
    figures = find_figures(sentence)
    assert len(figures) == 1, figures
    fig = figures[0]
    assert sentence[fig.start : fig.end] == text
    assert (fig.value, fig.unit, fig.measure, fig.qualifier) == (
        Decimal(value), None if unit == "-" else unit, measure, qualifier)
    assert fig.value_max == (Decimal(rest[0]) if rest else None)
    assert (fig.currency is not None) == (measure == "money")


NOT_FIGURES = [
    "2024年度全国志愿服务先进典型", "该社区于2015年成立队伍", "截至2025年5月31日，", "第二届附属医院", "出台全国首部指南",
    "“四个100”先进典型", "依托五一广场举办", "四川省凉山州", "“1+3+N”网格治理体系", "新闻多一点", "重拾生活信心",
    "志愿者队伍", "多元社会投入", "0次浏览", "电话：0574-87654321", "邮编：315000", "身份证号330203198001011234",
    "发布时间：13:57", "一名志愿者前来", "进一步加强", "统一部署", "是其中之一", "万一出现", "千方百计", "三个代表",
    "九江市", "十堰市", "七里河区", "五台山", "荣获一等奖", "《三十六计》", "二〇二四年", "今年5月", "十四五规划",
    "每周一开放", "星期三下午", "正月初一", "获得第3名", "下午三点钟", "手机13812345678",
    "It opened in 2015.", "The gala is on June 5, 2025.", "the 21st annual gala", "ranked No. 1 in the state",
    "the #3 seed", "a Top 10 finalist", "at 123 Main Street", "along Route 66", "during COVID-19 closures",
    "the G20 summit", "a 5G network", "call 555-123-4567 today", "doors open at 7 p.m.", "starts at 10:30",
    "one of the winners", "a volunteer helped", "Page 2 of 5", "12 comments", "the “Top 40 Under 40” list",
    "running Windows 11", "the Class of 2024", "the 2024-25 season", "won 1st place", "took first place",
    "搭载高通骁龙 855 Plus 处理器", "麒麟990 5G芯片", "龙湖集团（00960.HK）", "25日08时至26日08时", "那天13时30分左右",
    "3、回复【社保】查询", "南转北风1、2级", "眼睛里能塞几十张纸片吗", "上半场判若两人", "最近的地铁站", "Dayton, OH 45409",
    "1611 S. Main Street",
]


@pytest.mark.parametrize("text", NOT_FIGURES, ids=NOT_FIGURES)
def test_not_a_figure(text: str) -> None:
    """Dates, ordinals, names, quotations, identifiers and furniture are not figures."""
    assert find_figures(text) == []


def test_table_sizes() -> None:
    """At least 200 figure expressions and 40 non-figures."""
    assert len(TABLE) >= 200 and len(NOT_FIGURES) >= 40


ALPHABET = "0123456789,.%$-– 一二两三十百千万亿余多近约超过以上分之年月日人元个“”《》\n、，。ABCabc and was named Award of the Year more than 万元 million"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=160))
def test_any_text_gives_valid_facts(text: str) -> None:
    """Arbitrary mixes of numerals, hedges, units and names never raise and always validate."""
    facts = extract_facts(text, [], language=None)
    Article(body=text, figures=facts.figures, honourees=facts.honourees)


HOSTILE = {
    "capitalised-run": "Big " * 20000 + "won the Big Award.",
    "and-chain": "Alpha Beta and " * 2000 + "Gamma were named Volunteers of the Year.",
    "digits": "1" * 50000,
    "commas": "1," * 20000 + "000",
    "chinese-numerals": "一二三四五六七八九十百千万亿" * 3000,
    "open-quotes": "“" * 20000 + "100个",
    "coordinated": "、".join(["甲社区"] * 5000) + "被评为“示范社区”。",
    "hyphens": "10-" * 20000,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=list(HOSTILE))
def test_hostile_input_is_fast(text: str) -> None:
    """Pathological bodies finish in well under a second (no catastrophic backtracking)."""
    start = time.process_time()
    extract_facts(text, [], language=None)
    assert time.process_time() - start < 1.0
