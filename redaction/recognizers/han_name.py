"""Han person names found through the roles and markers that introduce people in decisions."""

from __future__ import annotations

import re
from itertools import chain, pairwise
from typing import ClassVar

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gongkai.redaction import entities
from gongkai.redaction.names import (
    AMBIGUOUS_SURNAMES,
    HAN,
    NOT_A_NAME_END,
    PREPOSITION_SURNAMES,
    SHOP_NAMED_AFTER,
    TITLES,
    TRANSLITERATION,
    NameContext,
    best_name_ending_at,
    common_words,
    delimited_run_after,
    delimited_run_before,
    is_han,
    is_nickname,
    no_given_name_words,
    segmenter,
    surname_at,
    tibetan_name_end,
)
from gongkai.redaction.recognizers.dotted_name import name_start as rendering_start
from gongkai.redaction.roles import ROLE_ALTERNATION, ROLE_WORD_RE, ROLE_WORDS, role_ends_at
from gongkai.redaction.text import WordsFirstPattern, first_character_alternation

# role word, an optional linking word or colon, then the name
_ROLE_RE = WordsFirstPattern(
    rf"(?:{ROLE_ALTERNATION})"
    # 违法行为人（二）斯强新: a number in a list of parties
    r"(?:[（(][一二三四五六七八九十0-9０-９]{1,2}[）)])?"
    rf"(?P<link>分别为|分别是|为|是|系|叫)?[ \u3000\t]*(?P<colon>[：:])?"
    rf"[ \u3000\t“\"「『]*(?=[{HAN}])",
    ROLE_WORDS,
)
# a name followed by a gender or age marker: 张三（男，…）, 张三，女，…, 张三（35岁）
# (Matched on the marker itself, then the character before it is checked: a lookbehind at
# every position of the text costs more than the whole rest of the recognizer.)
_MARKER_RE = re.compile(
    first_character_alternation(
        (
            "（(",
            r"[ \u3000]*(?:[男女](?:性)?[，,、）) ]"
            r"|[0-9０-９一二三四五六七八九十]{1,3}[岁周]|系|现年|身份证|公民身份|联系电话|电话|手机"
            r"|住|现住|户籍|[汉回藏蒙维彝壮苗满]族|丈夫|妻子|父亲|母亲|儿子|女儿|哥哥|弟弟|姐姐|妹妹"
            r"|收货地址|地址|居民身份证|护照|同楼邻居|邻居|警号|拳打脚踢|另案处理|另案|在逃"
            r"|绰号|外号|化名|别名|小名|网名"
            # 张国强（41272619831202587X）: an ID number, a region and a birth year, in brackets
            r"|[1-9][0-9]{5}(?:19|20)[0-9]{2}[01][0-9]"
            # 韩子豪（2012年4月3日出生）: a birth date
            r"|(?:19|20)[0-9]{2}年[0-9]{1,2}月(?:[0-9]{1,2}日)?(?:出生|生))",
        ),
        ("等", "[0-9一二两三四五六七八九十]*人"),
        # 姜涛、于洪亮、王军、宋美玲另案处理: the last of a list handled in another case
        # (not 卜某已另案处理, 本局依法另行处理: a word between the name and 另)
        ("另", "(?<![已均亦也都并法局予将再另].)(?:案处理|案处罚|行处理)"),
        (
            "二两三四五六七八九十",
            "人(?=[办在于的，,共均一到送来去被将把称系因经同驾骑趁先又再也都即便])",
        ),
        ("，,", r"[ \u3000]*[男女][，,、；;。]"),
        ("，,", r"[ \u3000]*(?:男|女)性[，,]"),
        # 系王大明之子: a kinship possessive after a name
        ("之", "[子女妻夫父母]"),
        # 巴特尔、其其格夫妇, 刘英母子: the last of two relatives named together
        # (not 波岩罕系父子: the name stands before 系)
        ("夫", "(?<![系是为].)[妇妻](?![女子])"),
        ("母父", "(?<![系是为].)[子女](?![女子公])"),
        # a table row: 1	郑小龙	男	1991.03.05, │郭子豪│男│
        ("\t│|┃", r"[ \u3000]*[男女]性?[ \u3000]*[\t│|┃]"),
    )
)
# A person's statement in the list of evidence: 以上事实有张三的陈述和申辩，李四的证言…
_EVIDENCE_RE = re.compile(
    r"的(?=陈述|证言|供述|证词|证人证言|辨认笔录|询问笔录|报案材料|报警记录|指认"
    r"|居民身份证|身份证|手机|银行卡|微信|支付宝|住宅|住处|家中|电动车|轿车|车辆)"
)
# Verbs that also take things as their object (找到洪水中…, 拉着车门): their object must not
# start with an everyday word.
_FETCHING_VERBS = frozenset(
    [
        "叫上",
        "喊来",
        "叫来",
        "找来",
        "找到",
        "约了",
        "约上",
        "带着",
        "碰见",
        "遇见",
        "撞见",
        "认出",
        "跟着",
        "陪着",
        "载着",
        "盯上",
        "拉着",
    ]
)
# Verbs that take a person as their object; weaker than a role word, so the candidate must
# also end at a name boundary.
_PERSON_VERB_RE = re.compile(
    r"(?:伙同|纠集|骗取|发展|拉拢|招募|搭载|冒用|出借给|借给|转借给|出租给|出售给|卖给|交给|转交给|接受|受|容留|"
    r"介绍|雇佣|雇用|殴打|击打|打伤|砸伤|刺伤|捅伤|咬伤|推倒|撞倒|辱骂|威胁|恐吓|猥亵|骚扰|追打|踢打|推搡|围殴|拦截|跟踪|"
    r"盗窃|窃取|损坏|烧毁|诈骗|委托|指使|唆使|邀约|召集|通知|告知了?|查获|抓获|传唤|"
    r"追逐|追赶|拦住|拉住|扶起|送往|告诉|询问|质问|劝阻|"
    # 叫上其表弟…, 喊来林阿土, 找到吴清河, 约了陈志强: whom the party fetched or met
    + "|".join(sorted(_FETCHING_VERBS, key=len, reverse=True))
    + "|"
    r"实际由|所有人为|登记在|查明为|查明系|经查为|查实为|真实身份为|真实身份系|真实姓名为|真实姓名系|真名为|真名叫|"
    r"供|与|同|向|对"
    # 询问时由伍嘉琪担任翻译
    r"|由(?=[\u4e00-\u9fff]{2,4}(?:担任|陪同|代为|负责|租给|借给|交给|卖给|转给))"
    r")了?(?=[\u3400-\u9fff])"  # (殴打了王五)
)
# A name that starts a clause and is followed by what a person does (经询问，刘洋承认…,
# 次日，孙丽丽到派出所投案): the subject of the clause.
_SUBJECT_VERB = (
    "伙同|纠集|承认|供述|供认|交代|报警|投案|到案|主动|明知|驾驶|持刀|持械|携带|殴打|盗窃|辱骂|踢打"
    "|推搡|拒不|拒绝|窜至|来到|前往|进入|逃离|冒用|谎称|自称|声称|趁机|趁|遂|随即|当即"
    "|酒后|醉酒后|饮酒后"  # 2025年5月3日，金成浩酒后驾驶…
    "|持(?=其|他人|本人|伪造|虚假)"
    "|于(?=[0-9０-９一二〇○当同次该])|在(?=[\u4e00-\u9fff]{2,12}(?:内|处|门口|附近|路段))"
    "|因(?=琐事|纠纷|债务|口角)"
)
# Seven or more transliteration characters in a row after a clause mark: a foreign or minority
# name written without its dots (ordinary text holds almost none: 巴基斯坦伊斯兰…).
# (The clause mark first: a pattern that starts with a lookbehind is tried at every position.)
_LONG_RENDERING_RE = re.compile(f"[，,。；;：:\n（(、]([{''.join(sorted(TRANSLITERATION))}]{{7,}})")
# What makes a long run of transliteration characters a place's or a body's name, not a person's
_PLACE_OR_BODY_AFTER = re.compile(
    "自治|市|县|州|省|区|旗|盟|籍|人|国|公司|集团|嘎查|苏木|镇|乡|村|路|街|大街|山|河|湖|湾|港"
)
_SUBJECT_RE = re.compile(rf"[。；;，,：:\n．](?P<name>[{HAN}]{{2,4}}?)(?P<verb>{_SUBJECT_VERB})")
# A Chinese rendering after a Latin name: NGUYEN THI HONG（阮氏红）.
# These patterns start with a character, not a lookbehind: a pattern that starts with a
# character set is scanned for that set, one that starts with a lookbehind is tried at every
# position (several times slower over a whole decision). The lookbehind checks the character
# before the first one: ``[ （(](?<=[A-Za-z].)`` is "a space or bracket after a letter".
_RENDERING_RE = re.compile(
    rf"[ \u3000（(](?<=[A-Za-z].)(?:(?<=[（(])|[ \u3000]*[（(])"
    rf"[ \u3000]*(?:中文译名|中文名|译名|中文姓名)?[：:]?[ \u3000]*"
    rf"(?P<name>[{HAN}][{HAN}·•・‧∙．.\-]{{0,14}}[{HAN}])[）)，,／/]"
)
_NATIONALITY = re.compile("(?:国籍|国人|公民|籍|族)$")
# 护照姓名Nguyễn Thị Thu Hằng，中文译名阮氏秋恒）: a rendering after its label, anywhere.
_RENDERING_LABEL_RE = re.compile(
    rf"(?:中文译名|中文姓名|中文名)[：:为]?[ \u3000]*"
    rf"(?P<name>[{HAN}][{HAN}·•・‧∙．.\-]{{0,14}}[{HAN}])(?=[）)，,／/；;。\n]|$)"
)
# TANAKA ICHIRO／田中一郎: the rendering after a slash, as passport-style forms write it.
_RENDERING_SLASH_RE = re.compile(
    rf"[ \u3000／/](?<=[A-Za-z].)(?:(?<=[／/])|[ \u3000]*[／/])"
    rf"[ \u3000]*(?P<name>[{HAN}][{HAN}·•・]{{0,8}}[{HAN}])"
    rf"(?=[ \u3000，,。；;（(\n]|$)"
)
# …and a Chinese name before its Latin form: 郑海寅（JUNG HAE IN）.
_LATIN_IN_PARENS_RE = re.compile(rf"[（(](?<=[{HAN}].)[ \u3000]*[A-Z][A-Za-z'’\-]+[ \u3000][A-Z]")
# A nickname is a name too: 绰号“强哥”（又称“阿强”）; propagation then finds its other mentions.
_NICKNAME_RE = re.compile(
    "(?P<label>绰号|外号|诨号|别名|小名|乳名|又称|人称|自称|化名)(?:为|是|叫)?[：:]?[ \u3000]?"
    '[“"「『](?P<name>[^”"」』\n，。,]{1,8})[”"」』]'
    # 寄件人仅登记为“阿峰”, 对方署名“小雯”: a familiar form where a name is asked for
    "|(?P<register>登记为|登记的是|署名为?|名叫|叫作|备注为)[：:]?[ \u3000]?"
    '[“"「『](?P<familiar>[阿小老][\u4e00-\u9fff])[”"」』]'
)
# 上线“小黑”（真实姓名黄志斌）: a quoted name that the decision says stands for a real one.
_ALIAS_BEFORE_REAL_NAME_RE = re.compile(
    '[“"「『](?P<name>[^”"」』\n，。,]{1,8})[”"」』][（(]?(?:真实姓名|真名|实名|本名)'
)
# 出租车司机王师傅（王德明）: a person addressed by surname and title, then named in full.
_TITLE_THEN_NAME_RE = re.compile(
    f"(?:{'|'.join(sorted(TITLES, key=len, reverse=True))})[（(](?P<name>[{HAN}]{{2,3}})[）)]"
)
# Any staff word ending in 员 (收派员纪鹏, 值班员李娜): the role list cannot hold them all.
_STAFF_RE = re.compile(rf"员(?<=[{HAN}]员)(?P<colon>[：:])?[ \u3000]*(?=[{HAN}])")


