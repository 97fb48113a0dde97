"""Name pools and the people who appear in decisions.

Names are the redactor's hardest job, so the pools are built to be hard on purpose: given
names are drawn character by character (so full names are not a fixed list a recogniser could
memorise), and a share of people carry two-character surnames, rare surnames, one-character
given names, names that are ordinary words (高山, 田野, 向阳), minority names with or without a
middle dot, and foreign names in Latin letters with a Chinese rendering.

Each :class:`Person` knows the pseudonym prefix the domain rules expect for them (the Han
surname, or the first character of a minority name or of a foreign name's Chinese rendering).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from faker import Faker

from . import identifiers as ids
from .places import Address, Region, hometown, street_address
from .pools import words

# Hard-name categories (recorded on each person; the tests check that all occur).
COMPOUND_SURNAME = "compound_surname"
RARE_SURNAME = "rare_surname"
SINGLE_GIVEN = "single_given"
WORD_NAME = "word_name"
MINORITY_DOT = "minority_dot"
MINORITY_NO_DOT = "minority_no_dot"
FOREIGN = "foreign"
DOUBLE_SURNAME_WOMAN = "double_surname_woman"
FAKER_NAME = "faker"
HARD_CATEGORIES = (
    COMPOUND_SURNAME,
    RARE_SURNAME,
    SINGLE_GIVEN,
    WORD_NAME,
    MINORITY_DOT,
    MINORITY_NO_DOT,
    FOREIGN,
    DOUBLE_SURNAME_WOMAN,
)

COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
)
COMPOUND_SURNAMES = words(
    "欧阳 司马 上官 诸葛 皇甫 慕容 东方 令狐 西门 尉迟 公孙 夏侯 端木 宇文 长孙 "
    "司徒 南宫 独孤 百里 呼延 澹台 闻人 轩辕 钟离 申屠 太史 第五"
)
RARE_SURNAMES = "禤妫覃亓佘仉邬麻付官冼晏靳逯昝郄笪蒯隗厍乜练植揭过是撒仇单解查区訾谯鄢蔺"

MALE_CHARS = (
    "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳峰建志海国东文晓新宏"
    "振兵亮成力庆春雷锋晨博卫江永胜德荣立金彬毅翔坤鸣一子轩睿泽航铭哲豪晟恒瑞嘉"
)
FEMALE_CHARS = (
    "丽娟敏静秀英华慧芳燕艳娜霞玲婷雪梅琳红莉萍倩颖晶洁琴云桂兰凤玉佳欣怡婉瑶雯蕾"
    "萱悦彤露璐楠蓉薇莹冬月晓小春雅思梦诗淑美珍"
)
# Full names that are also ordinary words; the redactor must tell the person from the word.
WORD_NAMES = words(
    "高山 江河 白云 田野 白雪 金星 文静 海燕 向阳 石磊 常青 夏天 高峰 武林 黄金 "
    "马力 甘露 方向 林立 文明 高明 江山 万里 金山 柳青 安静 向前 方圆 高原 海洋 "
    "牛奔 钱进 于洋 程程"
)
WORD_NAME_FEMALE = {"白雪", "文静", "海燕", "白云", "甘露", "柳青", "安静", "程程"}

UYGHUR_MALE = words(
    "买买提 艾力 吐尔逊 阿不都 艾买提 努尔 热合曼 阿卜杜拉 麦麦提 依明 库尔班 "
    "玉素甫 阿迪力 艾尔肯 买买提江 阿里木 艾合买提 吐尔洪 亚森 沙吾提"
)
UYGHUR_FEMALE = words(
    "阿依古丽 热依拉 古丽娜尔 再努尔 帕提古丽 迪丽努尔 米热古丽 努尔古丽 祖丽胡玛尔 "
    "阿依努尔 海丽且姆 布海丽且姆"
)
TIBETAN_PARTS = words(
    "扎西 次仁 多吉 卓玛 格桑 平措 旦增 尼玛 达瓦 央金 拉姆 德吉 索朗 洛桑 强巴 普布 边巴 顿珠"
)
TIBETAN_FEMALE_ENDINGS = ("卓玛", "央金", "拉姆", "德吉", "曲珍", "措姆")
MONGOLIAN_MALE = words(
    "巴特尔 乌力吉 苏和 那日苏 额尔敦 朝鲁 宝音 孟和 哈斯 敖日格勒 苏和巴特尔 巴图"
)
MONGOLIAN_FEMALE = words("其其格 斯琴 萨仁 图雅 乌云 斯琴高娃 娜仁花 托娅 琪琪格 乌兰")
YI_MALE = words("阿西木呷 曲比拉火 阿苦日作 沙马拉毅 吉伍木呷 俄的阿呷 马海木呷 吉克石哈 阿力日哈")
YI_FEMALE = ["吉克阿依", "曲比阿果", "阿西阿呷", "沙马阿支", "吉伍伍牛", "俄底阿依"]
KOREAN_SURNAMES = "金朴李崔郑姜赵尹张林韩吴申权黄安宋柳洪全高文孙"
KOREAN_GIVEN = words("成哲 英姬 明浩 顺子 光洙 东勋 美善 贞淑 龙哲 春花 永植 善英 哲洙 贤珠")

# Foreign nationals: Latin name as in the passport, and the Chinese rendering.
FOREIGN_NAMES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "越南": (
        ("NGUYEN THI HONG", "阮氏红", "女"),
        ("TRAN VAN NAM", "陈文南", "男"),
        ("LE THI MAI", "黎氏梅", "女"),
        ("PHAM VAN DUC", "范文德", "男"),
        ("HOANG THI LAN", "黄氏兰", "女"),
        ("VU VAN HUNG", "武文雄", "男"),
        ("NGUYEN VAN THANH", "阮文成", "男"),
        ("DANG THI THU", "邓氏秋", "女"),
    ),
    "韩国": (
        ("KIM MIN JUN", "金敏俊", "男"),
        ("LEE JI EUN", "李智恩", "女"),
        ("PARK SEO JUN", "朴叙俊", "男"),
        ("CHOI YOUNG HO", "崔永浩", "男"),
        ("JUNG HAE IN", "郑海寅", "男"),
        ("YOON SO HEE", "尹素熙", "女"),
    ),
    "俄罗斯": (
        ("IVANOV SERGEI", "伊万诺夫·谢尔盖", "男"),
        ("PETROVA ANNA", "彼得罗娃·安娜", "女"),
        ("SMIRNOV DMITRY", "斯米尔诺夫·德米特里", "男"),
        ("KUZNETSOVA OLGA", "库兹涅佐娃·奥尔加", "女"),
        ("VOLKOV ALEKSANDR", "沃尔科夫·亚历山大", "男"),
    ),
    "日本": (
        ("TANAKA HIROSHI", "田中宏", "男"),
        ("SATO YUKI", "佐藤由纪", "女"),
        ("SUZUKI KENJI", "铃木健二", "男"),
        ("YAMAMOTO AYA", "山本绫", "女"),
        ("WATANABE TAKESHI", "渡边武", "男"),
    ),
    "美国": (
        ("John SMITH", "约翰·史密斯", "男"),
        ("Emily JOHNSON", "艾米丽·约翰逊", "女"),
        ("Michael BROWN", "迈克尔·布朗", "男"),
        ("David WILSON", "戴维·威尔逊", "男"),
        ("Jessica MILLER", "杰西卡·米勒", "女"),
    ),
    "英国": (
        ("James TAYLOR", "詹姆斯·泰勒", "男"),
        ("Sophie WALKER", "索菲·沃克", "女"),
        ("Thomas WRIGHT", "托马斯·赖特", "男"),
    ),
    "缅甸": (
        ("AUNG KYAW", "昂觉", "男"),
        ("MYA MYA WIN", "玛玛温", "女"),
        ("ZAW MIN TUN", "佐敏吞", "男"),
        ("NAN HSENG", "喃香", "女"),
    ),
    "老挝": (("SOMPHONE KEOLA", "宋蓬·乔拉", "男"), ("NOY PHOMMA", "诺伊·蓬玛", "女")),
    "巴基斯坦": (
        ("MUHAMMAD ALI", "穆罕默德·阿里", "男"),
        ("AHMED KHAN", "艾哈迈德·汗", "男"),
        ("FATIMA BIBI", "法蒂玛·比比", "女"),
    ),
    "尼日利亚": (
        ("CHUKWU EMEKA", "丘库·埃梅卡", "男"),
        ("OKAFOR JOHN", "奥卡福·约翰", "男"),
        ("ADEBAYO GRACE", "阿德巴约·格蕾丝", "女"),
    ),
}
FOREIGN_COUNTRY_FULL = {
    "越南": "越南社会主义共和国",
    "韩国": "大韩民国",
    "俄罗斯": "俄罗斯联邦",
    "日本": "日本国",
    "美国": "美利坚合众国",
    "英国": "大不列颠及北爱尔兰联合王国",
    "缅甸": "缅甸联邦共和国",
    "老挝": "老挝人民民主共和国",
    "巴基斯坦": "巴基斯坦伊斯兰共和国",
    "尼日利亚": "尼日利亚联邦共和国",
}
FOREIGN_LANGUAGE = {
    "越南": "越南语",
    "韩国": "韩国语",
    "俄罗斯": "俄语",
    "日本": "日语",
    "美国": "英语",
    "英国": "英语",
    "缅甸": "缅甸语",
    "老挝": "老挝语",
    "巴基斯坦": "乌尔都语",
    "尼日利亚": "英语",
}
DOT_VARIANTS = ("•", "・", "．", "-")  # how clerks type the middle dot when they miss ·


@dataclass(eq=False)
class Person:
    """One natural person in a decision. Identity (not equality) tells people apart."""

    name: str  # the Chinese name as written (Han, minority, or the foreign name's rendering)
    prefix: str  # the pseudonym prefix the domain rules expect
    male: bool
    birth: dt.date
    kind: str = "han"  # han / minority / foreign / hk / tw
    categories: frozenset[str] = frozenset()
    latin: str | None = None
    nationality: str = "中国"
    ethnicity: str = "汉族"
    id_number: str | None = None  # 18-digit resident ID (mainland persons)
    doc_type: str | None = None  # 护照 / 港澳居民来往内地通行证 / 台湾居民来往大陆通行证
    doc_number: str | None = None
    phone: str = ""
    home: Address | None = None
    hukou: Address | None = None
    handle: str = "user"  # a pinyin-ish handle for e-mail and WeChat ids
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def gender(self) -> str:
        return "男" if self.male else "女"

    @property
    def surname(self) -> str:
        return self.prefix


class NameMaker:
    """Draws names; remembers the names already used in one decision so people differ."""

    def __init__(self, rng: random.Random, fake: Faker) -> None:
        self.rng = rng
        self.fake = fake
        self.used: set[str] = set()

    def reset(self) -> None:
        self.used.clear()

    def _given(self, male: bool, length: int | None = None) -> str:
        chars = MALE_CHARS if male else FEMALE_CHARS
        length = length or self.rng.choices((1, 2), (22, 78))[0]
        given = "".join(self.rng.choice(chars) for _ in range(length))
        if length == 2 and not male and self.rng.random() < 0.08:
            given = given[0] * 2  # 丹丹, 婷婷
        return given

    def han(
        self, male: bool, surname: str | None = None, style: str | None = None
    ) -> tuple[str, str, frozenset[str]]:
        """(full name, surname, categories) for a Han name of a randomly chosen hardness."""
        rng = self.rng
        if style is None and surname is None:
            style = rng.choices(
                ("common", "faker", "compound", "rare", "word", "double"),
                (52, 25, 7, 7, 6, 3),
            )[0]
        style = style or "common"
        cats: set[str] = set()
        if style == "faker" and surname is None:
            surname = self.fake.last_name()
            given = self.fake.first_name_male() if male else self.fake.first_name_female()
            cats.add(FAKER_NAME)
        elif style == "word" and surname is None:
            pool = [n for n in WORD_NAMES if (n in WORD_NAME_FEMALE) != male] or WORD_NAMES
            full = rng.choice(pool)
            surname, given = full[0], full[1:]
            cats.add(WORD_NAME)
        elif style == "double" and surname is None and not male:
            surname = rng.choice(COMMON_SURNAMES)
            given = rng.choice(COMMON_SURNAMES.replace(surname, "")) + self._given(False, 2)
            cats.add(DOUBLE_SURNAME_WOMAN)
        else:
            if surname is None:
                if style == "compound":
                    surname = rng.choice(COMPOUND_SURNAMES)
                elif style == "rare":
                    surname = rng.choice(RARE_SURNAMES)
                else:
                    surname = rng.choice(COMMON_SURNAMES)
            given = self._given(male)
        if len(surname) == 2:
            cats.add(COMPOUND_SURNAME)
        if surname in RARE_SURNAMES:
            cats.add(RARE_SURNAME)
        if len(given) == 1:
            cats.add(SINGLE_GIVEN)
        return surname + given, surname, frozenset(cats)

    def minority(self, pool: str, male: bool) -> tuple[str, str, frozenset[str]]:
        rng = self.rng
        if pool == "uyghur":
            own = rng.choice(UYGHUR_MALE if male else UYGHUR_FEMALE)
            father = rng.choice([n for n in UYGHUR_MALE if n != own])
            name = f"{own}·{father}"
            cat = MINORITY_DOT
        elif pool == "tibetan":
            first = rng.choice(TIBETAN_PARTS[:8] + TIBETAN_PARTS[12:])
            second = rng.choice(
                [p for p in TIBETAN_PARTS if p != first] if male else TIBETAN_FEMALE_ENDINGS
            )
            name, cat = first + second, MINORITY_NO_DOT
        elif pool == "mongolian":
            name, cat = rng.choice(MONGOLIAN_MALE if male else MONGOLIAN_FEMALE), MINORITY_NO_DOT
        elif pool == "yi":
            name, cat = rng.choice(YI_MALE if male else YI_FEMALE), MINORITY_NO_DOT
        else:
            raise ValueError(pool)
        return name, name[0], frozenset({cat})


ETHNICITY = {"uyghur": "维吾尔族", "tibetan": "藏族", "mongolian": "蒙古族", "yi": "彝族"}


def _birth(rng: random.Random, on: dt.date, min_age: int, max_age: int) -> dt.date:
    """A birth date giving an age between min_age and max_age on ``on`` (never 29 Feb)."""
    age = rng.randint(min_age, max_age)
    year = on.year - age - rng.choice((0, 1))
    birth = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    while (on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))) > max_age:
        birth = birth.replace(year=birth.year + 1)
    while (on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))) < min_age:
        birth = birth.replace(year=birth.year - 1)
    return birth


_PINYIN_HANDLES = words(
    "zhang wang li liu chen yang huang zhao wu "
    "zhou xu sun ma zhu hu guo he gao lin luo "
    "zheng liang xie song tang han feng deng cao "
    "peng zeng xiao tian dong pan yuan cai jiang "
    "yu du ye cheng wei su lu ding ren shen yao "
    "lu jiang cui zhong tan wang fan jin shi liao "
    "jia xia fang"
)


def handle_for(rng: random.Random, fake: Faker, birth: dt.date) -> str:
    r = rng.random()
    if r < 0.35:
        return fake.user_name()
    base = rng.choice(_PINYIN_HANDLES) + rng.choice(("", rng.choice(_PINYIN_HANDLES)))
    if r < 0.7:
        return base + birth.strftime(rng.choice(("%m%d", "%Y", "%y%m%d")))
    return base + rng.choice(("", "_")) + ids.digits(rng, rng.choice((2, 3)))


def make_person(
    rng: random.Random,
    fake: Faker,
    names: NameMaker,
    region: Region,
    *,
    on: dt.date,
    male: bool | None = None,
    min_age: int = 18,
    max_age: int = 65,
    birth: dt.date | None = None,
    surname: str | None = None,
    kind: str | None = None,
    name_style: str | None = None,
    country: str | None = None,
) -> Person:
    """A person with a name of the region's mix, an ID number, a phone and addresses.

    ``kind`` forces han / minority / foreign / hk / tw; otherwise it follows the region
    (minority names are common in 乌鲁木齐, 拉萨, 呼和浩特, 凉山, Korean-Chinese in 延边).
    """
    male = rng.random() < 0.7 if male is None else male
    birth = birth or _birth(rng, on, min_age, max_age)
    if kind is None:
        kind = "han"
        if surname is None and name_style is None:
            if region.names in ETHNICITY and rng.random() < 0.5:
                kind = "minority"
            elif region.names == "korean" and rng.random() < 0.4:
                kind = "korean"
            elif region.names in ("hk", "tw") and rng.random() < 0.08:
                kind = region.names
            elif rng.random() < 0.03:
                kind = "minority"
    hukou, area = hometown(rng, region)
    # Faker's street names ("张路", "李街") look like names: a share of homes use them
    street = fake.street_name() if rng.random() < 0.15 else None
    home = street_address(rng, region, rng.choice(region.districts), street)
    person = _named_person(rng, names, region, kind, male, birth, surname, name_style, country)
    person.home = home
    person.hukou = hukou
    person.phone = fake.phone_number() if rng.random() < 0.4 else ids.mobile(rng)
    person.handle = handle_for(rng, fake, birth)
    if person.kind in ("han", "minority", "korean"):
        person.id_number = ids.resident_id(rng, area, birth, male)
    elif person.kind == "hk":
        person.doc_type = "港澳居民来往内地通行证"
        person.doc_number = ids.hk_macau_permit(rng, macau=rng.random() < 0.2)
        if rng.random() < 0.4:  # holders of a 港澳居民居住证 have an 18-digit number as well
            person.id_number = ids.resident_id(rng, "810000", birth, male)
    elif person.kind == "tw":
        person.doc_type = "台湾居民来往大陆通行证"
        person.doc_number = ids.taiwan_permit(rng)
        if rng.random() < 0.4:
            person.id_number = ids.resident_id(rng, "830000", birth, male)
    else:
        person.doc_type = "护照"
        person.doc_number = ids.foreign_passport(rng, person.nationality)
    if person.kind == "korean":
        person.kind = "han"
    return person


def _named_person(
    rng: random.Random,
    names: NameMaker,
    region: Region,
    kind: str,
    male: bool,
    birth: dt.date,
    surname: str | None,
    name_style: str | None,
    country: str | None,
) -> Person:
    for attempt in range(60):
        if attempt >= 40:  # small pools can run out in a crowded decision
            kind, surname, name_style = "han", None, None
        if kind == "minority":
            local = region.names in ETHNICITY and attempt < 15
            pool = region.names if local else rng.choice(sorted(ETHNICITY))
            name, prefix, cats = names.minority(pool, male)
            person = Person(name, prefix, male, birth, "minority", cats, ethnicity=ETHNICITY[pool])
        elif kind == "foreign":
            if attempt >= 10:
                country = rng.choice(sorted(FOREIGN_NAMES))
            nation = country or rng.choice(region.foreigners)
            options = [n for n in FOREIGN_NAMES[nation] if (n[2] == "男") == male]
            latin, chinese, _ = rng.choice(options or FOREIGN_NAMES[nation])
            person = Person(
                chinese, chinese[0], male, birth, "foreign", frozenset({FOREIGN}), latin, nation
            )
        elif kind == "korean":
            name = rng.choice(KOREAN_SURNAMES) + rng.choice(KOREAN_GIVEN)
            person = Person(name, name[0], male, birth, "korean", frozenset(), ethnicity="朝鲜族")
        else:
            name, prefix, cats = names.han(male, surname, name_style)
            person = Person(name, prefix, male, birth, kind, cats)
            if kind == "hk" and rng.random() < 0.5:
                person.latin = _hk_romanise(rng, name)
        if person.name not in names.used:
            names.used.add(person.name)
            return person
        surname = surname if rng.random() < 0.8 else None
    raise RuntimeError("could not find an unused name")


_CANTONESE = {"陈": "CHAN", "李": "LEE", "黄": "WONG", "张": "CHEUNG", "林": "LAM", "何": "HO",
              "吴": "NG", "刘": "LAU", "梁": "LEUNG", "郑": "CHENG"}  # fmt: skip


def _hk_romanise(rng: random.Random, name: str) -> str:
    sur = _CANTONESE.get(name[0], "CHAN")
    given = " ".join(rng.choice(("KA", "WING", "CHI", "MAN", "HO", "YIN", "KIN", "SUET"))
                     for _ in name[1:])  # fmt: skip
    return f"{sur} {given}"
