"""Chinese person-name lexicon and boundary rules shared by the name recognizers.

Chinese writes no spaces, so the hard part of finding a name is deciding where it *ends*:
``孙海涛酒后`` is 孙海涛, ``王浩随即`` is 王浩, ``王志强行政拘留`` is 王志强. Three signals are
combined, strongest first:

1. recurrence in the same decision: a name is repeated with different characters after it,
   while the character after a too-short cut stays the same;
2. jieba's segmentation of a short window (its dictionary ships with the package);
3. function characters that do not end a given name (的, 了, 在 …).
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from math import log
from pathlib import Path

import jieba

from gongkai.redaction.gazetteer import division_name_at
from gongkai.redaction.roles import role_ends_at
from gongkai.redaction.text import WordsFirstPattern

HAN = "\u3400-\u9fff"
HAN_CLASS = f"[{HAN}]"

# Characters that can stand between a role word and a name, or around list items.
NAME_DOTS = "·•・‧∙.．-－=＝"

# Characters that do not start a given name (first given character).
_NOT_FIRST_GIVEN = set("的了在是被把对将说称并等某系之其与及或内")  # 车内, 包内: places
# Characters that rarely end a three-character name when a word follows: used only as the
# last tie-breaker, after recurrence and segmentation.
WEAK_AFTER_A_NAME = frozenset(
    "的了在与和及等是被把对将从说称并即因系向于为到就也又都均还已曾仍所以共随至"
)
# Characters that never end a name at all.
_NEVER_IN_NAME = set("的了是被把说称并等某县省员者们")  # 会宁县人, 成员, 学员: no names
# Surnames that are also everyday characters (依法, 其他, 代为, 家属, 支队, 应当 …). After one of
# these, a candidate that jieba reads as a dictionary word is that word, not a name. Surnames
# such as 白/田/高 are *not* here: 白雪, 田野 and 高山 after a role word are names.
AMBIGUOUS_SURNAMES = frozenset(
    "依其代家支居应宣于从将同为由经过来才要改保底寻户能那都有门全公国明安平海水花云东西南北"
    "上中和向时成方文信原福第双通别终暨法伯益养须相查后红游利越师言商年爱阳官种战线敬母台斗"
    "锁玉奉虎税降剧衣初修么撒买艾努吐热古帕阿达扎格次旦尼央拉洛乌充连是楼操但者"
)
# Characters that close a place name: a "name" followed by one is a place (沈阳市, 高山镇).
PLACE_SUFFIXES = frozenset("市省县区州镇乡村")
_DIRECTIONS = frozenset("东西南北中")
_ROADS = frozenset("路街巷道门环")
# Characters that never end a name of three characters when they stand third: 张三于…
_NUMERALS = set("一二两三四五六七八九十")
_MEASURES = set("人名个位次辆台部张天日")
_STOP_THIRD = set("于系未在的了被把将称说并等与和及因已曾均都也又即就才所向对从到以为持另处叫经")
# …except these, which end a name when a strict boundary follows them (孙德才的银行卡).
_STOP_THIRD_IN_NAMES = frozenset("才")
#: The same, for other modules: a character that does not end a name (张三已与…).
NOT_A_NAME_END = frozenset(_STOP_THIRD)
# What may follow a name that is also an everyday word: 证人高山称…, 被侵害人方圆的陈述.
_NAME_BOUNDARY_STRICT = set("的称说、（(等系之证陈")
_NAME_BOUNDARY_LOOSE = set("与和及均都也被向对将把在于因从经已曾未至并")
# Words that often follow a person's name in decisions.
_BODY_PARTS_TEXT = (
    "头部 面部 脸部 头面 颈部 胸部 背部 腹部 腰部 腿部 手部 眼部 嘴部 肩部 臀部 鼻子 耳朵"
    " 左手 右手 左脸 右脸 左眼 右眼 左腿 右腿 左臂 右臂 后背 脸上 头上 身上"
    " 左耳 右耳 左膝 右膝 左肩 右肩 左脚 右脚 左胸 右胸 左额 右额 额头 左前 右前"
)
_TITLES_TEXT = (
    "所长 局长 警官 队长 科长 处长 部长 校长 院长 站长 厂长 村长 组长 主任 书记 经理 老板 师傅"
    " 老师 医生 大夫 律师 会计 总经理 董事长 阿姨 大爷 大妈 大姐 大哥 老板娘"
)
_AFTER_NAME = frozenset(
    {"驾驶", "使用", "持有", "报警", "行驶", "发生", "办理", "入住", "委托", "居住", "进行", "等人"}
    | {"担任", "陪同", "代为", "所为", "名下"}
    | {"窜至", "停放", "另案", "另行", "随即", "当场", "独自", "一同", "一起", "共同", "发现"}
    | {"拳打", "殴打", "推搡", "辱骂", "实施", "出具", "出警"}
    | {"拦停", "拦下", "拦截", "拦住", "拦获"}
    # what the act caused or how the person travelled: 推搡何东致其摔倒, 伙同崔东旭骑电动车
    | {"致其", "致使", "骑电", "骑摩", "骑自", "骑着", "骑乘"}
    # 与邢丽君争执: the quarrel after the other party's name
    | {"争执", "争吵", "口角", "吵架", "打架", "纠纷"}
    | {"租给", "借给", "交给", "卖给", "转给"}  # 由王添丁租给施振和
    | {"酒后", "醉酒", "饮酒"}  # 男友史达酒后在家
    | {"交往", "恋爱", "同居"}  # 与何泳仪交往
    | {"之女", "之子", "之妻", "之夫", "之母", "之父", "之兄", "之弟", "之姐", "之妹"}
    # a body part: 殴打钟嘉豪面部数拳, 踢打李某腿部
    | set(_BODY_PARTS_TEXT.split())
)
# Words whose first character would end a three-character name but starts what follows it
# (邓平持该证, 杨胜用拳头, 杨淼处罚款, 陈利提出, 庞东查获): only where a name's end is decided, not
# as evidence that a longer form is a name.
_STARTS_WHAT_FOLLOWS = frozenset(
    {"持该", "持其", "持本", "用拳", "用手", "用刀", "用脚", "另在", "处罚", "处以", "叫我", "叫他"}
    | {"提出", "提供", "查获", "抓获"}
)
# A surname and a title is how a person is addressed, not a name (张所长, 王警官).
TITLES = frozenset(_TITLES_TEXT.split())


@cache
def common_words() -> dict[str, str]:
    """Everyday words that start with a surname character, with their jieba tag."""
    table = resources.files("gongkai.redaction.data").joinpath("common_words.tsv")
    words: dict[str, str] = {}
    for line in table.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            word, tag = line.split("\t")
            words[word] = tag
    return words


@cache
def no_given_name_words() -> frozenset[str]:
    """Two-character words jieba tags as verbs, adverbs, pronouns, numerals and the like (大喊,
    到达, 随即): no given name (see scripts/build_common_words.py)."""
    table = resources.files("gongkai.redaction.data").joinpath("no_given_name_words.txt")
    lines = table.read_text("utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


# Role-like words after a function character (民警和辅警…)
_ROLE_LIKE = frozenset({"辅警", "民警", "协警", "警官", "群众", "家属", "同事"})
# A venue named after a person (“志鹏台球室”, 立新加工场): the name in it stays. Unquoted, the
# words between the name and the venue's word must be part of the venue's name (no verb or
# preposition: not 志强随后去了诊所).
_IN_A_VENUE_NAME = (
    "(?:(?![在的到于向从对把将被给和与及是了为作停坐住去来吃买进出回离走开随])[\u3400-\u9fff])"
)
VENUE_NAMED_AFTER = re.compile(
    '[\u3400-\u9fff]{0,6}?(?:店|馆|室|厅|吧|行|铺|场|部|厂|院|所|社|中心|超市|公司|会所)[”"」』]'
    f"|{_IN_A_VENUE_NAME}{{0,3}}?(?:加工场|加工厂|养殖场|农场|商场|市场|商行|商店|饭店|酒店|宾馆"
    "|旅馆|茶社|餐馆|网吧|浴室|超市|会所|门市部|批发部|经营部|工作室|有限公司|公司"
    "|餐吧|酒吧|清吧|茶馆|茶楼|客栈|餐厅|酒楼|饭馆|民宿|旅社|诊所|药店|药房|发廊)"
)
# A shop named after a nickname (阿强便利店, 阿梅猪肉档): the shop's word right after it, or one
# character on (not 阿强吃火锅).
SHOP_NAMED_AFTER = re.compile(
    f"{_IN_A_VENUE_NAME}?"
    "(?:便利店|小卖部|超市|饭店|酒店|宾馆|旅馆|酒楼|餐馆|餐厅|饭馆|茶馆|茶楼|茶社|网吧|酒吧|餐吧"
    "|发廊|诊所|药店|客栈|民宿|火锅|烧烤|肉档|鱼档|菜档|档口|商店|商行)"
)


def is_nickname(name: str) -> bool:
    """阿强, 小芳, 老周: a familiar form, not a registered name."""
    return len(name) == 2 and name[0] in "阿小老"


def is_familiar_form(name: str) -> bool:
    """阿聪, 豪仔: the familiar forms ``short_forms`` makes from a name's last character."""
    return len(name) == 2 and (name[0] == "阿" or name[1] == "仔")