def _after_overlapping_role(
    ctx: NameContext, role_start: int, name_start: int, recognizer: HanNameRecognizer
) -> tuple[int, int | None]:
    """A longer role word starting inside the one matched and ending after it, then a name."""
    text = ctx.text
    for k in range(role_start + 1, name_start):
        longer = ROLE_WORD_RE.match(text, k)
        if longer is None or longer.end() <= name_start:
            continue
        end = recognizer._name_after_role(ctx, longer.end(), False)
        if end is not None:
            return longer.end(), end
    return name_start, None


# An organisation's word closing what stands before a marker (物流有限公司（联系电话…).
_ORG_END = re.compile("(?:公司|集团|中心|学校|医院|银行|政府|法院|协会|酒店|宾馆|网吧|商店|超市)$")
# The Latin text before a Chinese rendering must read as a name: TANAKA ICHIRO, Ivan Petrov,
# SMITH — not an acronym (KTV（怀特店）) nor the end of an address or a number (…1a2f（…）).
# (after a list's number too: 3.MAUNG THET（貌岱）)
_LATIN_RUN_BEFORE = re.compile(
    r"(?:(?<=[0-9][.．、])|(?<![0-9A-Za-z:.@_/\-]))[A-Za-z][A-Za-z'’.\- ]*$"
)


