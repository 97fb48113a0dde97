"""Detailed addresses (详细地址) below district level.

Home and current addresses, and an organisation's premises (a small shop is often a home), are
removed from the street down: street/road, house number, compound, building, unit, floor,
room, village and group. Province, city and district/county stay readable, so a span always
*starts right after* the last district-level component (``河南省洛阳市涧西区[天津路37号院…]``).

Two ways in, whose spans are merged:

* **After a label** (``住址``, ``现住``, ``户籍所在地``, ``住所``, ``经营场所``…): the value up to
  the next ``，。；、``, bracket or line end, less its province/city/district prefix. With a
  colon the whole rest is taken (the field says it is an address); without one the value is
  cut after its last address component, and the weak labels (``住``, ``居住``, ``现住``…) also
  need a district prefix or a house number before they count.
* **Numbered components** without a label (``涧西区天津路37号院5号楼有人…``): a chain such
  as ``37号院5号楼``, ``5号楼2单元502室``, ``18层1806室``, ``三号楼二单元``, extended to the left
  over the street or compound name back to the district, a punctuation mark, a label, a venue
  name (医院, 大学, 公司, 店…) or a linking word (在, 于, 至, 的…). A lone ``号``, ``层``, ``组``,
  ``弄``, ``座`` needs a street, village or compound name right before it (``唐宫中路168号``,
  ``东关村三组``), so decision numbers (``〔2023〕00086号``), plates (``豫C3L76H号``), dates
  (``5月12号``) and floors inside a venue (``地下一层``, ``二楼208房间``) stay.

Road intersections, venue names, agencies, courts and banks carry no house number and are not
touched unless a label introduces them.

Everything is one regex pass for labels, one for number chains, and a short character walk
per hit: linear in the text, no nested quantifiers that could backtrack catastrophically.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import AnalysisExplanation, Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gongkai.redaction import entities, gazetteer
from gongkai.redaction.recognizers.base import NOT_ALNUM_BEFORE, ChinesePatternRecognizer

_HAN = "\u4e00-\u9fff"
_DIGIT = "[0-9０-９]"

# --- labels ------------------------------------------------------------------------------------
# Labels that introduce an address. ``WEAK_LABELS`` are also ordinary words (住院, 现住院治疗,
# 居住) and need more evidence when no colon follows them.
LABELS: tuple[str, ...] = (
    "经常居住地", "现居住地址", "现居住地", "居住地址", "居住地", "户籍所在地", "户口所在地",
    "户籍地址", "户籍地", "户籍", "家庭住址", "家庭地址", "现住址", "现住所", "现住地",
    "现居住", "现居",
    "现住", "住址", "住所地", "住所", "家住", "暂住地", "暂住", "居住在", "居住于", "居住",
    "住在", "注册地址", "经营地址", "经营场所", "营业场所", "营业地址", "办公地址", "联系地址",
    "通讯地址", "通信地址", "送达地址", "住宿地址", "境内住址", "在华住址", "地址", "住",
)  # fmt: skip
WEAK_LABELS: frozenset[str] = frozenset(
    {"住", "住在", "居住", "居住在", "居住于", "现住", "现居", "现居住", "暂住", "地址", "户籍"}
)
_LABEL_ALTERNATION = "|".join(
    # ``地址`` is not an address after IP, 网络, 邮箱…; a bare ``住`` not before 宿/院/房/户,
    # nor in 入住 (checking into a hotel is no residence: 入住如家酒店8207房间).
    # (Every alternative starts with its first character, so the regex engine skips to them.)
    "地(?<![Pp网箱件站页]地)址"
    if w == "地址"
    else "住(?<!入住)(?![宿院房户处])"
    if w == "住"
    else w
    for w in sorted(LABELS, key=len, reverse=True)
)
# (labels spaced out to fill a table's column: 现 住 址│, 户 籍 地：)
_SPACED_LABELS = "现[ \u3000]住[ \u3000]址|住[ \u3000]{1,2}址|户[ \u3000]籍[ \u3000]地"
_LABEL_REGEX = f"(?:{_SPACED_LABELS}|{_LABEL_ALTERNATION}|户籍(?=[：:]))"
_LABEL_RE = re.compile(
    f"(?P<label>{_LABEL_REGEX})[ \u3000\t]*(?P<colon>[：:│｜|])?[ \u3000\t]*"
    "(?:位于|在|于|为|系)?[ \u3000]*"
)
# Labels of business premises: their value may be the venue's name alone, which stays.
_PREMISES_LABELS = frozenset({"经营场所", "营业场所"})
_STREET_IN_RE = re.compile("路|街|大道|巷|弄|胡同|村|组")
# The value of a label runs to the next clause mark, bracket, quote, colon or line end …
_VALUE_RE = re.compile("[^，,。；;、（）()\\[\\]【】“”\"'：:\n\r\t\u3000]{1,80}")
# … or to the next field written inline without punctuation.
_VALUE_STOP_RE = re.compile(
    "工作单位|联系电话|联系方式|电话|手机|身份证|公民身份|邮编|邮政编码|的|等|  "
)

# --- province / city / district ----------------------------------------------------------------
_NAME = f"(?:(?![省市区县旗盟])[{_HAN}])"
# 区 that belongs to a compound or a zone, not to a district: 小区, 社区, 园区, 校区, 厂区…
_NOT_DISTRICT_BEFORE_QU = "小社园校厂景片营库院矿属活宅墅舍业务苑"
_GENERIC_PROVINCE = f"{_NAME}{{2,3}}省"
_GENERIC_CITY = (
    f"本市|{_NAME}{{2,10}}?自治州|{_NAME}{{2,4}}地区|{_NAME}{{2,5}}盟|{_NAME}{{2,4}}市(?!场)"
)
_GENERIC_DISTRICT = (
    f"本区|本县|{_NAME}{{0,9}}(?![{_NOT_DISTRICT_BEFORE_QU}]){_NAME}区"
    f"|{_NAME}{{1,9}}[县旗]|{_NAME}{{2,4}}市(?!场)"
)


def _listed_districts() -> tuple[tuple[str, str], ...]:
    """The county-level names the generic shapes misread, as (prefecture, name): 拱墅区 and
    船营区 end like a compound, 市中区, 红旗区 and 辉县市 hold a level's own character, 西盟佤族
    自治县 has one inside, 芒市 is too short. A name that is also a word (矿区) counts only
    right after its prefecture (阳泉市矿区); the others have no prefecture here ("")."""
    generic = re.compile(_GENERIC_DISTRICT)
    listed = set()
    for division in gazetteer.divisions():
        name = division.name
        if division.is_county and name[-1] in "区县市旗" and not generic.fullmatch(name):
            alone = len(name) > 2 or name[0] not in _NOT_DISTRICT_BEFORE_QU  # (芒市; not 矿区)
            listed.add(("" if alone else gazetteer.prefecture_of(division), name))
    return tuple(sorted(listed, key=lambda pair: (-len(pair[1]), pair)))


# (as text ends, for the walk to the left: 拱墅区, 阳泉市矿区)
_LISTED_DISTRICTS = tuple(prefecture + name for prefecture, name in _listed_districts())
_LISTED_DISTRICT_ALTERNATION = "|".join(
    f"(?<={prefecture}){name}" if prefecture else name for prefecture, name in _listed_districts()
)
# A province's short form counts only before a city or district (新疆乌鲁木齐市, 黑龙江哈尔滨市;
# not 河南路, 湖南大学).
_PROVINCE = (
    "(?:(?:北京|天津|上海|重庆)市|(?:内蒙古|广西壮族|西藏|宁夏回族|新疆维吾尔|广西|宁夏|新疆)自治区"
    f"|(?:香港|澳门|澳門)(?:特别行政区)?|{_GENERIC_PROVINCE}"
    f"|(?:{'|'.join(gazetteer.province_short_forms())})"
    f"(?=(?:{_GENERIC_CITY}|{_LISTED_DISTRICT_ALTERNATION}|{_GENERIC_DISTRICT})))"
)
_CITY = f"(?:{_GENERIC_CITY})"
_HK_MACAO_REGIONS = "九龍|九龙|新界|香港島|香港岛|港島|港岛|氹仔|路環|路环|澳門半島|澳门半岛"
_HK_MACAO_REGION_RE = re.compile(f"(?:香港|澳门|澳門)?(?:特别行政区)?(?:{_HK_MACAO_REGIONS})")
_DISTRICT = (
    # Hong Kong's and Macao's regions (九龍, 氹仔) stand where a district would
    f"(?:{_HK_MACAO_REGIONS}|{_LISTED_DISTRICT_ALTERNATION}|{_GENERIC_DISTRICT})"
)
_VALUE_LEAD_RE = re.compile(
    "(?:[及和与、](?:现住址|现住所|现住|住址|居住地|户籍所在地|户籍地|暂住地))?(?:均|都)?(?:为|是|在|系)?"
)
# National development zones stand where a district would (苏州市昆山市昆山开发区, 郑州市高新区).
# Words of the levels below a district: a zone named after them is an estate or a town's park.
_BELOW_DISTRICT = "街道|镇|乡|村|路|街"
_ZONE = (
    f"(?:(?:(?!{_BELOW_DISTRICT}){_NAME}){{0,6}}?"
    "(?:经济技术开发区|高新技术产业开发区|开发区|高新区|工业园区|保税区))"
)
_ADMIN_RE = re.compile(
    f"(?:中国|中华人民共和国)?{_PROVINCE}?{_CITY}?(?:{_ZONE}|{_DISTRICT}{_ZONE}?)?"
)

# --- numbered components -----------------------------------------------------------------------
_NUM = (
    f"(?:[甲乙丙丁附]|负|地下)?(?:{_DIGIT}{{1,5}}(?:[-－—]{_DIGIT}{{1,5}})?"
    f"|[A-Za-zＡ-Ｚａ-ｚ](?:[-－]?{_DIGIT}{{1,4}})?|[零〇一二三四五六七八九十百两]{{1,4}})"
)
_SUFFIX = (
    "(?:号院|号宿舍楼|号宿舍|号楼|号房(?!间)|号商铺|号铺位|号铺|号仓库|号库房|号库|号厂房"
    "|号(?![码线令字文卡])"
    "|栋|幢|座|单元|层|楼|室|房(?!间)|户|组|社|弄|门|排|队|铺"  # 康家村四社: a village group
    "|区(?![域别划]))"  # 月牙泉小镇B区12号
)
_COMPONENT = f"{_NUM}{_SUFFIX}"
_COMPONENT_RE = re.compile(f"(?P<num>{_NUM})(?P<suffix>{_SUFFIX})")
#: A chain of numbered components, optionally ending in a bare room number (2单元602).
_CHAIN_REGEX = (
    f"{NOT_ALNUM_BEFORE}{_COMPONENT}(?:[至之\\-－]?{_COMPONENT})*"
    f"(?:(?<=[元门楼栋幢座])-?{_DIGIT}{{2,5}}(?![0-9０-９年月日时分元米人个次岁]))?"
    f"(?:之(?:[一二三四五六七八九十]{{1,2}}|{_DIGIT}{{1,2}}))?"  # 大同路181号4楼之二
)
# The leading lookahead lets the stdlib engine skip to candidate characters instead of trying
# the lookbehind at every position (about 3x faster on decision texts).
_CHAIN_RE = re.compile(
    f"(?=[0-9０-９甲乙丙丁附负地零〇一二三四五六七八九十百两A-Za-zＡ-Ｚａ-ｚ]){_CHAIN_REGEX}"
)
_DAY_RE = re.compile(f"{_DIGIT}{{1,2}}[号日]|[一二三十]{{1,3}}[号日]")
# 紫荆名都2-2-903, 铁路新村1-1-1401: building, unit and room joined by dashes, right after a
# compound's name (a Han character before it; dates and phone numbers have other shapes).
# (The first digit comes before the lookbehind on the character ahead of it: the regex engine
# then skips to digits instead of trying the lookbehind at every position.)
_DASHED_RE = re.compile(
    f"{_DIGIT}(?<=[{_HAN}].){_DIGIT}{{0,2}}[-－]{_DIGIT}{{1,3}}[-－]{_DIGIT}{{2,5}}(?![0-9０-９\\-－])"
)
# A component that identifies a dwelling on its own (37号院, 5号楼, 3栋, 2单元, 502室).
_STRONG_SUFFIXES = frozenset(
    {"号院", "号宿舍楼", "号宿舍", "号楼", "号房", "栋", "幢", "单元", "室"}
)
_LATIN_OR_DIGIT_RE = re.compile("[0-9０-９A-Za-zＡ-Ｚａ-ｚ]")

# A street, village or compound name right before a number: what makes 168号 an address.
_NAMED_TAIL_RE = re.compile(
    "(?:路|街|大道|道|巷|弄|胡同|里|村|屯|庄|寨|区|园|苑|院|大厦|广场|公寓|宿舍|家园"
    "|山|岭|坡|沟|坪|塘|桥|坝"  # 龙井村棋盘山18号, 柳树沟3号: rural addresses
    "|城|府|邸|湾|墅|郡|坊|市场|中心|大楼|楼|号|座|栋|幢|单元|组|队|段|委会)"
    "(?:[东西南北中]段?)?$"
)
# The end of an address component: a label's value is cut after the last one.
_END_RE = re.compile(
    "(?:号院|号楼|号房|号|栋|幢|座|单元|层|楼|室|房|户|组|社|弄|巷|胡同|路|街|道|里|村|屯|队|庄|寨"
    "|区|园|苑|院|厦|场|中心|寓|舍|城|府|邸|湾|墅|郡|镇|乡|处|会|坊|段|铺|门面|交叉口|路口"
    f"|[东西南北]{{1,2}}[角侧]|{_DIGIT}+米|{_DIGIT}+|[A-Za-zＡ-Ｚａ-ｚ]+)"
)

# --- walking left from a number chain ----------------------------------------------------------
_WALK_LIMIT = 20
# Words that link a place to the sentence: the address starts after them.
_STOP_CHARS = frozenset("在于至到往住从由向对将把被系是为的了即或经送赴去及等其称")
_NOT_CITY_BEFORE_SHI = frozenset("超城夜菜门集股")
# …except the cities so named (厦门市, 桐城市, 辛集市).
_CITIES_ENDING_LIKE_A_WORD = tuple(
    sorted(
        d.name
        for d in gazetteer.divisions()
        if d.name.endswith("市") and len(d.name) > 2 and d.name[-2] in _NOT_CITY_BEFORE_SHI
    )
)
# Names of institutions and venues: a building number inside one goes, the name stays
# (医院[3号楼5层], 科技大学[西苑校区3号]).
_VENUE_ENDS: tuple[str, ...] = (
    "医院", "学校", "大学", "学院", "中学", "小学", "幼儿园", "公司", "银行", "支行", "分行",
    "酒店", "宾馆", "饭店", "网吧", "公园", "馆", "店", "局", "所", "厂", "站", "政府", "法院",
)  # fmt: skip
_VENUE_LAST_CHARS = frozenset(word[-1] for word in _VENUE_ENDS)
_WORD_RUN_RE = re.compile(f"[{_HAN}0-9A-Za-z０-９Ａ-Ｚａ-ｚ\\-－·]*")
_STOP_RE = re.compile(f"[{''.join(sorted(_STOP_CHARS))}]")
_SPECIAL_RE = re.compile(f"[省县旗盟州市区{''.join(sorted(_VENUE_LAST_CHARS))}]")


_BELOW_DISTRICT_RE = re.compile(_BELOW_DISTRICT)


# The start of a line that continues an address broken before it: after a number, its
# component's word (…58号院2 / 号楼3单元…); after a word, a numbered component (…金色悦 / 城7号楼).
_COMPONENT_WORD = "(?:号(?![牌码])|栋|幢|座|单元|室|层|楼(?!层)|院)"  # (not 号牌号码：)
_GOES_ON_RE = re.compile(f"{_COMPONENT_WORD}")
_GOES_ON_WITH_NUMBER_RE = re.compile(
    f"(?:(?![在的到于向从对被把将和与及了是])[{_HAN}]){{0,3}}?{_DIGIT}+{_COMPONENT_WORD}"
)  # (not 张伟在3楼被查获)


def _admin_end(value: str, lead: int) -> int:
    """Where the province, city and district at ``lead`` end, also when the value is typed
    with a space between its characters (武 汉 市 江 岸 区 大 智 街 道…)."""
    if value[lead + 1 : lead + 2] != " ":
        return _ADMIN_RE.match(value, lead).end()
    kept = [i for i in range(lead, len(value)) if value[i] != " "]
    length = _ADMIN_RE.match("".join(value[i] for i in kept)).end()
    return kept[length] if length < len(kept) else len(value)


def _is_admin_end(text: str, i: int) -> bool:
    """Whether ``text[i]`` closes a province, city or district name."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    if ch in "省县":
        return True
    if ch in "旗盟":  # 红旗街道, 联盟路: not the banner or league level
        return text[i + 1 : i + 2] not in ("街", "路", "道", "村", "小", "大")
    if ch == "州":
        return prev == "治"  # 自治州; 郑州/中州 are names, not the level
    if ch == "市":
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if nxt == "场":
            return False
        return prev not in _NOT_CITY_BEFORE_SHI or text.endswith(
            _CITIES_ENDING_LIKE_A_WORD, 0, i + 1
        )
    if ch == "区":
        if text.endswith(("开发区", "高新区", "工业园区", "保税区"), 0, i + 1) and not (
            _BELOW_DISTRICT_RE.search(text, max(0, i - 10), i - 2)
        ):
            return True  # 苏州工业园区 (not 石塘街道工业园区): a zone stands where a district would
        if prev in "东西南北中" and i > 1 and text[i - 2] in "区园苑庭院期":
            return False  # 锦华小区东区, 花园西区: a part of the compound
        if prev in "东西南北中新" and text.startswith("街道", i + 1):
            return False  # 满洲里市南区街道: the sub-district's own name, not a district
        return prev not in _NOT_DISTRICT_BEFORE_QU or text.endswith(_LISTED_DISTRICTS, 0, i + 1)
    return False