# Prepositions/verbs that are also surnames: a candidate starting with one of these loses to
# the candidate that starts one character later.
PREPOSITION_SURNAMES = set("向于和从经将同为由给让叫跟对与把被但过")


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, two-character surnames) from the shipped table."""
    text = resources.files("gongkai.redaction.data").joinpath("surnames.txt").read_text("utf-8")
    single: set[str] = set()
    double: set[str] = set()
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        for token in line.split():
            (double if len(token) == 2 else single).add(token)
    return frozenset(single), frozenset(double)


def surname_at(text: str, pos: int) -> int:
    """Length of the surname starting at ``pos`` (2 for compound ones), or 0."""
    single, double = surnames()
    if text[pos : pos + 2] in double:
        return 2
    if pos < len(text) and text[pos] in single:
        return 1
    return 0


def short_forms(name: str) -> tuple[str, ...]:
    """What a person found as ``name`` may be called alone: the two-character given name of a
    Han name (张志勇 → 志勇) and the familiar forms of its last character (阿勇, 勇仔), either
    half of a four-character minority name written without a dot (阿西木呷 → 阿西, 木呷; 扎西
    多吉 → 扎西, 多吉)."""
    if not all(is_han(c) for c in name):
        return ()
    surname_len = surname_at(name, 0)
    if len(name) == 4 and surname_len < 2 and all(c in TRANSLITERATION for c in name):
        return name[:2], name[2:]
    # 甘子聪 … 阿聪, 陳家豪 … 豪仔: the familiar forms made from the last character
    familiar = (
        ("阿" + name[-1], name[-1] + "仔")
        if surname_len and len(name) > surname_len and not is_nickname(name)
        else ()
    )
    if surname_len and len(name) == surname_len + 2:
        return (name[surname_len:], *familiar)
    return familiar


def pseudonym_prefix_of(name: str) -> str:
    """The part of a Han name that a pseudonym keeps: the surname, compound ones whole."""
    _, double = surnames()
    if name[:2] in double and len(name) > 2:
        return name[:2]
    return name[:1]


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


class _Tokenizer(jieba.Tokenizer):  # type: ignore[misc]
    """jieba's tokenizer with its two hot loops written out (no generator, no ``max`` over
    tuples built per candidate): the same DAG and the same best route, step for step."""

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:
        self.check_initialized()
        freq = self.FREQ
        n = len(sentence)
        dag: dict[int, list[int]] = {}
        for k in range(n):
            ends = []
            i = k
            frag = sentence[k]
            while i < n and frag in freq:
                if freq[frag]:
                    ends.append(i)
                i += 1
                frag = sentence[k : i + 1]
            dag[k] = ends or [k]
        return dag

    def calc(
        self, sentence: str, DAG: dict[int, list[int]], route: dict[int, tuple[float, int]]
    ) -> None:
        freq = self.FREQ
        n = len(sentence)
        route[n] = (0, 0)
        logtotal = log(self.total)
        for idx in range(n - 1, -1, -1):
            best: tuple[float, int] | None = None
            for x in DAG[idx]:
                candidate = (
                    log(freq.get(sentence[idx : x + 1]) or 1) - logtotal + route[x + 1][0],
                    x,
                )
                if best is None or candidate > best:  # max(): the first of equal maxima
                    best = candidate
            assert best is not None
            route[idx] = best


class _Segmenter:
    """A private jieba tokenizer, so the process-wide default one is left alone."""

    def __init__(self) -> None:
        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = _Tokenizer()
        self._tokenizer.tmp_dir = str(Path(tempfile.gettempdir()))
        self._tokenizer.initialize()

    def cut(self, text: str) -> tuple[str, ...]:
        return self._cut(text)

    @lru_cache(maxsize=8192)  # noqa: B019 - one segmenter per process; windows repeat a lot
    def _cut(self, text: str) -> tuple[str, ...]:
        return tuple(self._tokenizer.cut(text, HMM=True))

    def cut_words(self, text: str) -> tuple[str, ...]:
        """Dictionary words only (no HMM): unknown names fall apart into single characters."""
        return self._cut_words(text)

    @lru_cache(maxsize=8192)  # noqa: B019 - one segmenter per process
    def _cut_words(self, text: str) -> tuple[str, ...]:
        return tuple(self._tokenizer.cut(text, HMM=False))

    def freq(self, word: str) -> int:
        return self._tokenizer.FREQ.get(word, 0) or 0


@cache
def segmenter() -> _Segmenter:
    return _Segmenter()


class NameContext:
    """Per-decision helper: counts substrings once so boundary decisions stay cheap."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._counts: dict[str, tuple[int, frozenset[str]]] = {}
        self._ends: dict[tuple[int, int], int | None] = {}

    def occurrences(self, fragment: str) -> tuple[int, frozenset[str]]:
        """How often ``fragment`` occurs and the classes of the character after it."""
        cached = self._counts.get(fragment)
        if cached is not None:
            return cached
        followers: set[str] = set()
        count = 0
        start = self.text.find(fragment)
        while start != -1:
            count += 1
            nxt = self.text[start + len(fragment) : start + len(fragment) + 1]
            followers.add(nxt if nxt and is_han(nxt) else "<punct>")
            start = self.text.find(fragment, start + 1)
        result = (count, frozenset(followers))
        self._counts[fragment] = result
        return result

    def han_name_end(self, start: int, surname_len: int) -> int | None:
        """Where a Han name starting at ``start`` ends, or None if no name starts there."""
        key = (start, surname_len)
        if key not in self._ends:
            end = self._han_name_end(start, surname_len)
            if end is not None and self.text[end - 1 : end] in PLACE_SUFFIXES:
                end -= 1  # 沈阳市: the name of a place, not 沈阳市 the person
            if end is not None and (
                end - start <= surname_len or self.text[end : end + 1] in PLACE_SUFFIXES
            ):
                end = None  # 沈阳市, 高山镇: a place
            self._ends[key] = end
        return self._ends[key]

    def _han_name_end(self, start: int, surname_len: int) -> int | None:
        text = self.text
        first = start + surname_len
        if first >= len(text) or not is_han(text[first]) or text[first] in _NOT_FIRST_GIVEN:
            return None
        if tibetan_name_end(text, start) is not None:
            return start + 4
        if text[first : first + 2] in TITLES or text[first : first + 3] in TITLES:
            return None  # 张所长, 王警官: a surname and a title
        if text[start] in _DIRECTIONS and text[first : first + 1] in _ROADS:
            return None  # 青年南路, 人民东街: a road, not 南路 the person
        if surname_len == 1:
            # 格桑尼玛, 马海木呷, 苏和巴特尔: a minority name of four or more characters that
            # starts with a character of the surname table.
            long_run = self.transliterated_run(start)
            if long_run is not None:
                return long_run
        # 经/询问, 于/当日, 和/辅警: the character stands alone as a function word;
        # 支队, 应当, 依法: it starts an everyday word.
        if (
            surname_len == 1
            and text[start] in AMBIGUOUS_SURNAMES
            and self._function_word_reading(start, segmenter().cut(text[start : start + 8]))
            and not self._strictly_bounded_name(start)
            and text[start - 1 : start] != "、"  # 孙立伟、于洋: a list item, not a preposition
        ):
            return None
        short_end = first + 1
        long_end = first + 2
        # 薛李娟萍, 唐乔梅楠: a woman's name with both parents' surnames, bounded on the right.
        if (
            surname_len == 1
            and text[first] in surnames()[0]
            and all(is_han(c) and c not in _STOP_THIRD for c in text[first : first + 3])
            and segmenter().freq(text[first + 1 : first + 3]) < 300  # 韩琴提出: not 琴提出
            and text[first + 1] not in _NUMERALS  # 与郑红四人在: a count, not a given name
            and segmenter().freq(text[first + 2 : first + 4]) < 300  # 温丽丽安排: not 丽安
            and text[first + 1 : first + 3] not in _AFTER_NAME | _STARTS_WHAT_FOLLOWS  # 王利停放
            and text[first + 2 : first + 4] not in _AFTER_NAME | _STARTS_WHAT_FOLLOWS  # 蓝桂英另在
            and (self._boundary_after(first + 3, strict=False) or self.word_at(first + 3))
            and not self._boundary_after(first + 2, strict=False)
            and len(text) > first + 3
        ):
            return first + 3
        if (
            long_end > len(text)
            or not is_han(text[long_end - 1])
            or (text[long_end - 1] in _NEVER_IN_NAME)
        ):
            return short_end
        short, long_ = text[start:short_end], text[start:long_end]
        long_count, long_followers = self.occurrences(long_)
        short_count, short_followers = self.occurrences(short)
        # 1. recurrence: the long form repeats with different continuations and the short
        # form never occurs without it -> the long form is a unit (王志强行政…, 王志强的…).
        if long_count >= 2 and len(long_followers) >= 2 and short_count == long_count:
            return long_end
        # 2. a reduplicated given name (韩梅梅, 吴冬冬) is one name.
        if text[first] == text[first + 1] and surname_len == 1:
            return long_end
        # 3. a character that does not end a name (张三于…, 王一系…, 李娜未…, 王芳三人…), or
        # that starts what follows names (林俊头面部, 张伟驾驶).
        if (
            (
                text[long_end - 1] in _STOP_THIRD
                and not (
                    text[long_end - 1] in _STOP_THIRD_IN_NAMES
                    and self._boundary_after(long_end, strict=True)
                )
            )
            or (text[long_end - 1] in _NUMERALS and text[long_end : long_end + 1] in _MEASURES)
            or text[long_end - 1 : long_end + 1] in _AFTER_NAME
            or text[long_end - 1 : long_end + 1] in _STARTS_WHAT_FOLLOWS
        ):
            return short_end
        # 3b. the long form is followed by what follows names (马秀芳名下, 伍嘉琪担任).
        if text[long_end : long_end + 2] in _AFTER_NAME:
            return long_end
        # 4. segmentation of a short window.
        tokens = segmenter().cut(text[start : start + 8])
        head = tokens[0] if tokens else ""
        if len(head) > len(long_) and head.startswith(long_):
            # 覃小红因 (an unknown word the segmenter glued) vs 高度重视 (a dictionary word)
            return None if segmenter().freq(head) > 0 else long_end
        if head == long_:
            return long_end
        if (
            head == short
            and len(tokens) > 1
            and len(tokens[1]) >= 2
            and segmenter().freq(tokens[1]) > 0
        ):
            return short_end
        # The long form is closed by punctuation here (李海军、李海…): it is a whole name.
        nxt = text[long_end : long_end + 1]
        if nxt and not is_han(nxt) and nxt not in "0123456789":
            return long_end
        # The short form stands alone somewhere (before punctuation or a weak character).
        if short_count > long_count and (
            "<punct>" in short_followers or short_followers & WEAK_AFTER_A_NAME
        ):
            return short_end
        if long_count >= 2 and len(long_followers) >= 2:
            return long_end
        # 李/振华/带领: the surname stands alone and the given name is the next token.
        if head == text[start:first] and len(tokens) > 1 and len(tokens[1]) == 2:
            return long_end
        # 5. function characters.
        if text[long_end - 1] in WEAK_AFTER_A_NAME:
            return short_end
        return long_end

    def transliterated_run(self, start: int) -> int | None:
        """End of a run of 4-12 transliteration characters closed by a delimiter or word
        (索朗央金依法查获: the run could take 依, but 依法 is the word that follows)."""
        text = self.text
        longest = start
        while longest < len(text) and longest - start < 12 and text[longest] in TRANSLITERATION:
            longest += 1
        # (no name ends with 不: 阿依古丽艾则孜|不听劝阻)
        ends = [
            end
            for end in range(longest, start + 3, -1)
            if text[end - 1] not in _STOP_THIRD and text[end - 1] != "不"
        ]
        # (努尔兰于2021年: 于 is the preposition, not the name)
        for end in ends:
            nxt = text[end : end + 1]
            if not nxt or not is_han(nxt) or nxt in _RUN_DELIMITERS:
                return end
            if end - start > 6 and segmenter().freq(text[end - 1 : end + 1]) >= 100:
                continue  # 阿依古丽艾则孜不|听劝阻: a long run ends before a word, not inside it
            if (
                end - start >= 6
                and (
                    nxt in WEAK_AFTER_A_NAME
                    or nxt in "不没未"  # a negation starts what the person did
                    or (
                        end == longest
                        and nxt not in TRANSLITERATION
                        # (not 沙马阿支依法查获: an everyday word at the run's end, nor
                        # 阿依古丽艾则孜不听劝阻: one across it)
                        and not any(
                            segmenter().freq(text[k : k + 2]) >= 100
                            for k in (end - 3, end - 2, end - 1)
                        )
                    )
                )
            ):
                # 艾力江阿不都拉也跑过来, 谢尔盖彼得罗维奇伊万诺夫持…: a long name, then a function
                # word or a character no rendering uses
                return end
            if self._frequent_word_at(end):
                return end
        # No frequent word follows any end: a word that merely starts with a common one
        # (阿依古丽发生争执: 发生争执 is a rare entry, 发生 a common word; 阿依古丽报警).
        # The run itself must then hold no everyday word (范平依法查获 is 范平, then 依法).
        for end in ends:
            if self._frequent_word_at(end, prefix_freq=100) and not any(
                segmenter().freq(text[k : k + 2]) >= 300 for k in range(start + 1, end - 1)
            ):
                return end
        return None

    def _frequent_word_at(self, pos: int, prefix_freq: int | None = None) -> bool:
        """The segmenter's word at ``pos`` has two or more characters and is frequent, or
        (with ``prefix_freq``) its first two characters are a word at least that frequent."""
        following = segmenter().cut_words(self.text[pos : pos + 4])
        if not following or len(following[0]) < 2:
            return False
        if segmenter().freq(following[0]) >= 300:
            return True
        return prefix_freq is not None and segmenter().freq(self.text[pos : pos + 2]) >= prefix_freq

    def _function_word_reading(self, start: int, tokens: tuple[str, ...]) -> bool:
        """Does the surname character here read as a function word or start an everyday word?

        经/询问, 于/当日, 和/辅警: it stands alone before an everyday word; 支队, 应当, 依法: it
        starts one. 庄/波峰 stays a name: 波峰 is not an everyday word.
        """
        head = tokens[0] if tokens else ""
        if len(head) == 1:
            nxt = tokens[1] if len(tokens) > 1 else ""
            return (
                not nxt
                or not is_han(nxt[0])
                or len(nxt) == 1
                or segmenter().freq(nxt) >= 20
                or nxt in _ROLE_LIKE
            )
        return len(head) <= 3 and self.reads_as_word(start, start + len(head))

    def word_at(self, pos: int, min_freq: int = 1000) -> bool:
        """Does an everyday word of two or more characters start at ``pos``?"""
        words = segmenter().cut_words(self.text[pos : pos + 4])
        return bool(words) and len(words[0]) >= 2 and segmenter().freq(words[0]) >= min_freq

    def _strictly_bounded_name(self, start: int) -> bool:
        """是鸣磊（…, 是欣、…: two or three characters closed by a strict name boundary, whose
        given name is not an everyday word (后报警。, 查获。 are not names)."""
        text = self.text
        return any(
            all(is_han(c) for c in text[start:end])
            and self._boundary_after(end, strict=True)
            and (end - start == 2 or segmenter().freq(text[start + 1 : end]) < 20)
            and not common_words().get(text[start:end], "").startswith("v")
            for end in (start + 2, start + 3)
        )

    def reads_as_word(self, start: int, end: int) -> bool:
        """Is ``text[start:end]`` here an everyday word rather than a name?

        高度, 严格, 马上, 依法, 郑州 … start with a surname character. After a role word they are
        the word (民警马上赶到) unless a name boundary follows (证人高山称…, 被侵害人方圆的陈述)
        or the same string stands elsewhere in the decision before such a boundary.
        """
        word = self.text[start:end]
        tag = common_words().get(word)
        if tag is None:
            return False
        ambiguous = self.text[start] in AMBIGUOUS_SURNAMES
        if ambiguous and tag[:1] in "vdacp":
            return True  # 查获, 宣读, 应当: a verb or adverb after 民警 is never a name
        if not ambiguous and tag[:1] in "nt" and tag != "ns":
            return False  # 民警马力, 夏天: a noun after a role word is read as a name (fail closed)
        # (客户高明未出示: an adjective closed by a loose boundary is a name; 民警冷静处置 a word)
        strict = ambiguous or tag[:1] not in "nsa"
        return not any(
            self._boundary_after(at + len(word), strict) for at in find_all(self.text, word)
        )

    def name_boundary(self, end: int) -> bool:
        """Does the text after ``end`` read like the end of a name (张三、 张三的 张三（…）?"""
        return self._boundary_after(end, strict=False) or self.text[end : end + 2] in _AFTER_NAME

    def _boundary_after(self, end: int, strict: bool) -> bool:
        nxt = self.text[end : end + 1]
        if not nxt:
            return True
        if not is_han(nxt):
            return nxt not in "0123456789０１２３４５６７８９"
        return nxt in _NAME_BOUNDARY_STRICT or (not strict and nxt in _NAME_BOUNDARY_LOOSE)


