#!/usr/bin/env python3
"""Moves hand-written texts of the first two rounds to the leaves added in round three (issue #16), by the leaf
definitions in ../README.md: each entry names a text by a unique substring. Run once; rerunning changes nothing.
The old evaluation sets were relabelled the same way, mechanically, without looking at any classifier's answers."""
import csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
MOVES = {
    "training-handwritten.csv": [
        ("校外培训机构偷偷补课", "education.fees"), ("公租房的申请条件能不能放宽", "housing.public_housing"),
        ("人才公寓什么时候能申请", "housing.public_housing"), ("退休手续怎么办，档案丢了", "employment.pension"),
        ("工伤认定太慢了", "employment.labour_relations"), ("被征地农民的养老保险怎么缴", "employment.pension"),
        ("城乡居民养老金能不能提高", "employment.pension"), ("体育馆对外开放的时间太少了", "education.culture_sports"),
        ("村里的文化礼堂平时都锁着", "education.culture_sports"), ("低保的审核太严格了", "civil.assistance"),
        ("残疾补贴什么时候发", "civil.assistance"), ("户口迁移需要什么材料", "security.household_registration"),
        ("独生子女奖励金怎么申请", "health.family_planning"), ("困难家庭的临时救助怎么申请", "civil.assistance"),
        ("想咨询一下公积金提取的条件", "housing.purchase"), ("建议市里多举办一些文化旅游活动", "commerce.tourism"),
        ("不动产登记要多久才能办好", "housing.purchase"), ("想了解一下新出台的购房补贴政策", "housing.purchase"),
        ("出租车拒载，去近的地方不拉", "traffic.taxi"), ("网约车司机绕路多收钱", "traffic.taxi"),
        ("出入境证件在哪里办理", "security.household_registration"),
    ],
    "development.csv": [
        ("校外培训机构还在偷偷给小学生上学科课", "education.fees"), ("公租房申请排了三年了", "housing.public_housing"),
        ("在驾校交了学费，现在约不上车", "traffic.vehicle_admin"), ("去办退休说我有几年的档案对不上", "employment.pension"),
        ("我在工地上摔伤了腰，老板不给申请工伤", "employment.labour_relations"),
        ("灵活就业人员自己交养老保险", "employment.pension"), ("申请低保交了材料两个月了", "civil.assistance"),
        ("残疾证到期了要换证", "civil.assistance"), ("本市的人才引进政策有哪些", "employment.personnel"),
        ("我想咨询一下结婚登记需要哪些材料", "civil.registry"),
    ],
    "evaluation-v2.csv": [
        ("公租房申请了一年多还没有消息", "housing.public_housing"), ("某教育培训机构收了一年的学费", "education.fees"),
        ("我是退役军人，回来以后安置的工作一直没落实", "civil.assistance"), ("我退休了，养老金算下来怎么这么少", "employment.pension"),
        ("老板说没有给我买工伤保险", "employment.labour_relations"), ("图书馆分馆建好了一直没开放", "education.culture_sports"),
        ("我想给我妈办个残疾证", "civil.assistance"), ("低保申请交上去三个月了", "civil.assistance"),
        ("办理准生证需要哪些材料", "health.family_planning"), ("想了解本市人才引进落户政策", "security.household_registration"),
        ("查一下我的公积金贷款审批进度", "housing.purchase"), ("请问驾驶证到期换证在哪里办理", "traffic.vehicle_admin"),
        ("其于2023年在某楼盘购买商品房", "housing.purchase"), ("安置小区交房五年了，房产证到现在还办不下来", "housing.purchase"),
        ("承包的十亩果园因高速公路建设被征用", "urban.land_compensation"),
    ],
    "evaluation.csv": [
        ("我住的人才公寓突然通知要涨价", "housing.public_housing"), ("旅行社安排的一日游", "commerce.tourism"),
        ("我给孩子报了一个英语培训班", "education.fees"), ("农村养老保险每个月才一百多块", "employment.pension"),
        ("我下班路上被车撞了，单位说不算工伤", "employment.labour_relations"), ("想回老家办退休", "employment.pension"),
        ("我的户口本丢了", "security.household_registration"), ("我想申请廉租房", "housing.public_housing"),
        ("低保名单里，有好几户", "civil.assistance"), ("今年的公务员考试什么时候报名", "employment.personnel"),
        ("护照到期了在哪里换", "security.household_registration"),
    ],
}

for name, moves in MOVES.items():
    path = os.path.join(HERE, name)
    with open(path, encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    for needle, code in moves:
        hits = [r for r in rows if needle in r["text"]]
        assert len(hits) == 1, (name, needle, len(hits))
        hits[0]["category"] = code
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{name}: {len(moves)} texts relabelled")
