"""The redactor on decisions written by hand, by people who did not read the recognizers.

Twenty sets, each by a different hand, with layouts and name pools unlike the generator's:

- ``handwritten`` (30 decisions): full-width table layouts, Japanese and Korean renderings,
  Mongolian names without a dot, officers listed with 警号, foreign phone numbers. Its first run
  found 22 missed names and 7 identifier leaks.
- ``handwritten2`` (40 decisions, ``build.py`` writes it from marked-up texts): run-on
  paragraphs, staff words not in any role list (收派员, 值班员), renderings after a slash,
  Cyrillic names, Hong Kong identity cards, health information, names that are also everyday
  words. Its first run scored 94.1 % name recall with 4 identifier leaks.
- ``handwritten3`` (40 decisions, ``build.py``): mostly traffic, exit-entry, cyber and ID-card
  law; old-style layouts, fields without colons, company parties; mobiles in Chinese numerals,
  an ID number broken across a line, two-digit birth years, Hangul names, nicknames. Its first
  run scored 96.4 % name recall with 10 identifier leaks.
- ``handwritten4`` (40 decisions, ``build.py``): table cells with tabs and bars, one-line
  decisions, names broken by a line, Hong Kong/Macao/Taiwan parties in traditional characters,
  foreign numbers with +country codes, Uyghur names joined with =, Kazakh renderings without a
  dot, disability certificates. Its first run scored 93.0 % name recall with 15 identifier leaks.
  Two remain: a hotel room as a residence after the street number, and a diagnosis written
  "诊断，X为头皮裂伤".
- ``handwritten5`` (40 decisions, ``build.py``): terse county-level decisions, co-offender blocks,
  village groups (康家村四社), tractor plates, engine and e-bike frame numbers, pregnancy as a
  reason not to detain, bystanders described as 未成年人. Its first run scored 91.4 % name
  recall with 10 identifier leaks; names with no cue at all in the facts (对马哈个拳打脚踢)
  remain the weak spot (94.1 %), and a rented room described by its street side (北侧民房二楼).
- ``handwritten6`` (40 decisions, ``build.py``): Heilongjiang, Gansu, Ningxia, Guizhou, Jiangxi,
  Inner Mongolia, Hainan and Tibet, railway, airport, forest and shipping police, decisions by a
  派出所 itself; gambling blocks and a table of bettors with birth dates in cells, a whole decision
  in one paragraph; Tibetan names without surnames (才让东智), Oroqen, Daur, Hezhe and Mongolian
  names, names that are everyday words beside the word (高峰 and 晚高峰); 12306, 闲鱼, 淘宝 shop,
  旺旺 and 微博 UID accounts, a gun licence, injuries listed after a hospital's 诊断，; an earlier
  summary-procedure case in the party's record, and minors who are not the party. Its first run
  scored 94.0 % name recall with 17 identifier leaks and 3 decisions wrongly withheld. One
  difference of policy remains counted as a leak: the set marks an injury as the facts tell it
  (致其头皮挫裂伤) as health data; Gongkai keeps it readable (what the decision punishes) and
  removes only what a diagnosis lists.
- ``handwritten7`` (40 decisions, ``build.py``): nineteen provinces, organisations as parties
  (their names, credit codes and 15-digit registration numbers stay; representatives, staff,
  addresses, phones and 对公账户 go), Hong Kong, Macao and Taiwan parties in traditional
  characters with H/M permits, 台胞证, HK and Macao identity cards and 810000 residence permits,
  Japanese (kanji and katakana), Korean, Thai-script and Pakistani names, names that are words
  (和平 decided by 天津市公安局和平分局, 时间, 文明, 马上飞), rare characters, phone IMEIs and MAC
  addresses, IPs with ports, HK/Macao, embassy and trailer plates, dog licences, a drone's
  registration, vaccines and a cause of death. Its first run scored 88.0 % name recall with 27
  identifier leaks, 97.7 % keep-rate and 2 decisions wrongly withheld (an age in the party's
  earlier case, a party named like the district). Given names alone and single Latin words
  listed without a role (O'Brien、KHAN) remain the weak spot.

- ``handwritten8`` (40 decisions, ``build.py``): Jiangsu, Henan, Shaanxi, Qinghai, Gansu and
  the Xinjiang Production and Construction Corps; metro, port, airport, forest and border police;
  "两卡" fraud cases with bank cards in a table, drug use, prostitution, gambling with eight
  co-offenders in one sentence, drunk driving, Vietnamese, Myanmar, Nepalese, Kazakh, Russian
  and Mongolian nationals; a given name used alone (志勇), nicknames, names padded with spaces in
  table cells, Latin names with Vietnamese diacritics, Tibetan names after a verb, a seaman's
  book, a Vietnamese citizen card, a Kazakh plate, a medical check's finding, an age at the act
  told only in the facts (案发时年仅16周岁). Its first run scored 92.7 % name recall with 7
  identifier leaks, 86.9 % pseudonym consistency and one minor published. Names that are words
  and stand first in a list (组织万里、石磊…) remain; so does a party named like a venue or road
  (常乐茶社, 江山路), which the redactor removes there too (fail closed).

- ``handwritten9`` (40 decisions, ``build.py``): Guangdong, Fujian, Hainan, Yunnan, Guizhou,
  Guangxi, Liangshan, Hunan, Jiangxi, Shanxi, Hebei, Liaoning, Jilin, Heilongjiang and Inner
  Mongolia; long decisions with nine to eleven people in brackets and numbered blocks; Dai, Hani,
  Jingpo, Yi and Mongolian names without surnames, Korean-Chinese names, 区 as a surname, rare
  surnames (麴, 昝, 尉, 邸), names split by stray spaces and line breaks, a mobile and an ID number
  broken across lines, a border resident's pass. Its first run scored 96.8 % name recall with 7
  identifier leaks and one minor published (an ID number broken by a line). The one leak left is a
  treatment told after a diagnosis (已清创缝合五针), which the set counts as health data.

- ``handwritten10`` (40 decisions, ``build.py``): identifiers as clerks type them in twenty
  provinces — wxid_ glued to a label, day-first dates after bilingual labels, personal web
  addresses (a blog, a code repository, a one-person shop), a Telegram bot account, a vehicle
  registration certificate, a security guard's licence, a drone's serial number, 企鹅号, a
  mobile grouped with dots, Mongolian (Cyrillic) and Vietnamese plates, a 黔 plate, shop units
  (B-12号商铺); labels spaced out in tables (现 住 址│), development zones as districts
  (苏州工业园区). Its first
  run scored 99.5 % name recall but 25 identifier leaks and 98.3 % keep-rate. The leak left is a
  Macao address whose 氹仔 the set removes and Gongkai keeps like a district.

- ``handwritten11`` (40 decisions, ``build.py``): Shanxi, Shaanxi, Hunan, Jiangxi, Fujian,
  Sichuan, Chongqing, Guangxi, Hainan, Liaoning, Jilin, Beijing and Tianjin; withholding worded
  many ways (a birth date under a table's 出生日期 column, 年仅十七岁 in the facts, an earlier
  summary-procedure case told over two clauses, a 16-year-old accomplice the party led) and the
  decisions that only look like it; surnames that are function words after kinship words,
  married women's double surnames, names in quoted speech, half-width punctuation throughout
  (争执.庄志明), lists of people with words among them (闫思琪、甘露、葛欣然等人). Its first run
  scored 95.7 % name recall, 90 % withholding accuracy (two minors published, two adults
  withheld) and 86.4 % pseudonym consistency. Left: the surname 同 before 志刚 (同志 is a word),
  a name in a box-drawn table without a 姓名 header, a list joined by half-width commas, 扎西 for
  扎西多吉.

- ``handwritten12`` (40 decisions, ``build.py``): Hebei to Tibet and Heilongjiang, traffic,
  exit-entry, railway, forest and water police; what must stay and is easy to destroy (shops and
  companies named after people: 王记烧烤, 阿梅猪肉档, 洛阳王氏物流有限公司; streets named like
  people: 建国北路), text from PDFs and scanners (page footers, names and addresses broken by a
  line, letter-spaced lines 联 系 电 话 ：1 3 6 …, 〇 and O for zeros), ten organisations as
  parties. Its first run scored 98.9 % name recall, 7 identifier leaks, 99.0 % keep-rate and
  95 % withholding (a minor's birth date 2〇〇9.1〇.〇3 unread; 未适用简易程序 read as summary
  procedure); all mended.

- ``handwritten13`` (40 decisions, ``build.py``): names first — five to nine people per
  decision, people sharing a surname (张伟/张堃, 孙浩/孙浩宇), Korean-Chinese (南, 玄, 朴, 崔),
  Mongolian, Yi, Manchu and Japanese names, compound surnames (司马, 上官, 诸葛, 令狐, 东方),
  rare characters (龑, 堃, 喆), names that are words (高峰, 田野, 和平, 白云, 蓝天, 任务),
  nicknames, renderings with a Latin initial (约翰·A·史密斯), a Latin given name alone
  (撞了Emily); and a party's birth date corrected in the facts, minors described in a victim's
  or a grandson's bracket, a summary procedure applied to another act. Its first run scored
  97.5 % name recall, 89.8 % pseudonym consistency (李强先动手, 高峰按 read as longer names) and
  90 % withholding (one minor published, three adults withheld).

- ``handwritten14`` (40 decisions, ``build.py``): identifiers, addresses and withholding in
  unusual shapes — an ID number and a mobile recited in Chinese numerals with 幺 for one, masked
  card numbers as banks print them (6217 **** **** 5236), IMEIs listed after one 串号, a SIM's
  ICCID, a student number, game role IDs and role names, a QQ group, foreign addresses, a home
  described by its owner (借住在其伙伴…位于…), a minor who is the party's target (以未成年人为
  诈骗对象) or a viewer in a bracket. Its first run scored 98.7 % name recall with 15
  identifier leaks, 98.8 % keep-rate and 97.5 % withholding. Left: the last words of an address
  (…楼顶加层东侧一间), foreign cities inside an address, and a company's 400 hotline, which
  Gongkai removes like any phone (the set keeps it as a service number).

- ``handwritten15`` (40 decisions, ``build.py``): what must stay readable — twenty
  organisations as parties (companies, a private school, a hospital, 个体工商户 with trade names),
  their credit codes, old registration numbers and licence numbers, venues and streets named
  like people (婉婷通讯器材商行, 老邢烩面馆, 国栋路), fines in every spelling — beside their staff
  and customers in hard positions: rare and compound surnames (禚, 操, 但, 者, 杞, 闻人), roles
  inside longer ones (物业主管), people in tables under a role heading (托运人, 寄件人), a
  customer named like the district (高明). Its first run scored 90.3 % name recall with 2
  identifier leaks, 84.7 % pseudonym consistency and 95 % withholding (one minor published: a
  birth date written 其出生日期为…). Left: a customer named 高明 (no role word we hold), names with
  no cue (收当雒小平所持…), the ends of two business addresses.

- ``handwritten16`` (40 decisions, ``build.py``): people in running narrative without cues, as
  southern and coastal clerks write them (Fujian, Guangdong, Guangxi, Hainan, Zhejiang, Jiangsu,
  Shanghai, and Xinjiang, Tibet, Qinghai, Inner Mongolia): names after 叫上, 喊来, 找到, 约了,
  碰见, 带着; Minnan and Cantonese names and their familiar forms (阿聪, 豪仔, 达达), Hong Kong
  parties in traditional characters, long Uyghur names without a dot, nicknames in speech, a
  minor party known only from 尚未年满十八周岁 or from 于…出生 on a birth certificate, a bystander
  minor described by a clause (在附近玩耍的边巴（13岁）). Its first run scored 94.3 % name recall,
  89.3 % pseudonym consistency and 92.5 % withholding (two minors published, one adult
  withheld). Left: nicknames not made from the name (肥仔, 老鬼, 墨墨), given names that are words
  (光辉, 永福, 晓得), names after 的 in a clause (抽烟的林阿土), a cause of death (急性心肌梗死)
  told without a diagnosis, and a bystander minor described by a clause (在附近玩耍的边巴（13
  岁）), withheld for a reviewer: such a clause may describe the party.

- ``handwritten17`` (40 decisions, ``build.py``): traffic, exit-entry and cyber decisions as
  their units write them — traffic-police forms, engine numbers with a dot or a space, a VIN's
  last six characters, a learner's permit number; foreigners of seventeen nationalities with
  Latin names in every order and renderings written without dots (谢尔盖彼得罗维奇伊万诺夫);
  accounts, an IP glued to its label (IP14.153.62.7), a QQ number in brackets after QQ, a
  personal page without its scheme (weibo.com/u/…). Its first run scored 95.8 % name recall with
  8 identifier leaks and 91.8 % pseudonym consistency. Left: renderings of a surname alone
  (伊万诺娃 for the rendered full name), names after 的 in a clause, an address misread at
  二道街南区 as a district.
- ``handwritten18`` (40 decisions, ``build.py``): withholding — 22 withheld and 15 look-alikes:
  birth dates in every shape (生于09年3月, 虚岁十七, an ID split by a line), the 18th birthday a
  day either side of the act, minors who are victims, witnesses, children or pupils, earlier
  cases, statuses; long decisions with six to twelve people. Its first run scored 98.9 % name
  recall and 85 % withholding (two minors published: 生于09年3月, 虚岁十七; four adults withheld:
  被侵害人系未成年人, 该证人系未成年人, a child named after 其子, 结识年仅十四岁的方宇轩).

- ``handwritten19`` (40 decisions, ``build.py``): what must stay readable in the west, north and
  countryside — leagues, banners, prefectures, sumu and gacha, temples, markets and mines whose
  names are made of the characters minority and foreign names use (乌兰察布, 锡林郭勒, 白云鄂博,
  和田), beside people named like them (乌兰, 锡林, 白云, 张骞). Its first run scored 94.2 % name
  recall with 4 identifier leaks, 95.9 % keep-rate and 85 % withholding (six parties named like
  a division withheld by the leak guard). A party's name inside a division's full name from
  the shipped table (乌兰察布市) is now the division, in the text and for the guard.
- ``handwritten20`` (40 decisions, ``build.py``): text as it arrives from case systems, Word
  files and scans — mixed widths, labels with tabs and runs of spaces, two-character names
  padded to three columns (赵　磊), O and l read for 0 and 1 in numbers (l3l-2OO4-8871), page
  footers mid-text, bullet lists, one-line decisions, dates in every format. Its first run
  scored 93.9 % name recall with 12 identifier leaks, 88.0 % pseudonym consistency and 92.5 %
  withholding (three adults withheld).

The fixes that followed each first run were made general; this test keeps them. The thresholds
are the measured figures (rounded down), so any regression fails. Some decisions are still
withheld although they may be published, all failing closed for a reviewer to release: in the
fourth set, a victim described as 未成年人 in brackets after her name; in the second set, a
victim's age read as the party's in a run-on paragraph; in the sixteenth, a bystander minor a
clause describes; in the twentieth, three adults; and a party named like a district but not
written as the district's full name (和平 beside 和平区). Where the party's name stands inside a
division's full name from the shipped table (白云区, 武汉市, 乌兰察布市), the division stays
readable and the leak guard does not count it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from gongkai.evaluation import score_pairs
from gongkai.redaction.engine import Redactor
from gongkai.redaction.record import parse_record

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass(frozen=True)
class Floor:
    name_recall: float
    keep_rate: float
    withhold_accuracy: float
    pseudonym_consistency: float
    identifier_leaks: int = 0


FLOORS = {
    "handwritten": Floor(
        name_recall=0.99, keep_rate=0.995, withhold_accuracy=1.0, pseudonym_consistency=0.97
    ),
    "handwritten2": Floor(
        name_recall=0.985, keep_rate=0.985, withhold_accuracy=0.95, pseudonym_consistency=0.97
    ),
    "handwritten3": Floor(
        name_recall=0.995, keep_rate=0.995, withhold_accuracy=1.0, pseudonym_consistency=0.995
    ),
    "handwritten4": Floor(
        name_recall=0.985, keep_rate=0.99, withhold_accuracy=0.95, pseudonym_consistency=0.98
    ),
    "handwritten5": Floor(
        name_recall=0.98,
        keep_rate=0.99,
        withhold_accuracy=1.0,
        pseudonym_consistency=0.985,
        identifier_leaks=1,
    ),
    "handwritten6": Floor(
        name_recall=0.99,
        keep_rate=0.99,
        withhold_accuracy=1.0,
        pseudonym_consistency=0.97,
        identifier_leaks=1,
    ),
    "handwritten7": Floor(
        name_recall=0.98, keep_rate=0.995, withhold_accuracy=0.975, pseudonym_consistency=0.975
    ),
    "handwritten8": Floor(
        name_recall=0.995, keep_rate=0.99, withhold_accuracy=1.0, pseudonym_consistency=0.985
    ),
    "handwritten9": Floor(
        name_recall=0.985,
        keep_rate=0.99,
        withhold_accuracy=1.0,
        pseudonym_consistency=0.99,
        identifier_leaks=1,
    ),
    "handwritten10": Floor(
        name_recall=0.995,
        keep_rate=0.99,
        withhold_accuracy=1.0,
        pseudonym_consistency=0.99,
        identifier_leaks=1,
    ),
    "handwritten11": Floor(
        name_recall=0.98, keep_rate=0.995, withhold_accuracy=1.0, pseudonym_consistency=0.965
    ),
    "handwritten12": Floor(
        name_recall=0.995, keep_rate=0.995, withhold_accuracy=1.0, pseudonym_consistency=0.99
    ),
    "handwritten14": Floor(
        name_recall=0.995,
        keep_rate=0.985,
        withhold_accuracy=1.0,
        pseudonym_consistency=0.975,
        identifier_leaks=1,
    ),
    "handwritten15": Floor(
        name_recall=0.975,
        keep_rate=0.995,
        withhold_accuracy=1.0,
        pseudonym_consistency=0.96,
        identifier_leaks=2,
    ),
    "handwritten16": Floor(
        name_recall=0.975,
        keep_rate=0.995,
        withhold_accuracy=0.975,
        pseudonym_consistency=0.955,
        identifier_leaks=1,
    ),
    "handwritten17": Floor(
        name_recall=0.96,
        keep_rate=0.995,
        withhold_accuracy=1.0,
        pseudonym_consistency=0.925,
        identifier_leaks=1,
    ),
    "handwritten18": Floor(
        name_recall=0.985,
        keep_rate=0.995,
        withhold_accuracy=1.0,
        pseudonym_consistency=0.98,
        identifier_leaks=1,
    ),
    "handwritten19": Floor(
        name_recall=0.96,
        keep_rate=0.97,
        withhold_accuracy=1.0,
        pseudonym_consistency=0.93,
        identifier_leaks=2,
    ),
    "handwritten20": Floor(
        name_recall=0.98,
        keep_rate=0.995,
        withhold_accuracy=0.925,
        pseudonym_consistency=0.965,
        identifier_leaks=5,
    ),
    "handwritten13": Floor(
        name_recall=0.995, keep_rate=0.995, withhold_accuracy=1.0, pseudonym_consistency=0.955
    ),
}


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request, redactor):
    here = FIXTURES / request.param
    lines = (here / "export.jsonl").read_text("utf-8").splitlines()
    golds = [json.loads(line) for line in (here / "gold.jsonl").read_text("utf-8").splitlines()]
    outputs = [redactor.redact(parse_record(json.loads(line))).to_dict() for line in lines]
    return FLOORS[request.param], score_pairs(list(zip(golds, outputs, strict=True)))


def test_no_identifier_leaks(scored):
    floor, report = scored
    assert report.identifier_leaks <= floor.identifier_leaks, report.format()


def test_name_recall(scored):
    floor, report = scored
    assert report.name_recall >= floor.name_recall, report.format()


def test_keep_rate(scored):
    floor, report = scored
    assert report.keep_rate >= floor.keep_rate, report.format()


def test_pseudonym_consistency(scored):
    floor, report = scored
    assert report.pseudonym_consistency >= floor.pseudonym_consistency, report.format()


def test_withholding(scored):
    floor, report = scored
    assert report.withhold_accuracy >= floor.withhold_accuracy, report.format()
    assert report.wrongly_published == 0, report.format()