_ITEM_START = frozenset('、，,：:；;。（(“"「『\n \u3000\t│|┃')


def _starts_an_item(text: str, start: int) -> bool:
    """Nothing but a separator or a role word before ``start``: a character there cannot be
    a preposition taking the words after it (纪鹏、于海洋的询问笔录)."""
    return start == 0 or text[start - 1] in _ITEM_START or role_ends_at(text, start)


def best_name_ending_at(ctx: NameContext, end: int, max_len: int = 4) -> int | None:
    """Start of the most plausible Han name that ends at ``end`` (used before 「（男」)."""
    text = ctx.text
    options: list[int] = []
    for length in range(max_len, 1, -1):
        start = end - length
        if start < 0 or not all(is_han(c) for c in text[start:end]):
            continue
        surname_len = surname_at(text, start)
        if length == 4 and surname_len == 1 and surname_at(text, start + 1) == 1:
            surname_len = 2  # 谢陈晓艳, 史梁娟玲: two surnames, then the given name
            if text[end - 2 : end] in _STARTS_WHAT_FOLLOWS:
                continue  # 权利，陈利提出的陈述: a name and a verb, not 陈利 + 提出
        if not surname_len or length - surname_len not in (1, 2):
            continue
        if any(c in _NEVER_IN_NAME for c in text[start + surname_len : end]):
            continue
        if text[start + surname_len] in _NOT_FIRST_GIVEN:
            continue  # 被侵害人包内的手机: a place, not 包内
        if text[end - 2 : end] in _AFTER_NAME:
            continue  # 邸美华名下的车辆: what follows a name, not 华名下
        if end - start - surname_len == 1 and text[end - 1] in "上下外旁边":
            continue  # 收银台上的手机: a place, not 台上
        if (
            end - start - surname_len == 2
            and segmenter().freq(text[end - 2 : end]) >= 300
            and not _starts_an_item(text, start)  # 、于海洋（: a list item is the whole name
        ):
            continue  # 梅|使用的微信: an everyday word is no given name
        options.append(start)
    # 技术主管白云（女…）: a surname character that closes the word before it is not a surname.
    options = [s for s in options if not (s > 0 and segmenter().freq(text[s - 1 : s + 1]) >= 100)]
    if not options:
        return None
    best = options[0]
    for later in options[1:]:
        if (
            role_ends_at(text, later)
            or (text[best] in PREPOSITION_SURNAMES and not _starts_an_item(text, best))
            or (
                text[best] in AMBIGUOUS_SURNAMES  # 有夏军的陈述: 夏军 stands elsewhere too
                and ctx.occurrences(text[later:end])[0] > ctx.occurrences(text[best:end])[0]
            )
        ):
            best = later
    return best


