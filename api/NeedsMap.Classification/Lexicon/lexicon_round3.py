#!/usr/bin/env python3
"""Round three (issue #16): terms for the 26 leaves of the hotline-aligned taxonomy, and terms moved from the leaf that
held them before (pensions were social insurance, a minimum-living allowance was community affairs). Written from the
leaf definitions and general knowledge of hotline vocabulary by the same author as the rest (an AI assistant), after
evaluation-v3 was frozen, not from it. Applied once to default-lexicon.json; rerunning changes nothing."""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
MOVES = [  # (from, term, to)
    ("traffic.public_transport", "出租车", "traffic.taxi"), ("traffic.public_transport", "网约车", "traffic.taxi"),
    ("education.after_school", "补课", "education.fees"), ("education.after_school", "培训机构", "education.fees"),
    ("housing.rental", "公租房", "housing.public_housing"), ("housing.rental", "廉租房", "housing.public_housing"),
    ("housing.rental", "保障房", "housing.public_housing"), ("housing.rental", "人才公寓", "housing.public_housing"),
    ("market.consumer_rights", "培训费", "education.fees"),
    ("employment.social_insurance", "养老保险", "employment.pension"), ("employment.social_insurance", "养老金", "employment.pension"),
    ("employment.social_insurance", "退休金", "employment.pension"), ("employment.social_insurance", "退休", "employment.pension"),
    ("employment.social_insurance", "工伤", "employment.labour_relations"), ("employment.social_insurance", "工伤认定", "employment.labour_relations"),
    ("employment.social_insurance", "公积金", "housing.purchase"),
    ("community.activities", "体育", "education.culture_sports"), ("community.facilities", "图书馆", "education.culture_sports"),
    ("community.affairs", "居住证", "security.household_registration"), ("community.affairs", "户口", "security.household_registration"),
    ("community.affairs", "低保", "civil.assistance"), ("community.affairs", "残疾证", "civil.assistance"),
    ("community.affairs", "计生", "health.family_planning"),
    ("other.general", "公积金", None), ("other.general", "驾驶证", "traffic.vehicle_admin"),
    ("other.general", "落户", "security.household_registration"), ("other.general", "不动产", "housing.purchase"),
]
ADD = {
    "traffic.taxi": "出租车 3|网约车 3|的士 2.5|打车 2|拒载 3|不打表 3|绕路 2|黑车 3|打表 2|滴滴 2",
    "traffic.vehicle_admin": "驾驶证 3|驾照 3|行驶证 3|车管所 3|年检 2.5|上牌 1.5|违章 2|罚单 2|扣分 2.5|驾校 3|科目二 3|科目三 3|电子警察 2|抓拍 2|车检 2.5",
    "education.teachers": "教师 2.5|老师工资 3|代课老师 3|代课教师 3|班主任 2|师德 3|体罚 2.5|临聘教师 3|教师编制 3|绩效工资 2",
    "education.fees": "培训机构 3|补课 2.5|补习班 3|学费 2|培训费 2.5|教辅 3|校服费 3|资料费 2.5|退费 1.5|校外培训 3",
    "education.culture_sports": "图书馆 3|体育馆 3|游泳馆 2.5|文化馆 3|博物馆 3|体育场 3|全民健身 3|运动场 2.5|文物 3|古建筑 2.5|篮球场 2|羽毛球 2",
    "health.family_planning": "计生 3|计划生育 3|生育登记 3|独生子女 3|二胎 2.5|二孩 2.5|三孩 2.5|准生证 3|育儿补贴 3|产检 2.5|妇幼 2.5|失独 3|出生医学证明 3",
    "housing.purchase": "交房 3|逾期交房 3|房产证 3|不动产证 3|不动产 2.5|开发商 2|烂尾 3|购房 2.5|公积金 3|网签 3|期房 3|商品房 2.5|二手房过户 3",
    "housing.public_housing": "公租房 3|廉租房 3|保障房 3|人才公寓 3|保障性住房 3|安居房 2.5|经适房 3",
    "security.household_registration": "户口 2.5|落户 3|户籍 2|身份证 2.5|居住证 3|户口迁移 3|护照 3|港澳通行证 3|出入境 3|户口本 3",
    "security.justice": "法院 3|判决 2.5|执行难 3|强制执行 3|法律援助 3|立案 2.5|律师 2|公证 2.5|执法不公 3|开庭 2.5",
    "utilities.heating": "暖气 3|供暖 3|供热 3|取暖费 3|暖气片 3|热力公司 3|地暖 2|采暖 3",
    "utilities.telecom": "宽带 3|光纤 3|手机信号 3|信号差 2.5|基站 3|运营商 2.5|话费 3|断网 3|网络信号 2.5|有线电视 2.5",
    "employment.pension": "养老金 3|退休金 3|养老保险 2.5|退休 2|办退休 3|退休年龄 3|退休工资 3|领取资格认证 3|补缴养老 3",
    "employment.labour_relations": "劳动合同 3|工伤 3|工伤认定 3|辞退 2.5|劳动仲裁 3|经济补偿 2.5|违法解除 3|试用期 2|加班 1.5|年假 2.5",
    "employment.personnel": "人才引进 3|人才补贴 3|职称 3|事业单位招聘 3|公务员考试 3|考编 3|编制 2|人事档案 3|安家费 3|选调生 3",
    "urban.illegal_construction": "违建 3|违章建筑 3|违章搭建 3|私搭乱建 3|加盖 2.5|搭建 2|彩钢房 2.5|扩建 2|阳光房 2|违法建房 3",
    "urban.planning": "规划 2|规划变更 3|规划调整 3|停工 1.5|市政工程 2.5|工程质量 2|选址 2.5|拓宽工程 2.5|复工 2",
    "urban.land_compensation": "拆迁 3|征地 3|征收 2.5|拆迁补偿 3|安置房 3|回迁 3|补偿款 2.5|强拆 3|过渡费 3|棚改 2.5|青苗补偿 3",
    "urban.city_appearance": "招牌 2.5|广告牌 2|户外广告 3|横幅 2.5|门头 2.5|店招 3|亮化 2.5|乱涂乱画 3|乱晾晒 2.5|市容 3",
    "commerce.tourism": "旅游 2.5|景区 3|导游 3|旅行社 3|门票 2|民宿 2.5|强制购物 3|旅行团 3|农家乐 2|游客 2",
    "commerce.business": "企业 1.5|营商环境 3|营业执照 2|出口退税 3|小微企业 3|扶持资金 2.5|招商 2.5|外贸 2|稳岗补贴 3|惠企 3|个体工商户 2.5",
    "commerce.delivery": "快递 2|快递员 2.5|驿站 3|快递驿站 3|网购 2.5|电商平台 3|包裹 2|直播间 2.5|签收 2.5|丢件 3|物流 2",
    "agriculture.farming": "种粮补贴 3|农机 3|农技 3|病虫害 3|化肥 2|农药 2|庄稼 2.5|大棚 2.5|养殖户 2.5|农产品 2.5|耕地地力 3|收粮 3",
    "agriculture.village_affairs": "村务 3|村务公开 3|村干部 2.5|宅基地 2.5|村集体 3|土地确权 3|土地承包 3|村委会选举 3|集体资产 3|分红 2|土地流转 3",
    "civil.assistance": "低保 3|特困 3|临时救助 3|残疾证 3|残疾人补贴 3|护理补贴 2.5|退役军人 3|优待证 3|救助 2|困难家庭 2.5|流浪乞讨 3",
    "civil.registry": "结婚登记 3|婚姻登记 3|结婚证 3|离婚登记 3|殡仪馆 3|殡葬 3|公墓 3|墓地 3|骨灰 3|坟墓 3",
}

path = os.path.join(HERE, "default-lexicon.json")
with open(path, encoding="utf-8") as fh:
    lexicon = json.load(fh)
cats = lexicon["categories"]
for source, term, target in MOVES:
    cats[source] = [t for t in cats[source] if t["term"] != term]
for code, spec in ADD.items():
    terms = cats.setdefault(code, [])
    for item in spec.split("|"):
        term, weight = item.rsplit(" ", 1)
        terms[:] = [t for t in terms if t["term"] != term]
        terms.append({"term": term, "weight": float(weight)})
lexicon["categories"] = dict(sorted(cats.items()))
with open(path, "w", encoding="utf-8") as fh:
    json.dump(lexicon, fh, ensure_ascii=False, indent=1)
    fh.write("\n")
print(sum(len(v) for v in cats.values()), "terms in", len(cats), "categories")