class DetailedAddressRecognizer(ChinesePatternRecognizer):
    """Addresses below district level, after a label or anchored by a house number."""

    ENTITY = entities.ADDRESS
    LABELLED_SCORE: ClassVar[float] = 0.85
    WEAK_LABEL_SCORE: ClassVar[float] = 0.7
    NUMBERED_SCORE: ClassVar[float] = 0.6
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("address after label", _LABEL_RE.pattern, LABELLED_SCORE),
        Pattern("numbered address components", _CHAIN_REGEX, NUMBERED_SCORE),
    ]
    CONTEXT: ClassVar[list[str]] = ["住", "地址", "位于", "家"]

    def analyze(
        self,
        text: str,
        entities: list[str] | None = None,
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        spans = self._labelled(text) + self._numbered(text) + self._dashed(text)
        return [self._result(*span) for span in _merge(spans, text)]

    # -- 紫荆名都2-2-903: building-unit-room written with dashes after a compound name ------
    def _dashed(self, text: str) -> list[tuple[int, int, float, str]]:
        spans = []
        for m in _DASHED_RE.finditer(text):
            start = _walk_left(text, m.start())
            if start < m.start():
                spans.append((start, m.end(), self.NUMBERED_SCORE, "building-unit-room numbers"))
        return spans

    # -- labelled values --------------------------------------------------------------------
    def _labelled(self, text: str) -> list[tuple[int, int, float, str]]:
        spans = []
        for m in _LABEL_RE.finditer(text):
            value_m = _VALUE_RE.match(text, m.end())
            if value_m is None:
                continue
            value = value_m.group()
            if text[value_m.end() : value_m.end() + 1] == "\n":
                # 芙蓉街58号院2\n号楼3单元202室: the value goes on after a line break
                more = _VALUE_RE.match(text, value_m.end() + 1)
                goes_on = _GOES_ON_RE if value[-1:].isdigit() else _GOES_ON_WITH_NUMBER_RE
                if more is not None and goes_on.match(more.group()):
                    value += "\n" + more.group()
            stop = _VALUE_STOP_RE.search(value)
            if stop is not None:
                value = value[: stop.start()]
            # 户籍所在地及现住址均为河北省…: linking words before the value are not the address
            lead = _VALUE_LEAD_RE.match(value).end()
            # 借住在其朋友阿迪力·吐尔逊位于天山区…: whose home it is comes before 位于
            owner_end = value.find("位于", lead)
            if owner_end > lead:
                lead = owner_end + 2
            admin_end = _admin_end(value, lead)
            detail = value[admin_end:].rstrip(" |│｜")  # (a table cell's closing bar)
            if not detail:
                continue
            has_colon = m.group("colon") is not None
            weak = not has_colon and m.group("label") in WEAK_LABELS
            ends = [e.end() for e in _END_RE.finditer(detail)]
            if not ends:
                continue
            if weak and admin_end == 0 and not _has_address_number(detail):
                continue
            if m.group("label") in _PREMISES_LABELS and not (
                _has_address_number(detail) or _STREET_IN_RE.search(detail)
            ):
                continue  # 经营场所：星光年华KTV: the venue's name, which stays
            length = len(detail) if has_colon else ends[-1]
            start = m.end() + admin_end
            score = self.WEAK_LABEL_SCORE if weak else self.LABELLED_SCORE
            spans.append((start, start + length, score, f"after label {m.group('label')}"))
        return spans

    # -- numbered chains --------------------------------------------------------------------
    def _numbered(self, text: str) -> list[tuple[int, int, float, str]]:
        spans = []
        for m in _CHAIN_RE.finditer(text):
            if m.start() > 0 and text[m.start() - 1] in "年月" and _DAY_RE.fullmatch(m.group()):
                continue  # 5月12号: a date
            if m.group().endswith(("区", "楼", "层")) and not _strong_chain(m.group()):
                # 批发市场B区通道, 万达广场一楼肯德基: a part or floor of a venue, not a dwelling
                continue
            start = _walk_left(text, m.start())
            named = _NAMED_TAIL_RE.search(text, start, m.start()) is not None
            if not (named or _strong_chain(m.group())):
                continue
            end = m.end()
            tail = _COMPOUND_AFTER_RE.match(text, end)
            if tail:  # 文三路258号颐景园小区, 延安三路127号乙
                end = tail.end()
            spans.append((start, end, self.NUMBERED_SCORE, "numbered address components"))
        return spans

    def _result(self, start: int, end: int, score: float, why: str) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=score,
            pattern_name=why,
            textual_explanation=f"Detected by `{self.name}`: {why}",
        )
        return RecognizerResult(
            self.ENTITY,
            start,
            end,
            score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


def _has_address_number(detail: str) -> bool:
    m = _CHAIN_RE.search(detail)
    return m is not None


def _strong_chain(chain: str) -> bool:
    """Whether a number chain identifies a dwelling without a street or compound name before.

    Two components of different kinds do (5号楼2单元, 18号3楼, 三号楼二单元); a range of one kind
    does not (负一层至二层, 12号至13号); a lone component only when it is a building, unit or
    room written in digits (37号院, 5号楼, 3栋, 2单元, 502室).
    """
    comps = [(c.group("num"), c.group("suffix")) for c in _COMPONENT_RE.finditer(chain)]
    if len({suffix for _, suffix in comps}) >= 2:
        return True
    num, suffix = comps[0]
    if suffix not in _STRONG_SUFFIXES or not _LATIN_OR_DIGIT_RE.search(num):
        return False
    return suffix != "室" or len(num) >= 2


def _walk_left(text: str, start: int) -> int:
    """Where the street or compound name before ``start`` begins.

    Walks left over word characters (at most ``_WALK_LIMIT``) and stops at a linking word, at
    the end of a province/city/district name or of a venue name. Done on the reversed window
    with regexes, so a text dense with numbers costs little Python per hit.
    """
    window_start = max(0, start - _WALK_LIMIT)
    rev = text[window_start:start][::-1]
    length = _WORD_RUN_RE.match(rev).end()
    stop = _STOP_RE.search(rev, 0, length)
    if stop is not None:
        length = stop.start()
    for special in _SPECIAL_RE.finditer(rev, 0, length):
        pos = start - 1 - special.start()
        if _is_admin_end(text, pos) or (
            special.group() in _VENUE_LAST_CHARS
            and text.endswith(_VENUE_ENDS, 0, pos + 1)
            and not _STREET_AFTER_RE.match(text, pos + 1)  # 大学西路, 医院路: a street
        ):
            length = special.start()
            break
    i = start - length
    # 干将路, 于家街: a linking character stopped the walk, but a street name starts before it.
    if 0 < i < start and text.startswith(_STREET_WORDS, i):
        j = i
        while (
            j > max(0, i - 4)
            and "\u4e00" <= text[j - 1] <= "\u9fff"
            and not _is_admin_end(text, j - 1)
        ):
            j -= 1
        i = j
    # A label inside (or ending inside) the walked stretch: the address starts after it.
    for label in _LABEL_RE.finditer(text, max(0, i - 8), start):
        i = max(i, label.end())
    # 香港九龍旺角…: Hong Kong's and Macao's regions have no district character to stop at.
    region = _HK_MACAO_REGION_RE.match(text, i, start)
    if region is not None:
        i = region.end()
    return i


_SHORT_GAP = 8
_COMPOUND_AFTER_RE = re.compile(
    f"[甲乙丙丁](?![{_HAN}])|[{_HAN}]{{1,8}}?(?:小区|花园|家园|公寓|大厦|新村|宿舍|家属院|苑|山庄|名都)"
)
_STREET_WORDS = ("路", "街", "大道", "道", "巷", "胡同")
# 大学西路, 医院路: a street named after a venue; 纺织厂家属院: a compound named after one.
_STREET_AFTER_RE = re.compile(
    "[东西南北中前后]?(?:路|街|大道|道|巷|胡同)|家属院|家属区|家属楼|宿舍|小区|生活区|新村"
)
_HAN_RUN_RE = re.compile(f"[{_HAN}]+")


def _merge(
    spans: list[tuple[int, int, float, str]], text: str = ""
) -> list[tuple[int, int, float, str]]:
    """Union of overlapping or touching spans, with the best score and its reason.

    Two parts of one address with a short name between them (西大街56号[纺织厂]家属院7号楼…)
    are one address: the name between identifies the dwelling as much as the numbers.
    """
    merged: list[tuple[int, int, float, str]] = []
    for start, end, score, why in sorted(spans):
        if start >= end:
            continue
        gap = text[merged[-1][1] : start] if merged and text else None
        if merged and (
            start <= merged[-1][1]
            or (gap is not None and len(gap) <= _SHORT_GAP and _HAN_RUN_RE.fullmatch(gap))
        ):
            m_start, m_end, m_score, m_why = merged[-1]
            best = (m_score, m_why) if m_score >= score else (score, why)
            merged[-1] = (m_start, max(m_end, end), *best)
        else:
            merged.append((start, end, score, why))
    return merged