# Characters used to write foreign and minority names in Chinese (音译用字). Outside a dictionary
# word, a run of these next to a dot is part of the name; another single character ends it.
TRANSLITERATION = frozenset(
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕别宾波伯博布查柴楚茨达大戴丹道德登迪蒂丁东都杜敦多"
    "厄恩尔法凡范菲费芬丰冯佛弗伏福富盖甘冈高戈哥格贡古圭哈海汉豪合何赫黑亨胡华怀惠霍基吉加"
    "贾杰捷金卡凯坎康考柯科可克肯孔库夸奎昆拉莱赖兰朗劳勒雷蕾累黎里理丽利莉列林琳留龙卢鲁陆"
    "路伦罗洛马玛迈麦曼芒毛梅门蒙米密敏明莫墨默姆穆纳娜奈南内尼妮涅宁纽努诺欧帕派潘佩彭皮普"
    "奇齐恰乔切钦琴丘屈热仁荣瑞若萨塞赛桑瑟森沙莎尚舍什史舒斯松苏索塔泰坦汤唐特提廷通图托瓦"
    "万旺威韦维温翁沃乌伍武西希锡夏谢辛休逊雅亚延扬耶叶伊依英尤于宇约扎泽詹珍卓孜宗祖佐得兹"
    "翰卜兀乃买吐江力夫娃娅罕茹尕措次旦央曲嘎穷吾木甫乎则肉排如荪牙地来衣不季孙薇黛斐"
    # Tibetan, Yi and Mongolian names written without a dot (格桑尼玛, 阿西木呷, 敖日格勒)
    "呷火石增强珠日敖和朝图旺堆姆玛错觉边白益群培追美杰其宝音孟额青呼俄色果支毅牛且"
    "平登土花兰琼丹普仁顿琪洪苦作底山云楞更藏"
)
# Common elements of Tibetan names (each written with two characters): two in a row are one
# person's name (才让东智, 扎西多杰), whatever an element's first character means on its own
# (才 is also "only then").
_TIBETAN_PARTS_TEXT = (
    "扎西 多杰 才让 卓玛 拉姆 拉毛 次仁 旦增 尼玛 达瓦 达娃 巴桑 边巴 普布 平措 格桑 索朗 索南"
    " 顿珠 东智 德吉 央金 央宗 措姆 卓嘎 白玛 贡布 洛桑 仁增 久美 桑吉 桑珠 晋美 丹增 强巴 罗布"
    " 曲珍 次旦 群培 米玛 琼达 益西 朗杰 加措 嘉措 才旦 公保 完玛 更登 当周 南加 吉毛 拉卓 多吉"
    " 旺堆 旺姆 尼珍 阿旺 土登 才仁 万玛 周加 华旦 昂旺 德庆 次吉 扎巴 尕藏 拉巴 赤列 泽仁 泽让"
    " 拥措 东主 完德 更藏 仁青 拉加 桑杰 贡保 加羊 项秀 吉太 万德 切吉 才吉"
)
TIBETAN_NAME_PARTS = frozenset(_TIBETAN_PARTS_TEXT.split())