def _latin_name_before(text: str, pos: int) -> bool:
    run = _LATIN_RUN_BEFORE.search(text, max(0, pos - 60), pos)
    if run is None:
        return False
    words = run.group(0).split()
    return len(words) >= 2 or (len(words) == 1 and not (words[0].isupper() and len(words[0]) <= 4))


_LIST_SEPARATOR_RE = re.compile(
    r"(?:（[^）\n]{0,60}）|\([^)\n]{0,60}\))?[、和及与跟][ \u3000]*"
    # 办案民警 陈立军　那日松: spaces between names, when the rest of the line is names alone
    rf"|[ \u3000]{{1,3}}(?=[{HAN}·]{{2,8}}(?:[ \u3000]{{1,3}}[{HAN}·]{{2,8}})*[ \u3000]*(?:\n|$))"
)
# An organisation named in a list of people (负责人曹俊峰、郑州博学少儿教育有限公司员工潘静):
# the list item is not a name when an organisation word closes it within a few characters.
_ORG_AHEAD = re.compile(
    # (not across a preposition: 余浩在光山县飞越网吧 is a name, then where he was)
    rf"(?:(?![在于到从向对把将被给])[{HAN}]){{0,12}}?(?:公司|集团|中心|学校|大学|学院|医院|银行|派出所|公安局|分局|政府|法院"
    rf"|委员会|协会|酒店|宾馆|网吧|工作室|合作社|研究所|事务所)"
)
_PLACE_SUFFIX = frozenset("市省县区镇乡村路街州")
_LIST_ITEM = re.compile(rf"[{HAN}]+?(?=[、和与及，,。；;（(\n]|$)")
_NEXT_ITEM = re.compile(rf"[、和及与][ \u3000]*([{HAN}]{{2,3}})")
_PLACE_TAGS = ("ns", "s", "f")


def _places_follow(text: str, start: int, end: int) -> bool:
    """郑州、开封两地: a place name in a list that goes on with places is a place."""
    if not common_words().get(text[start:end], "").startswith(_PLACE_TAGS):
        return False
    if text.startswith(("两地", "等地", "三地", "等城市"), end):
        return True
    nxt = _NEXT_ITEM.match(text, end)
    return bool(nxt) and any(segmenter().freq(nxt.group(1)[:n]) >= 100 for n in (3, 2))


