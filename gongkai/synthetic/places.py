"""Regions, agencies, courts, governments and addresses.

Seventeen cities across the country, chosen so that the corpus carries the agency and number
shapes of prefecture cities, municipalities (北京, 上海, 重庆), autonomous prefectures and
county-level cities, and so that minority and foreign names appear where they are common
(乌鲁木齐, 拉萨, 呼和浩特, 凉山, 延边, border and port cities).

An :class:`Address` is split into the part that stays (province, city, district) and the
detail below district level, which the domain rules remove.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from gongkai.redaction.entities import ADDRESS

from .builder import DocBuilder
from .pools import words


@dataclass(frozen=True)
class District:
    name: str  # 涧西区 / 乐清市 / 昭觉县
    short: str  # abbreviation used in decision numbers: 涧
    code: str  # six-digit administrative division code (first six digits of local IDs)
    towns: tuple[str, ...]  # 街道 / 镇 names; police stations are named after them

    @property
    def county_level(self) -> bool:
        """A county or county-level city has its own 公安局 rather than a 分局."""
        return not self.name.endswith("区")

    @property
    def stem(self) -> str:
        """涧西区 → 涧西, 瀍河回族区 → 瀍河, 浦东新区 → 浦东 (as in 涧西分局)."""
        name = self.name
        for suffix in ("回族区", "新区", "区"):
            if name.endswith(suffix) and len(name) > len(suffix) + 1:
                return name[: -len(suffix)]
        return name


@dataclass(frozen=True)
class Region:
    province: str  # 河南省; empty for municipalities
    short: str  # 豫 (province abbreviation, also the plate's first character)
    city: str  # 洛阳市 / 北京市 / 延边朝鲜族自治州
    city_short: str  # 洛
    plate_letters: str  # letters after the province character on local plates
    area_code: str  # telephone area code
    districts: tuple[District, ...]
    streets: tuple[str, ...]
    bank: str  # where fines are paid
    names: str = "han"  # which minority pool is common here
    foreigners: tuple[str, ...] = ("越南", "韩国", "美国")
    admin_court: str | None = None  # a court with centralised jurisdiction over admin cases
    weight: int = 10

    @property
    def municipality(self) -> bool:
        return not self.province

    @property
    def full(self) -> str:
        return self.province + self.city

    def city_bureau(self) -> str:
        return f"{self.city}公安局"

    def city_government(self) -> str:
        return f"{self.city}人民政府"


def _d(name: str, short: str, code: str, towns: str) -> District:
    return District(name, short, code, tuple(towns.split()))


REGIONS: tuple[Region, ...] = (
    Region("河南省", "豫", "洛阳市", "洛", "C", "0379", (
        _d("老城区", "老", "410302", "西关 东南隅 邙山 洛浦"),
        _d("西工区", "西", "410303", "红山 王城路 凯旋东路 唐宫路"),
        _d("瀍河回族区", "瀍", "410304", "东关 瀍西 塔湾 北窑"),
        _d("涧西区", "涧", "410305", "天津路 重庆路 南昌路 长安路 湖北路"),
        _d("洛龙区", "龙", "410311", "开元 安乐 关林 李楼镇 龙门"),
        _d("伊川县", "伊", "410329", "城关镇 白沙镇 鸣皋镇"),
    ), ("中州东路", "中州中路", "唐宫中路", "凯旋东路", "开元大道", "南昌路", "丽春西路",
        "天津路", "景华路", "九都路", "王城大道", "西大街", "定鼎南路", "启明南路",
        "牡丹大道", "通衢路", "太康路", "青岛路", "武汉路"), "洛阳农商银行", weight=14),
    Region("黑龙江省", "黑", "牡丹江市", "牡", "C", "0453", (
        _d("东安区", "东", "231002", "新安 长安 七星"),
        _d("阳明区", "阳", "231003", "前进 阳明 新兴"),
        _d("爱民区", "爱", "231004", "向阳 黄花 北山"),
        _d("西安区", "西", "231005", "先锋 江滨 火炬"),
        _d("绥芬河市", "绥", "231081", "绥芬河镇 阜宁镇"),
    ), ("太平路", "东一条路", "西三条路", "光华街", "七星街", "新华路", "景福街", "地明街",
        "西长安街", "乜河路"), "牡丹江农村商业银行", names="han", foreigners=("俄罗斯", "韩国")),
    Region("浙江省", "浙", "温州市", "温", "C", "0577", (
        _d("鹿城区", "鹿", "330302", "五马 南汇 松台 滨江"),
        _d("龙湾区", "龙", "330303", "永中 蒲州 状元"),
        _d("瓯海区", "瓯", "330304", "景山 娄桥 梧田"),
        _d("乐清市", "乐", "330382", "乐成 柳市镇 虹桥镇"),
        _d("瑞安市", "瑞", "330381", "安阳 塘下镇 飞云"),
    ), ("人民中路", "解放街", "车站大道", "学院中路", "府前街", "温州大道", "锦绣路",
        "划龙桥路", "鹿城路", "上陡门街"), "温州银行", foreigners=("美国", "英国", "尼日利亚")),
    Region("广东省", "粤", "佛山市", "佛", "E", "0757", (
        _d("禅城区", "禅", "440604", "祖庙 石湾镇 张槎 南庄镇"),
        _d("南海区", "南", "440605", "桂城 大沥镇 狮山镇 里水镇"),
        _d("顺德区", "顺", "440606", "大良 容桂 北滘镇 乐从镇"),
        _d("三水区", "三", "440607", "西南 白坭镇"),
    ), ("季华路", "佛山大道", "汾江中路", "祖庙路", "桂澜路", "南海大道", "东平路",
        "岭南大道", "建设大道"), "佛山农村商业银行", foreigners=("越南", "尼日利亚", "巴基斯坦")),
    Region("云南省", "云", "昆明市", "昆", "A", "0871", (
        _d("五华区", "五", "530102", "华山 护国 大观 龙翔"),
        _d("盘龙区", "盘", "530103", "拓东 鼓楼 东华"),
        _d("官渡区", "官", "530111", "关上 太和 吴井"),
        _d("西山区", "西", "530112", "永昌 前卫 金碧"),
    ), ("北京路", "人民中路", "青年路", "东风东路", "金碧路", "环城南路", "滇池路", "白塔路",
        "春城路"), "富滇银行", foreigners=("缅甸", "老挝", "越南")),
    Region("新疆维吾尔自治区", "新", "乌鲁木齐市", "乌", "A", "0991", (
        _d("天山区", "天", "650102", "解放南路 燕儿窝 新华北路"),
        _d("沙依巴克区", "沙", "650103", "友好南路 炉院街 西山"),
        _d("新市区", "新", "650104", "北京路 二工 石油新村"),
        _d("水磨沟区", "水", "650105", "水磨沟 南湖北路 六道湾"),
    ), ("解放南路", "人民路", "中山路", "友好南路", "北京南路", "新华北路", "南湖东路",
        "光明路"), "乌鲁木齐银行", names="uyghur", foreigners=("巴基斯坦", "俄罗斯")),
    Region("西藏自治区", "藏", "拉萨市", "拉", "A", "0891", (
        _d("城关区", "城", "540102", "八廓 吉日 吉崩岗 冲赛康"),
        _d("堆龙德庆区", "堆", "540103", "东嘎 乃琼镇"),
        _d("达孜区", "达", "540104", "德庆镇"),
    ), ("北京中路", "北京东路", "江苏路", "金珠西路", "林廓北路", "宇拓路", "娘热路",
        "朵森格路"), "西藏银行", names="tibetan", foreigners=("美国", "英国"), weight=6),
    Region("内蒙古自治区", "蒙", "呼和浩特市", "呼", "A", "0471", (
        _d("新城区", "新", "150102", "东街 西街 海拉尔东路"),
        _d("回民区", "回", "150103", "中山西路 光明路"),
        _d("玉泉区", "玉", "150104", "小召前街 兴隆巷"),
        _d("赛罕区", "赛", "150105", "大学西路 敕勒川路 人民路"),
    ), ("新华大街", "中山西路", "锡林郭勒南路", "昭乌达路", "大学西路", "呼伦贝尔南路",
        "成吉思汗大街", "海拉尔东路"), "内蒙古银行", names="mongolian", foreigners=("俄罗斯",)),
    Region("广西壮族自治区", "桂", "南宁市", "南", "A", "0771", (
        _d("兴宁区", "兴", "450102", "民生 朝阳 三塘镇"),
        _d("青秀区", "青", "450103", "新竹 中山 南湖"),
        _d("江南区", "江", "450105", "福建园 沙井 江南"),
        _d("西乡塘区", "西", "450107", "衡阳 北湖 安吉"),
    ), ("民族大道", "朝阳路", "中华路", "友爱南路", "星光大道", "大学东路", "江南路",
        "园湖路", "东葛路"), "广西北部湾银行", foreigners=("越南", "越南", "老挝")),
    Region("山东省", "鲁", "青岛市", "青", "B", "0532", (
        _d("市南区", "南", "370202", "八大关 香港中路 江苏路"),
        _d("市北区", "北", "370203", "台东 辽宁路 浮山新区"),
        _d("黄岛区", "黄", "370211", "长江路 辛安 薛家岛"),
        _d("崂山区", "崂", "370212", "沙子口 中韩 金家岭"),
        _d("城阳区", "城", "370214", "城阳 流亭 夏庄"),
    ), ("香港中路", "山东路", "延安三路", "辽宁路", "台东一路", "长江中路", "崂山路",
        "正阳路", "福州南路"), "青岛银行", foreigners=("韩国", "韩国", "日本", "美国")),
    Region("吉林省", "吉", "延边朝鲜族自治州", "延", "H", "0433", (
        _d("延吉市", "延", "222401", "进学 河南 建工 北山"),
        _d("图们市", "图", "222402", "向上 新华"),
        _d("珲春市", "珲", "222404", "靖和 新安 河南 近海"),
    ), ("光明街", "人民路", "局子街", "友谊路", "公园路", "河南街", "长白路"),
        "延边农村商业银行", names="korean", foreigners=("俄罗斯", "韩国"), weight=6),
    Region("江苏省", "苏", "苏州市", "苏", "E", "0512", (
        _d("姑苏区", "姑", "320508", "平江 沧浪 双塔 金阊"),
        _d("吴中区", "吴", "320506", "长桥 郭巷 木渎镇"),
        _d("相城区", "相", "320507", "元和 黄桥"),
        _d("虎丘区", "虎", "320505", "狮山 枫桥 横塘"),
        _d("昆山市", "昆", "320583", "玉山镇 周市镇 花桥镇"),
    ), ("人民路", "干将路", "十全街", "观前街", "石路", "金鸡湖大道", "星湖街", "东环路",
        "苏州大道东"), "苏州银行", foreigners=("日本", "日本", "美国", "韩国")),
    Region("", "京", "北京市", "京", "ABCEFGHJKLMNPQ", "010", (
        _d("东城区", "东", "110101", "东华门 景山 交道口 和平里"),
        _d("西城区", "西", "110102", "西长安街 新街口 德胜 金融街"),
        _d("朝阳区", "朝", "110105", "三里屯 建外 呼家楼 望京 酒仙桥"),
        _d("海淀区", "海", "110108", "中关村 学院路 清河 万寿路"),
        _d("丰台区", "丰", "110106", "方庄 右安门 卢沟桥"),
    ), ("朝阳门外大街", "东三环中路", "建国路", "中关村大街", "学院路", "西直门外大街",
        "广安门内大街", "工人体育场北路", "望京街", "方庄路"), "北京农商银行",
        foreigners=("美国", "英国", "韩国", "俄罗斯", "日本"), admin_court="北京铁路运输法院"),
    Region("", "沪", "上海市", "沪", "ABCDEFGHJKLMN", "021", (
        _d("黄浦区", "黄", "310101", "外滩 南京东路 豫园 打浦桥"),
        _d("徐汇区", "徐", "310104", "天平路 湖南路 斜土路 漕河泾"),
        _d("浦东新区", "浦", "310115", "陆家嘴 潍坊新村 张江镇 花木 金桥镇"),
        _d("闵行区", "闵", "310112", "江川路 古美路 莘庄镇 七宝镇"),
    ), ("南京东路", "淮海中路", "肇嘉浜路", "世纪大道", "张杨路", "浦东南路", "漕溪北路",
        "虹梅路", "莘松路", "张衡路"), "上海农商银行",
        foreigners=("日本", "美国", "英国", "韩国"), admin_court="上海铁路运输法院"),
    Region("", "渝", "重庆市", "渝", "ABCDFGH", "023", (
        _d("渝中区", "渝中", "500103", "解放碑 七星岗 大溪沟 两路口"),
        _d("江北区", "江", "500105", "观音桥 五里店 石马河"),
        _d("渝北区", "渝北", "500112", "龙溪 回兴 双龙湖"),
        _d("沙坪坝区", "沙", "500106", "小龙坎 磁器口 天星桥"),
    ), ("民族路", "中山三路", "建新北路", "北城天街", "红锦大道", "龙山大道", "小龙坎正街",
        "汉渝路"), "重庆农村商业银行", foreigners=("越南", "美国")),
    Region("四川省", "川", "凉山彝族自治州", "凉", "W", "0834", (
        _d("西昌市", "西", "513401", "长安 北城 西城 安宁镇"),
        _d("昭觉县", "昭", "513431", "新城镇 四开镇"),
        _d("布拖县", "布", "513429", "特木里镇"),
    ), ("航天大道", "长安中路", "胜利路", "三岔口南路", "马坪坝路", "新村路"),
        "凉山农商银行", names="yi", foreigners=("美国",), weight=6),
    Region("陕西省", "陕", "西安市", "西", "A", "029", (
        _d("新城区", "新", "610102", "西一路 长乐中路 中山门"),
        _d("碑林区", "碑", "610103", "南院门 柏树林 文艺路 长安路"),
        _d("莲湖区", "莲", "610104", "北院门 西关 土门"),
        _d("雁塔区", "雁", "610113", "小寨路 大雁塔 电子城 曲江"),
        _d("未央区", "未", "610112", "张家堡 未央宫 大明宫"),
    ), ("东大街", "解放路", "长安北路", "小寨东路", "雁塔西路", "凤城八路", "未央路",
        "太白南路", "含光路"), "西安银行", admin_court="西安铁路运输法院"),
    Region("广东省", "粤", "深圳市", "深", "B", "0755", (
        _d("福田区", "福", "440304", "华富 园岭 沙头 福田"),
        _d("罗湖区", "罗", "440303", "东门 黄贝 南湖 桂园"),
        _d("南山区", "南", "440305", "南头 蛇口 粤海 西丽"),
        _d("宝安区", "宝", "440306", "新安 西乡 福永"),
        _d("龙岗区", "龙", "440307", "布吉 坂田 横岗"),
    ), ("深南大道", "华强北路", "福华路", "人民南路", "东门中路", "南海大道", "创业路",
        "前进一路", "龙岗大道", "布吉路"), "深圳农村商业银行", names="hk",
        foreigners=("美国", "英国", "尼日利亚", "韩国")),
    Region("福建省", "闽", "厦门市", "厦", "D", "0592", (
        _d("思明区", "思", "350203", "中华 鹭江 厦港 莲前"),
        _d("湖里区", "湖", "350206", "湖里 殿前 禾山 江头"),
        _d("集美区", "集", "350211", "集美 侨英 杏林"),
    ), ("中山路", "思明南路", "厦禾路", "湖滨南路", "嘉禾路", "莲前东路", "吕岭路", "集美大道"),
        "厦门农商银行", names="tw", foreigners=("美国", "日本")),
)  # fmt: skip

# ID area codes of places people move from (migrant workers, students, visitors).
ELSEWHERE = (
    ("河南省", "周口市", "太康县", "411627"),
    ("河南省", "南阳市", "邓州市", "411381"),
    ("安徽省", "阜阳市", "临泉县", "341221"),
    ("四川省", "南充市", "仪陇县", "511324"),
    ("湖南省", "邵阳市", "邵东市", "430521"),
    ("江西省", "赣州市", "于都县", "360731"),
    ("湖北省", "黄冈市", "麻城市", "421181"),
    ("贵州省", "毕节市", "威宁彝族回族苗族自治县", "520526"),
    ("山东省", "菏泽市", "曹县", "371721"),
    ("河北省", "保定市", "涿州市", "130681"),
    ("甘肃省", "天水市", "秦安县", "620522"),
    ("广西壮族自治区", "玉林市", "博白县", "450923"),
    ("黑龙江省", "绥化市", "望奎县", "231221"),
    ("重庆市", "", "开州区", "500154"),
)

COMMUNITY_WORDS = words(
    "景华 贴廓巷 幸福 和平 光明 建设 新华 团结 春晖 翠竹 锦绣 金桥 东风 花园 滨河 绿城"
)
COMPOUND_WORDS = words(
    "锦绣华庭 金桂苑 阳光花园 御景湾 滨江明珠 翡翠城 丽景苑 世纪花园 春江花月 "
    "怡和家园 书香门第 紫荆名都 建业森林半岛 保利香槟国际 碧桂园 万科城 恒大绿洲 "
    "幸福里 东方明珠苑 和谐家园 康乐小区 铁路新村 纺织厂家属院 第一中学家属院"
)
VILLAGE_WORDS = words(
    "东关 西营 李楼 王庄 张湾 刘家 马坊 白马寺 后寨 前进 红星 杨树 新庄 柳林 石桥"
)


@dataclass(frozen=True)
class Address:
    """An address split into the publishable region and the removed detail."""

    province: str
    city: str
    district: str
    detail: str = field(default="")

    def region_text(self, depth: str) -> str:
        if depth == "full":
            return self.province + self.city + self.district
        if depth == "city":
            return self.city + self.district
        if depth == "district":
            return self.district
        return ""


def write_address(b: DocBuilder, addr: Address, depth: str | None = None) -> None:
    """The region prefix is ordinary text; everything below district level is PII."""
    b.text(addr.region_text(depth or "full"))
    b.pii(ADDRESS, addr.detail)


def street_address(
    rng: random.Random, region: Region, district: District, street: str | None = None
) -> Address:
    """A home address in town: number, compound, building, unit, room in one of many shapes."""
    street = street or rng.choice(region.streets)
    no = rng.randint(1, 399)
    bldg, unit, floor = rng.randint(1, 32), rng.randint(1, 6), rng.randint(1, 28)
    room = f"{floor}{rng.randint(1, 4):02d}"
    compound = rng.choice(COMPOUND_WORDS)
    if region.city == "上海市":
        shapes = [f"{street}{no}弄{rng.randint(1, 90)}号{room}室"]
    else:
        shapes = [
            f"{street}{no}号院{bldg}号楼{unit}单元{room}室",
            f"{street}{no}号{compound}{bldg}栋{room}室",
            f"{street}{no}号{compound}小区{bldg}号楼{unit}单元{room}",
            f"{compound}{bldg}-{unit}-{room}",
            f"{street}{no}号{bldg}幢{unit}单元{room}室",
            f"{street}{rng.choice(COMMUNITY_WORDS)}小区{bldg}号楼{room}",
            f"{street}{no}号",
        ]
    return Address(region.province, region.city, district.name, rng.choice(shapes))


def rural_address(
    rng: random.Random, province: str, city: str, district: str, town: str | None = None
) -> Address:
    """A village address, typical of 户籍所在地: town, village, group, house number."""
    town = town or rng.choice(VILLAGE_WORDS) + "镇"
    if not town.endswith(("镇", "乡", "街道")):
        town += rng.choice(("镇", "乡"))
    village = rng.choice(VILLAGE_WORDS) + "村"
    tail = rng.choice(
        (f"{rng.randint(1, 12)}组", f"{cn_group(rng)}组", f"{rng.randint(1, 200)}号", "")
    )
    return Address(province, city, district, f"{town}{village}{tail}")


def cn_group(rng: random.Random) -> str:
    return "一二三四五六七八九十"[rng.randrange(10)]


def community_address(rng: random.Random, region: Region, district: District) -> Address:
    """户籍所在地 in town: the 街道办事处 and 社区 (still below district level)."""
    town = rng.choice(district.towns)
    town = town if town.endswith("镇") else town + rng.choice(("街道", "街道办事处"))
    return Address(
        region.province,
        region.city,
        district.name,
        f"{town}{rng.choice(COMMUNITY_WORDS)}社区" + rng.choice(("", f"{rng.randint(1, 99)}号")),
    )


def hometown(rng: random.Random, region: Region) -> tuple[Address, str]:
    """(户籍 address, six-digit ID area code): mostly local, a third from elsewhere."""
    if rng.random() < 0.67:
        district = rng.choice(region.districts)
        if rng.random() < 0.5:
            return community_address(rng, region, district), district.code
        return rural_address(rng, region.province, region.city, district.name), district.code
    province, city, county, code = rng.choice(ELSEWHERE)
    return rural_address(rng, province, city, county), code


# --- agencies ---------------------------------------------------------------------------
def branch_bureau(region: Region, district: District) -> str:
    """The organ for a district: 洛阳市公安局涧西分局, or 乐清市公安局 for a county-level city."""
    if district.county_level:
        return f"{district.name}公安局"
    return f"{region.city}公安局{district.stem}分局"


def police_station(rng: random.Random, district: District) -> str:
    town = rng.choice(district.towns)
    for suffix in ("镇", "街道"):
        town = town.removesuffix(suffix)
    return f"{town}派出所"


def traffic_unit(region: Region, district: District) -> str:
    if region.city == "北京市":
        return f"北京市公安局公安交通管理局{district.stem}交通支队"
    if district.county_level:
        return f"{district.name}公安局交通警察大队"
    return f"{region.city}公安局交通警察支队{district.stem}大队"


def exit_entry_unit(region: Region, district: District, rng: random.Random) -> str:
    if district.county_level and rng.random() < 0.6:
        return f"{district.name}公安局出入境管理大队"
    if region.municipality:
        return f"{region.city}公安局出入境管理局"
    return f"{region.city}公安局出入境管理支队"


def fire_unit(region: Region, district: District) -> str:
    if district.county_level:
        return f"{district.name}消防救援大队"
    return f"{region.city}{district.name}消防救援大队"


def court(rng: random.Random, region: Region, district: District) -> str:
    if region.admin_court and rng.random() < 0.4:
        return region.admin_court
    if district.county_level:
        return f"{district.name}人民法院"
    return f"{region.city}{district.name}人民法院"


def district_government(region: Region, district: District) -> str:
    if district.county_level:
        return f"{district.name}人民政府"
    return f"{region.city}{district.name}人民政府"


def detention_centre(region: Region, district: District) -> str:
    if district.county_level:
        return f"{district.name}拘留所"
    return f"{region.city}拘留所"