def tibetan_name_end(text: str, start: int) -> int | None:
    """多杰才旦, 才让东主: two Tibetan name elements make a name (Tibetans have no surname)."""
    if text[start : start + 2] in TIBETAN_NAME_PARTS and text[start + 2 : start + 4] in (
        TIBETAN_NAME_PARTS
    ):
        return start + 4
    return None


# Characters that end a run of name characters when walking away from a name: function words
# and verbs that stand between a name and the rest of the sentence.
_RUN_DELIMITERS = frozenset(
    '有的了在与和及对向给把被将从由为同跟等是系经以让供使称说并因于、，,。；;：:（）()“”"\n '
)
_MAX_RUN = 14


def delimited_run_before(ctx: NameContext, end: int, roles: WordsFirstPattern) -> int | None:
    """Start of a name without a known surname that ends at ``end`` (次仁德吉（女…）,
    格桑尼玛的陈述): the run of characters back to a function word or role word.

    The run must look like a name: 2-4 Han characters (or dotted parts), and not made only of
    everyday words (该公司的陈述 is no name).
    """
    text = ctx.text
    start = end
    while (
        start > 0
        and end - start < _MAX_RUN
        and text[start - 1] not in _RUN_DELIMITERS
        and (is_han(text[start - 1]) or text[start - 1] in NAME_DOTS)
    ):
        start -= 1
    # Cut after the last role word that ends inside the run, even one that began before it
    # (被侵害人阿迪力·库尔班: the walk stopped at 被).
    window_start = max(0, start - 6)
    for role in roles.finditer(text, window_start, end):
        start = max(start, role.end())
    return start if _looks_like_name_run(text[start:end]) else None