_ORG_OR_PLACE_RUN = re.compile(
    rf"[{HAN}]*(?:公司|集团|中心|学校|医院|银行|所|局|队|政府|法院|会|店|馆|厂|省|市|县|区|镇|乡|村|户)$"
)
# An organisation's name, a place in brackets allowed inside (华航海运（连云港）有限公司).
# (not across a preposition or verb: 证人孙丽娟在洛阳市某某科技有限公司上班 is a name)
_ORG_CHAR = rf"(?:(?![在于到从向对把将被给系称的与及其是为])[{HAN}])"
_ORGANISATION_AHEAD = re.compile(
    rf"{_ORG_CHAR}{{2,12}}?(?:[（(]{_ORG_CHAR}{{2,8}}[）)]{_ORG_CHAR}{{0,6}}?)?"
    "(?:有限责任公司|股份有限公司|有限公司|集团|公司|合作社|经营部|门市部|商行)"
)
_LABEL_STOP = re.compile(rf"[{HAN}]{{2,7}}(?=[，,。；;、（(）)\n\r \u3000”\"」』]|$)")
# What follows a role word when no name does: the person's statement, signature, belongings…
# (only words starting with a surname character matter; 陈述 would otherwise read as 陈某).
# Role-like words that also name roads (青年路, 工人路, 人民路), and what makes them a road.
_ROAD_NAME_ROLES = frozenset(
    {"青年", "工人", "农民", "学生", "群众", "人民", "市民", "居民", "公民"}
)
_ROAD_WORDS = frozenset("路街巷")
_ON_A_ROAD = ("路段", "路口", "街口", "交叉", "附近", "与")  # (学生路明称: 路 is the surname)
_NOT_A_NAME_AFTER_ROLE = (
    # a unit of the police named after a role-like word (交通警察支队, 治安民警大队)
    "支队",
    "大队",
    "中队",
    "总队",
    "分队",
    "分局",
    "车队",
    "包括",  # 购买人包括邢文博…
    "经查",  # 寄件人经查为汤志远
    "陈述",
    "陈诉",
    "申辩",
    "申请",
    "申诉",
    "签名",
    "签字",
    "手机",
    "手印",
    "展示",
    "公司",
    "车辆",
    "家属",
    "家中",
    "住处",
    "户籍",
    "本人",
    "年龄",
    "身份",
    "于当日",
    "于同日",
    "宿舍",
    "公寓",
    "家长",
    # the boilerplate that follows 被处罚人 / 居民 (被处罚人应自收到…, 如不服本决定…)
    "应自",
    "应当",
    "应于",
    "应在",
    "如不服",
    "如对",
    "如有",
    "如需",
    "居住",
    "须于",
    "须在",
    "管理",
    "信息",
    # what a party owns or where it was, after the role word (被侵害人钱包内, 违法行为人车牌号)
    "银行",
    "钱包",
    "钱款",
    "钱财",
    "车牌",
    "车内",
    "车上",
    "包内",
    "包里",
    "房间",
    "房内",
)
_NOT_A_NAME = frozenset(
    {"无", "不详", "同上", "本人", "未知", "见附件", "暂无", "其本人"}
    # a form's own words in a value (现住址　同户籍地)
    | {"户籍地", "户籍所在地", "户籍地址", "住址", "现住址", "居住地", "暂住地", "住所地"}
)


