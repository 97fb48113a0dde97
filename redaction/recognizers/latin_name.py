"""Person names written in Latin letters (foreign nationals, passports' romanised names)."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from gongkai.redaction import entities
from gongkai.redaction.recognizers.base import ChinesePatternRecognizer
from gongkai.redaction.roles import ROLE_WORDS
from gongkai.redaction.text import first_character_alternation

# Cyrillic too: Russian and Central Asian parties' names are copied from their passports
# (ИВАНОВ СЕРГЕЙ) as well as romanised.
# Latin letters with diacritics too (Nguyễn Thị Thu Hằng, Müller, Łukasz): Latin-1, Latin
# Extended A/B and the Vietnamese block, and combining accents inside a word.
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿА-ЯЁ"
_LETTER = "A-Za-zÀ-ÖØ-öø-ɏḀ-ỿА-ЯЁа-яё"
_WORD = rf"[{_UPPER}][{_LETTER}\u0300-\u036f'’\-]*[{_LETTER}]"
_SHORT = rf"[{_UPPER}][a-zа-яё]{{0,2}}\.?"  # initials and particles inside a name: J., Mc, De
# Words of forms, brands and shop signs: a run made only of these is no name (Passport No.,
# Apple Store, Online Shop); one name word among them still makes a name.
_FORM_AND_BRAND_WORDS = (
    "PASSPORT VISA NAME SURNAME GIVEN DATE BIRTH SEX MALE FEMALE NATIONALITY TYPE NUMBER"
    " ISSUED EXPIRY ADDRESS TEL EMAIL COUNTRY CODE REPUBLIC CHINA STORE APPLE GOOGLE WECHAT"
    " ALIPAY TAOBAO ANDROID IPHONE HUAWEI XIAOMI OPPO VIVO SAMSUNG WINDOWS MICROSOFT ONLINE"
    " SHOP HOTEL CLUB CAFE COFFEE GAME GAMES MUSIC MART MALL PLAZA CENTER CENTRE COMPANY"
    " LIMITED LTD CO INC GROUP BANK OF THE AND FOR IN AT ON BY WITH FROM TO"
    " PRO MAX MINI PLUS ULTRA LITE GALAXY REDMI PAD"  # phone models
    # the headings of bilingual decisions (ADMINISTRATIVE PENALTY DECISION, Person Penalized)
    " ADMINISTRATIVE PENALTY PENALTIES DECISION INFORMATION PERSON PENALIZED PENALISED PARTY"
    " CHINESE ENGLISH FACTS EVIDENCE BASIS LEGAL PUBLIC SECURITY BUREAU POLICE ENTRY EXIT"
    " ADMINISTRATION RESIDENCE PERMIT OCCUPATION EMPLOYER DOCUMENT CERTIFICATE CARD FINE"
    " DETENTION DEPORTATION WARNING NOTICE APPEAL REVIEW RIGHTS OFFICE STATION PLACE ISSUE"
)
# Lower-case particles inside a name: Imran ul-Haq QURESHI, Ahmad bin Ismail, Ludwig van Beethoven.
_PARTICLE = "(?:ul|al|el|bin|binti|ibn|van|von|de|da|di|du|la|le|dos)(?:-[A-Z][a-z]+)?"
# Acronyms that appear in decisions and are not names.
NOT_NAMES = frozenset(
    {
        "APP",
        "QQ",
        "GB",
        "GPS",
        "KTV",
        "ETC",
        "ID",
        "VIP",
        "WIFI",
        "USB",
        "SIM",
        "POS",
        "ATM",
        "CEO",
        "LED",
        "DNA",
        "PDF",
        "APK",
        "VPN",
        "IP",
        "URL",
        "TV",
        "DVD",
        "CD",
        "PC",
        "SUV",
        "MPV",
        "ICU",
        "CT",
        "BMW",
        "SOS",
        "NO",
        "OK",
        "PPT",
        "AI",
        "DSJ",
        "USDT",
        "BTC",
        "ETH",
        "OTC",
        "GSM",
        "LTE",
        "CPU",
        "HTTP",
        "HTTPS",
        "WWW",
        "COM",
        "CN",
        "NET",
        "ORG",
    }
    | set(_FORM_AND_BRAND_WORDS.split())
)


class LatinNameRecognizer(ChinesePatternRecognizer):
    """Two or more capitalised Latin words (NGUYEN THI HONG, John Smith), or one after a role."""

    ENTITY: ClassVar[str] = entities.PERSON
    TRIGGER = re.compile(  # a capital and a letter, Hangul, katakana, Thai
        first_character_alternation(
            (_UPPER, f"[{_LETTER}\u0300-\u036f]"),
            ("가-힣", ""),
            ("ァ-ヺ", ""),
            ("\u0e01-\u0e2e", ""),
        )
    )
    # Every word of a name starts with a trigger (a capital and a letter) or is a particle or an
    # initial next to one: the patterns run only around them, not over the whole decision.
    WINDOW = 40
    PATTERNS = [
        Pattern(
            "latin_multiword_name (medium)",
            rf"(?<![{_LETTER}0-9])(?:{_WORD}|{_SHORT})"
            rf"(?:[ \u3000]+(?:{_WORD}|{_SHORT}|{_PARTICLE})){{1,5}}"
            rf"(?![{_LETTER}0-9])",
            0.6,
        ),
        # BROWN, Oliver James: a passport's surname in capitals, a comma, the given names
        Pattern(
            "latin name, surname first with a comma (medium)",
            rf"(?<![{_LETTER}0-9])[{_UPPER}]{{2,}}(?:[ \-][{_UPPER}]{{2,}})*,[ \u3000]?"
            rf"{_WORD}(?:[ \u3000]+(?:{_WORD}|{_SHORT})){{0,4}}(?![{_LETTER}0-9])",
            0.6,
        ),
        # 김철수: a Korean party's name copied from the passport in Hangul; a Chinese decision
        # holds no other Hangul.
        Pattern("hangul name (medium)", "(?<![가-힣])[가-힣]{2,5}(?![가-힣])", 0.6),
        # タナカ ケンイチ, ศิริพร แก้วมณี: Japanese names in katakana and Thai names in their script,
        # copied from passports; a Chinese decision writes nothing else in them.
        Pattern(
            "katakana name (medium)",
            "(?<![ァ-ヺー])[ァ-ヺ][ァ-ヺー]+(?:[ \u3000・][ァ-ヺ][ァ-ヺー]+)*(?![ァ-ヺー])",
            0.6,
        ),
        Pattern(
            "thai name (medium)",
            "(?<![\u0e01-\u0e5b])[\u0e01-\u0e2e][\u0e01-\u0e5b]+"
            "(?:[ \u3000][\u0e01-\u0e2e\u0e40-\u0e44][\u0e01-\u0e5b]+)*(?![\u0e01-\u0e5b])",
            0.6,
        ),
        # 上述事实有…，O'Brien、KHAN的陈述: a person's statement listed as evidence
        Pattern(
            "latin name before a statement (medium)",
            rf"(?<![{_LETTER}0-9])(?:{_WORD}|{_SHORT})"
            rf"(?:[ \u3000]+(?:{_WORD}|{_SHORT}|{_PARTICLE})){{0,5}}"
            "(?=的(?:陈述|证言|供述|证词|询问笔录|辨认笔录))",
            0.6,
        ),
        Pattern("latin_single_word (weak)", rf"(?<![{_LETTER}0-9]){_WORD}(?![{_LETTER}0-9])", 0.1),
    ]
    CONTEXT = [*ROLE_WORDS, "国籍", "护照", "英文名", "外文名", "姓名"]
    CONTEXT_WINDOW = 8

    def invalidate_result(self, pattern_text: str) -> bool:
        return _no_name_word(pattern_text)


def _no_name_word(run: str) -> bool:
    """Every word of ``run`` is an acronym, a form's or a brand's word, or an initial."""
    return all(w.upper() in NOT_NAMES or len(w) < 2 for w in (w.strip(".") for w in run.split()))


_LATIN_FIRST = re.compile(f"[{_LETTER}]")
# A Latin name listed right after another: 、和及与 and the name, closed by what follows names.
_LISTED_AFTER = re.compile(
    rf"[ \u3000]*[、和及与][ \u3000]*({_WORD}(?:[ \u3000]+(?:{_WORD}|{_SHORT}|{_PARTICLE})){{0,4}})"
    rf"(?![{_LETTER}0-9])(?=[ \u3000]*(?:[、，,。；;：:（(\n和及与等二两三四五的均都在系因于]|$))"
)


# …and right before another, after what starts a list item.
_LISTED_BEFORE = re.compile(
    rf"(?:^|(?<=[，,。；;：:、（(\n有和及与]))"
    rf"({_WORD}(?:[ \u3000]+(?:{_WORD}|{_SHORT}|{_PARTICLE})){{0,4}})"
    rf"[ \u3000]*[、和及与][ \u3000]*$"
)


def latin_names_listed_with(text: str, seeds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """O'Brien、KHAN二人: a single Latin word listed right after or right before a Latin name
    found (which a role word or a second word would otherwise have to vouch for) is a name too."""
    listed: list[tuple[int, int]] = []
    frontier = [span for span in seeds if _LATIN_FIRST.match(text, span[0])]
    seen = set(seeds)
    while frontier:
        start, end = frontier.pop()
        after = _LISTED_AFTER.match(text, end)
        before = _LISTED_BEFORE.search(text, max(0, start - 40), start)
        for found in (after, before):
            if found is None or _no_name_word(found.group(1)):
                continue
            if any(s < found.end(1) and found.start(1) < e for s, e in seen):
                continue  # (SMITH of John SMITH, found already)
            seen.add(found.span(1))
            listed.append(found.span(1))
            frontier.append(found.span(1))
    return listed