def delimited_run_after(ctx: NameContext, start: int) -> int | None:
    """End of a name without a known surname that starts at ``start`` (同事曲比拉火在…)."""
    text = ctx.text
    end = start
    while (
        end < len(text)
        and end - start < _MAX_RUN
        and text[end] not in _RUN_DELIMITERS
        and (is_han(text[end]) or text[end] in NAME_DOTS)
    ):
        if end - start >= 2 and ctx.word_at(end, min_freq=50):
            break  # 萨仁高娃名下: the name ends where an everyday word begins
        end += 1
    return end if _looks_like_name_run(text[start:end]) else None


def _looks_like_name_run(run: str) -> bool:
    han = [c for c in run if is_han(c)]
    if len(han) < 2 or not is_han(run[0]) or not is_han(run[-1]):
        return False  # (one character is no name: 商户提|供…)
    if any(c in NAME_DOTS for c in run):
        return 3 <= len(han) <= 12
    if not 2 <= len(han) <= 4 and not (
        len(han) <= 8 and all(c in TRANSLITERATION for c in han)  # 赛特卡利努尔兰 (no dot)
    ):
        return False
    # Names outside the surname table are minority or foreign names: written with the
    # characters of transliteration, and not with everyday words (发生争执, 该公司, 进行询问).
    if sum(c in TRANSLITERATION for c in han) * 4 < len(han) * 3:
        return False
    return not any(len(t) >= 2 and segmenter().freq(t) >= 1000 for t in segmenter().cut_words(run))


def find_all(text: str, needle: str) -> Iterable[int]:
    start = text.find(needle)
    while start != -1:
        yield start
        start = text.find(needle, start + 1)


def division_here(text: str, start: int) -> int:
    """Length of the division's full name at ``start`` (乌兰察布市), or 0, also where the level's
    character starts a word with the next one (兴安盟友, 和平区分不清: not the division)."""
    length = division_name_at(text, start)
    end = start + length
    if (
        length
        and segmenter().freq(text[end - 1 : end + 1]) >= 100
        and segmenter().freq(text[end : end + 2]) < 100  # (白云区|分局: the division stands)
    ):
        return 0
    return length