class HanNameRecognizer(LocalRecognizer):
    """Han names introduced by a role word, followed by a gender/age marker, or listed with them."""

    ENTITY: ClassVar[str] = entities.PERSON
    ROLE_SCORE: ClassVar[float] = 0.85
    MARKER_SCORE: ClassVar[float] = 0.8
    LIST_SCORE: ClassVar[float] = 0.75
    VERB_SCORE: ClassVar[float] = 0.6

    def __init__(self, supported_language: str = "zh") -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            name=type(self).__name__,
            supported_language=supported_language,
            context=list(ROLE_WORDS),
        )

    def load(self) -> None:
        pass

    def analyze(
        self,
        text: str,
        entities: list[str] | None = None,
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        ctx = NameContext(text)
        found: dict[tuple[int, int], RecognizerResult] = {}

        def add(start: int, end: int, score: float, why: str) -> None:
            if (start, end) in found or text[start:end] in _NOT_A_NAME:
                return
            if _ORG_END.search(text, start, end):
                return  # …有限公司的报案材料: an organisation's, not 公司's
            explanation = AnalysisExplanation(
                recognizer=self.name, original_score=score, textual_explanation=why
            )
            found[(start, end)] = RecognizerResult(
                self.ENTITY, start, end, score, analysis_explanation=explanation
            )

        for match in _ROLE_RE.finditer(text):
            start = match.end()
            if _ROLE_RE.match(text, start):
                continue  # 被处罚人家属杨某: the nearer role word introduces the name
            role = match.group(0).rstrip("：: \u3000")
            labelled = bool(match.group("colon"))
            # 同行人员王亮, 其女友李娜, 物业主管牟俊才: the role found first (行人, 其女, 业主)
            # overlaps a longer one that the name follows.
            end = None
            if not labelled:
                start, end = _after_overlapping_role(ctx, match.start(), start, self)
            if end is None:
                end = self._name_after_role(ctx, start, labelled)
            if end is None and match.group("link") and not labelled:
                # 报警人是鸣磊: 是 may be the surname, not a linking verb
                start = match.start("link")
                end = self._name_after_role(ctx, start, labelled)
            if end is not None:
                add(start, end, self.ROLE_SCORE, f"role word '{role}' before the name")

        for match in _NICKNAME_RE.finditer(text):
            if match.group("familiar"):
                if segmenter().freq(match.group("familiar")) >= 20:
                    continue  # 备注为“老婆”, 登记为“小号”: an everyday word
                why = f"familiar name after '{match.group('register')}'"
                add(*match.span("familiar"), self.ROLE_SCORE, why)
                continue
            add(*match.span("name"), self.ROLE_SCORE, f"nickname after '{match.group('label')}'")
            # 外号“大头”的李建军: the person the nickname belongs to
            start = match.end() + 1
            surname_len = surname_at(text, start) if text[match.end() : start] == "的" else 0
            end = ctx.han_name_end(start, surname_len) if surname_len else None
            if end is not None and not ctx.reads_as_word(start, end):
                add(start, end, self.ROLE_SCORE, "the person a nickname belongs to")

        for match in _TITLE_THEN_NAME_RE.finditer(text):
            if match.start() and text[match.start() - 1] == match.group("name")[0]:
                add(*match.span("name"), self.ROLE_SCORE, "full name after surname and title")

        for match in _ALIAS_BEFORE_REAL_NAME_RE.finditer(text):
            add(*match.span("name"), self.ROLE_SCORE, "a nickname before the real name")

        for match in _STAFF_RE.finditer(text):
            start = match.end()
            if _ROLE_RE.match(text, start):
                continue
            end = self._name_after_role(ctx, start, bool(match.group("colon")))
            # any 〇〇员 (收派员, 值班员): weaker than a listed role, so a boundary must follow,
            # or the segmenter reads the three characters as one unknown word (售票员揭秀芳请其…)
            if (
                end is None
                or not (ctx.name_boundary(end) or _one_unknown_word(text, start, end))
                or text[start:end] in common_words()
            ):
                continue
            add(start, end, self.VERB_SCORE, f"after the staff word '{match.group(0)}'")

        for match in _MARKER_RE.finditer(text):
            end = match.start()
            if not end or not is_han(text[end - 1]):
                continue
            start = self._name_before(ctx, end)
            if start is None or _ORG_END.search(text, start, end):
                continue
            # 从林少辉（另案处理）处进货, but not 2名未成年人（另案处理）: a weaker marker
            weak = any(word in match.group(0) for word in ("另案", "另行", "在逃"))
            # 一对年轻夫妇, 单亲母子, 安排二人同住: a word that describes or acts, not a name
            # (黎明二人, 夏天夫妇: a name that is a noun stays one)
            if (match.group(0)[:1] in "夫母父" or match.group(0).endswith("人")) and (
                text[start:end] in no_given_name_words()
                or common_words().get(text[start:end], "n")[:1] in "vdab"
            ):
                continue
            if weak and (
                text[start:end] in common_words() or segmenter().freq(text[start:end]) >= 100
            ):
                continue
            add(start, end, self.MARKER_SCORE, "gender/age marker after the name")

        for match in _EVIDENCE_RE.finditer(text):
            end = match.start()
            if not end or not is_han(text[end - 1]):
                continue
            start = self._name_before(ctx, end)
            if start is not None:
                add(start, end, self.MARKER_SCORE, "a person's statement listed as evidence")

        for match in chain(_RENDERING_RE.finditer(text), _RENDERING_SLASH_RE.finditer(text)):
            if (
                _latin_name_before(text, match.start())
                and not _ORG_OR_PLACE_RUN.match(match.group("name"))
                and not _NATIONALITY.search(match.group("name"))  # Emma BROWN（英国国籍）
                and not _everyday_words(match.group("name"))  # David SMITH（饭店厨师）
            ):
                add(*match.span("name"), self.MARKER_SCORE, "Chinese rendering of a Latin name")
        for match in _RENDERING_LABEL_RE.finditer(text):
            if not _ORG_OR_PLACE_RUN.match(match.group("name")):
                add(*match.span("name"), self.ROLE_SCORE, "Chinese rendering after its label")
        for match in _LATIN_IN_PARENS_RE.finditer(text):
            start = self._name_before(ctx, match.start())
            if start is None:  # 聘用觉梭温（KYAW SOE WIN）: a rendering after a verb
                start = rendering_start(text, match.start())
            run_start = _run_after_role(ctx, match.start())
            if run_start is not None and (start is None or run_start < start):
                start = run_start  # 缅甸籍人员昂山吞（AUNG SAN HTUN）: all between role and form
            if start is not None:
                add(start, match.start(), self.MARKER_SCORE, "Chinese name before its Latin form")

        for match in _PERSON_VERB_RE.finditer(text):
            start = match.end()
            surname_len = surname_at(text, start)
            if surname_len:
                end = ctx.han_name_end(start, surname_len)
            else:
                end = tibetan_name_end(text, start)  # 由多杰才旦担任翻译
            # weaker evidence than a role word: no everyday word (卖给路人, 出售给洛阳、郑州)
            if end is None or text[start:end] in common_words():
                continue
            if match.group(0).rstrip("了") in _FETCHING_VERBS and _word_starts(text, start):
                continue  # 拉着车门不放, 找到洪水中被困的群众, 碰见熊孩子: a thing
            if not (ctx.name_boundary(end) or not is_han(text[end : end + 1] or "。")):
                continue  # 骗取赵娟2800元: a number ends the name as well
            add(start, end, self.VERB_SCORE, f"object of '{match.group(0)}', name boundary after")

        # 民警臧　伟查获, 承办人：邹立军　葛　欣: a two-character name padded to three columns
        if "\u3000" in text or " " in text:
            for start, end in _padded_names(ctx):
                add(start, end, self.VERB_SCORE, "a two-character name padded with a space")

        # 现查明：谢尔盖彼得罗维奇伊万诺夫持商务签证…: a long rendering written without dots
        for match in _LONG_RENDERING_RE.finditer(text):
            start = match.start(1)
            end = ctx.transliterated_run(start)
            head = segmenter().cut_words(text[start:end])[0] if end else ""
            if (
                end is not None
                and end - start >= 6
                and segmenter().freq(head) < 300
                # 克孜勒苏柯尔克孜自治州, 乌兹别克斯坦塔什干市: a place's or a body's name
                and not _PLACE_OR_BODY_AFTER.search(text, end, end + 3)
            ):
                add(start, end, self.VERB_SCORE, "a long run of transliteration characters")

        for match in _SUBJECT_RE.finditer(text):
            start, end = match.span("name")
            surname_len = surname_at(text, start)
            if not surname_len or (surname_len == 1 and text[start] in AMBIGUOUS_SURNAMES):
                continue  # 经宋某报警, 后储某推搡: a linking word, then the name
            if ctx.han_name_end(start, surname_len) != end:
                continue
            if text[start:end] in common_words() or ctx.reads_as_word(start, end):
                continue
            verb = match.group("verb")
            add(start, end, self.VERB_SCORE, f"subject of '{verb}' at a clause start")

        for start, end in names_listed_with(ctx, list(found)):
            add(start, end, self.LIST_SCORE, "listed together with another name")
        return list(found.values())

    @staticmethod
    def _name_after_role(ctx: NameContext, start: int, labelled: bool) -> int | None:
        text = ctx.text
        if labelled:
            # `姓名：扎西多吉，` — after a label, a short run up to punctuation is the name,
            # whether or not its first character is in the surname table.
            run = _LABEL_STOP.match(text, start)
            if run and not _ORG_OR_PLACE_RUN.match(run.group(0)):
                surname_len = surname_at(text, start)
                if surname_len and run.group(0)[surname_len:] in TITLES:
                    return None  # 联系人：刘警官: a surname and a title
                return run.end()
        if _ORGANISATION_AHEAD.match(text, start):
            return None  # 船舶所有人华航海运（连云港）有限公司: an organisation
        if text.startswith(_NOT_A_NAME_AFTER_ROLE, start):
            return None  # 当事人陈述, 违法行为人申辩, 前台展示柜, 被处罚人如不服本决定
        if (
            text[start : start + 1] in _ROAD_WORDS
            and text[start - 2 : start] in _ROAD_NAME_ROLES
            and text.startswith(_ON_A_ROAD, start + 1)
        ):
            return None  # 行驶至青年路路段时: a road named after a role-like word
        surname_len = surname_at(text, start)
        if not surname_len:
            # 同事曲比拉火在…, 卖淫人员次仁德吉的…, 牧民多杰才让以…: names outside the surname
            # table (two Tibetan name elements first)
            return tibetan_name_end(text, start) or delimited_run_after(ctx, start)
        end = ctx.han_name_end(start, surname_len)
        if end is None and text[start] in AMBIGUOUS_SURNAMES:
            # 其丈夫向天明称: 向 is the surname here; 之父方建国到场: so is 方
            end = _speaker_after_role(text, start) or _bounded_name_after_role(ctx, start)
        if end is None or ctx.reads_as_word(start, end):
            # 乘坐人乌云其木格（: a long minority name whose first character is also a surname
            run_end = delimited_run_after(ctx, start)
            if run_end is None or run_end - start < 4:
                return None
            # written wholly in transliteration characters after its first one (not
            # 交通警察支队洛龙大队; 法定代表人贺其格图: a Mongolian name after a surname character)
            return run_end if all(c in TRANSLITERATION for c in text[start + 1 : run_end]) else None
        return end

    @staticmethod
    def _name_before(ctx: NameContext, end: int) -> int | None:
        if role_ends_at(ctx.text, end):
            return None  # 吴思远及其法定代理人的陈述: a role word, not a name
        start = best_name_ending_at(ctx, end)
        run_start = delimited_run_before(ctx, end, ROLE_WORD_RE)
        if run_start is not None and (
            start is None
            or (run_start < start and all(c in TRANSLITERATION for c in ctx.text[run_start:end]))
        ):
            return run_start  # 格桑尼玛的陈述: the whole minority name, not 桑尼玛
        text = ctx.text
        if (
            start is not None
            and start >= 2
            and text[start - 1] == "的"
            and is_han(text[start - 2])
            and role_ends_at(text, start - 2)
        ):
            return start - 2  # 证人俄的阿呷的证言: a Yi name with 的 in it, right after a role
        return start


_SPEECH_AFTER_NAME = frozenset("称说")
_CLAUSE_END = frozenset("。，,；;")
# What a preposition addresses after a role word (其丈夫向民警称, 其妻向对方说): no given name.
_ADDRESSEES = frozenset({"对方", "他人", "别人", "我们", "他们", "大家", "自己", "记者", "群众"})


def _speaker_after_role(text: str, start: int) -> int | None:
    """其丈夫向天明称, 系其同事方建平。: right after a role word, a surname that also reads as a
    preposition, a given name and a verb of speech (or, for a two-character given name, the
    clause's end); not when the preposition addresses someone (向民警称)."""
    if segmenter().cut(text[start : start + 6])[0] != text[start]:
        return None  # 证人后来称: the surname character starts a word
    for end in (start + 3, start + 2):
        given = text[start + 1 : end]
        if (
            (
                text[end : end + 1] in _SPEECH_AFTER_NAME
                or (end == start + 3 and text[end : end + 1] in _CLAUSE_END)
            )
            and all(is_han(c) for c in text[start:end])
            and given not in ROLE_WORDS
            and given not in _ADDRESSEES
            and given[:1] not in "其他她我你该本"
            and segmenter().freq(given) < 1000
        ):
            return end
    return None


_PAD = re.compile("[\u3000 ]")
# Characters of forms and counts that a padded blank stands between (　年　月　日, 第　页)
_FORM_CHARACTERS = frozenset("年月日时分秒号页元第共次人名岁")


def _letter_spaced(text: str, at: int) -> bool:
    """A lone character at ``at`` with a space on both sides."""
    return (
        0 <= at < len(text) - 1
        and is_han(text[at])
        and (at == 0 or text[at - 1] in " \u3000\n\t│|")
        and text[at + 1] in " \u3000"
    )


def _padded_names(ctx: NameContext) -> list[tuple[int, int]]:
    """赵　磊, 王 军: a surname, one space, one more character, standing as an item (after
    punctuation, a space, a list mark or a role word) and closed like a name."""
    text = ctx.text
    found = []
    for pad in _PAD.finditer(text):
        at = pad.start()
        start, end = at - 1, at + 2
        if (
            start < 0
            or end > len(text)
            or not surname_at(text, start)
            or not is_han(text[end - 1])
            or text[start] in _FORM_CHARACTERS
            or text[end - 1] in _FORM_CHARACTERS
            # (向 郑州市, 于 二〇二四年, 经　查: a function word, a numeral, a place)
            or text[start] in AMBIGUOUS_SURNAMES
            or text[start] in PREPOSITION_SURNAMES
            or text[end - 1] in "〇零一二三四五六七八九十"
            or segmenter().freq(text[end - 1 : end + 1]) >= 50
        ):
            continue
        before = text[start - 1 : start]
        if before and is_han(before) and before != "、" and not role_ends_at(text, start):
            continue
        if _letter_spaced(text, start - 2) or _letter_spaced(text, end + 1):
            continue  # 违 法 行 为 人, 武 汉 市: a line typed with a space after every character
        if segmenter().freq(text[start] + text[end - 1]) >= 50:
            continue  # 高 中, 户 籍 地: an everyday word letter-spaced
        after = text[end : end + 1]
        if after and is_han(after) and not (ctx.name_boundary(end) or ctx.word_at(end, 50)):
            continue
        found.append((start, end))
    return found


def _word_starts(text: str, start: int) -> bool:
    """An everyday word of two or more characters starts at ``start`` (车门, 洪水, 熊孩子)."""
    head = segmenter().cut(text[start : start + 6])[0]
    return (len(head) >= 2 and segmenter().freq(head) >= 50) or segmenter().freq(
        text[start : start + 2]
    ) >= 50


def _one_unknown_word(text: str, start: int, end: int) -> bool:
    """The segmenter glues these three characters into one word its dictionary lacks."""
    head = segmenter().cut(text[start : start + 8])[:1]
    return end - start == 3 and head == (text[start:end],) and segmenter().freq(head[0]) == 0


def _everyday_words(run: str) -> bool:
    """饭店厨师, 公司员工: frequent dictionary words only, not all of them sounds (约翰史密斯)."""
    words = segmenter().cut_words(run)
    return all(len(w) >= 2 and segmenter().freq(w) >= 200 for w in words) and not all(
        ch in TRANSLITERATION for ch in run
    )


def _bounded_name_after_role(ctx: NameContext, start: int) -> int | None:
    """方正之父方建国。, 其妻明秀丽的陈述: right after a role word, a surname that also reads as
    an everyday character (not a preposition: 将王某带回), a given name that is no verb, adverb
    or pronoun, closed by a name boundary; not an everyday word as a whole (民警明确告知)."""
    text = ctx.text
    if (
        text[start] in PREPOSITION_SURNAMES
        or segmenter().cut(text[start : start + 6])[0] != text[start]
    ):
        return None  # (民警将王某带回; 证人后来称: the surname character starts a word)
    for end in (start + 3, start + 2):
        name, given = text[start:end], text[start + 1 : end]
        if (
            all(is_han(c) for c in name)
            and given[0] not in NOT_A_NAME_END
            and given[0] not in "其他她我你该本某"
            and given not in ROLE_WORDS
            and given not in no_given_name_words()  # 民警后大喊
            and segmenter().freq(name) < 20
            and ctx.name_boundary(end)
            and text[end : end + 1] not in _SPEECH_OPENS
        ):
            return end
    return None


_SPEECH_OPENS = frozenset('“"「『：:')


def _run_after_role(ctx: NameContext, end: int) -> int | None:
    """其友人佐藤美咲（SATO MISAKI）: two to four characters between a role word and ``end``,
    for a name the surname table does not know (a Japanese one) before its Latin form."""
    text = ctx.text
    for length in (2, 3, 4):
        start = end - length
        if start > 0 and all(is_han(c) for c in text[start:end]) and role_ends_at(text, start):
            return start
    return None


def names_listed_with(ctx: NameContext, seeds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """张三、李四和王五: names listed after a found name are names too (transitively), and
    the name listed right before one (陈志刚、赵敏二人).

    Public because the engine also extends lists from names other recognizers found
    (帕提古丽·吐尔逊、龙云云、向彤).
    """
    text = ctx.text
    known = set(seeds)
    listed: list[tuple[int, int]] = []
    frontier = sorted(seeds)
    seen_ends: set[int] = set()
    seen_starts: set[int] = set()
    while frontier:
        seed_start, end = frontier.pop()
        if seed_start not in seen_starts:
            seen_starts.add(seed_start)
            before = _listed_name_before(ctx, seed_start)
            if before is not None and before not in known:
                known.add(before)
                listed.append(before)
                frontier.append(before)
        if end in seen_ends:
            continue
        seen_ends.add(end)
        sep = _LIST_SEPARATOR_RE.match(text, end)
        if not sep:
            continue
        start = sep.end()
        if _ROLE_RE.match(text, start) or _ROLE_RE.match(text, start + 1):
            continue  # 崔某及其监护人…: a role word, not a listed name
        name_end = _listed_name_end(ctx, start)
        if name_end is not None and (start, name_end) not in known:
            known.add((start, name_end))
            listed.append((start, name_end))
            frontier.append((start, name_end))
    listed += [span for span in _between_names(ctx, sorted(known)) if span not in known]
    return listed


def _between_names(ctx: NameContext, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """覃国强,农海峰,黄秋燕: a name-like item between two names, set off by the same comma."""
    text = ctx.text
    found = []
    for (_, left_end), (right_start, _) in pairwise(names):
        if not 4 <= right_start - left_end <= 6 or text[left_end] not in "，,":
            continue
        start, end = left_end + 1, right_start - 1
        if (
            text[end] == text[left_end]
            and all(is_han(c) for c in text[start:end])
            and surname_at(text, start)
            and _unknown_list_item(text, start, end)
            and not ctx.reads_as_word(start, end)
        ):
            found.append((start, end))
    return found


_SEPARATOR_BEFORE_RE = re.compile("[、和及与跟][ \u3000]*$")
_BEFORE_A_LISTED_NAME = frozenset("、和及与跟 \u3000")
# What stands before the first name of a list: a clause mark, a bracket, a quote, a space or a
# preposition (为吴永刚、侯晓燕二人办理入住).
_ITEM_BOUNDARY = frozenset('、，,。；;：:\n（(“" \u3000为向对给替帮让叫被将把由同跟')


def _listed_name_before(ctx: NameContext, seed_start: int) -> tuple[int, int] | None:
    """陈志刚、赵敏二人: the name listed right before a found one, when the list starts there."""
    text = ctx.text
    if text[seed_start - 1 : seed_start] not in _BEFORE_A_LISTED_NAME:
        return None  # most found names follow no separator: no regex needed
    sep = _SEPARATOR_BEFORE_RE.search(text, max(0, seed_start - 4), seed_start)
    if sep is None:
        return None
    end = sep.start()
    if end == 0 or not is_han(text[end - 1]) or text[end - 1] in NOT_A_NAME_END:
        return None  # 逯平安已与阚建国: 已 ends no name
    start = best_name_ending_at(ctx, end)
    if start is None:
        run_start = delimited_run_before(ctx, end, ROLE_WORD_RE)
        if run_start is not None and all(c in TRANSLITERATION for c in text[run_start:end]):
            start = run_start  # 乌兰、娜仁花: minority names listed without a surname
        else:
            item_start = text.rfind("、", max(0, end - 4), end) + 1
            if (
                not item_start
                or text[end] != "、"  # (not 辅警苏和巴特尔: 和 may be inside a name)
                or _ROLE_RE.match(text, item_start)
                or not _unknown_list_item(text, item_start, end)
            ):
                return None
            start = item_start  # 石磊、同伟、路长青: between two names, a surname we lack
    people = text[end] == "、" and _PEOPLE_LIST_TAIL.match(text, end) is not None
    after_de = people and start > 0 and text[start - 1] == "的"  # 浴室内的闫思琪、甘露、葛欣然等人
    if not (
        start == 0 or text[start - 1] in _ITEM_BOUNDARY or role_ends_at(text, start) or after_de
    ):
        return None  # 该公司与李强: the list does not start at a name
    candidate = text[start:end]
    if text[end - 1] in _PLACE_SUFFIX:
        return None
    if role_ends_at(text, end):
        return None  # 车主、李明等人: a role word listed before a name
    if people and not after_de and surname_at(text, start):
        return start, end  # 闫思琪、甘露、葛欣然的陈述: a word too, but listed among people
    if ctx.reads_as_word(start, end) or candidate in common_words():
        return None
    if segmenter().freq(candidate) >= 300:
        return None  # 当事人陈述、杜娟陈述: a frequent word (jieba even tags 陈述 as a name)
    return start, end


# The rest of a list that names people only (…、葛欣然等人, …、葛欣然的陈述, …、葛欣然三人).
_PEOPLE_LIST_TAIL = re.compile(
    f"(?:、[{HAN}]{{2,4}}?)+?(?:等人|等[0-9一二两三四五六七八九十]+人|[二两三四五六七八九十]人"
    "|的陈述|的证言|的询问笔录)"
)


_LIST_ITEM_END = re.compile("[、等]")


def _unknown_list_item(text: str, start: int, end: int) -> bool:
    """Two or three Han characters listed among names that are no everyday word."""
    item = text[start:end]
    return (
        2 <= len(item) <= 3
        and all(is_han(c) for c in item)
        and "某" not in item
        and item not in common_words()
        and segmenter().freq(item) < 100
    )


def _listed_name_end(ctx: NameContext, start: int) -> int | None:
    text = ctx.text
    surname_len = surname_at(text, start)
    if not surname_len:
        # 乌兰、娜仁花、萨仁: minority names listed without a surname
        run_end = delimited_run_after(ctx, start)
        if run_end is not None:
            return run_end
        # 石磊、同伟、路长青: a name whose surname the table lacks, closed by the list
        item = _LIST_ITEM_END.search(text, start, start + 4)
        return item.start() if item and _unknown_list_item(text, start, item.start()) else None
    name_end = ctx.han_name_end(start, surname_len)
    if name_end is None:
        return None
    # A proper noun listed after a person is a person (孙立伟、于洋出具…); lists of places
    # are caught below.
    if ctx.reads_as_word(start, name_end) and not common_words().get(
        text[start:name_end], ""
    ).startswith(("ns", "nr", "nz")):
        return None
    item = _LIST_ITEM.match(text, start)
    if item and _ORG_AHEAD.match(item.group(0)):
        return None  # …、郑州博学少儿教育有限公司员工潘某: an organisation, not a name
    if text[name_end : name_end + 1] in _PLACE_SUFFIX or _places_follow(text, start, name_end):
        return None
    if is_nickname(text[start:name_end]) and SHOP_NAMED_AFTER.match(text, name_end):
        return None  # 老陈鱼档摊主陈国栋、阿梅猪肉档摊主温美玲: a venue, then a person
    return name_end
