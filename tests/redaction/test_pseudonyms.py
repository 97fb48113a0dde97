"""Pseudonyms: surname + 某, compound surnames whole, clashes numbered in order of appearance."""

from __future__ import annotations

import pytest

from gongkai.redaction.pseudonyms import FOREIGN_PREFIX, assign, base_pseudonym


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["张三"], "张某"),
        (["孙海涛"], "孙某"),
        (["王浩"], "王某"),
        (["欧阳子轩"], "欧阳某"),
        (["司马南"], "司马某"),
        (["诸葛亮"], "诸葛某"),
        (["上官婉儿"], "上官某"),
        (["令狐冲"], "令狐某"),
        (["覃海燕"], "覃某"),
        (["禤国华"], "禤某"),
        (["佘丽"], "佘某"),
        (["单雄信"], "单某"),  # 单 read as a surname, not a word
        (["高山"], "高某"),  # a word-name keeps its surname like any other
        (["欧阳"], "欧某"),  # two characters: surname 欧, given name 阳
        (["买买提江·吐尔逊"], "买某"),
        (["阿依古丽·买买提"], "阿某"),
        (["阿卜杜拉•艾合买提"], "阿某"),
        (["玛丽亚・冈萨雷斯"], "玛某"),
        (["扎西多吉"], "扎某"),
        (["NGUYEN THI HONG"], FOREIGN_PREFIX + "某"),
        (["NGUYEN THI HONG", "阮氏红"], "阮某"),  # the Chinese rendering decides
        (["阮氏红", "NGUYEN THI HONG"], "阮某"),
        (["John SMITH", "约翰·史密斯"], "约某"),
        (["孙海涛", "孙 海 涛"], "孙某"),
        (["许志鹏", "阿鹏"], "许某"),  # introduced by name, then a nickname
        (["杨过", "杨改之"], "杨某"),
    ],
)
def test_base_pseudonym(names, expected):
    assert base_pseudonym(names) == expected


def test_base_pseudonym_never_contains_the_given_name():
    for name in ("孙海涛", "欧阳子轩", "买买提江·吐尔逊", "李振华"):
        pseudonym = base_pseudonym([name])
        assert pseudonym.endswith("某")
        assert not set(name[-1]) & set(pseudonym)


def test_distinct_people_are_unchanged_when_nothing_clashes():
    assert assign([["孙海涛"], ["李振华"], ["韩磊"], ["杨丽娟"]]) == [
        "孙某",
        "李某",
        "韩某",
        "杨某",
    ]


def test_clashes_are_numbered_in_order_of_first_appearance():
    people = [["王志强"], ["王志刚"], ["张磊"], ["王浩"], ["李桂兰"], ["王俊杰"]]
    assert assign(people) == ["王某1", "王某2", "张某", "王某3", "李某", "王某4"]


def test_only_clashing_pseudonyms_get_numbers():
    assert assign([["张三"], ["李四"], ["张伟"]]) == ["张某1", "李某", "张某2"]


def test_compound_and_single_surnames_do_not_clash():
    # 欧阳某 and 欧某 are different pseudonyms, so neither is numbered
    assert assign([["欧阳子轩"], ["欧文"]]) == ["欧阳某", "欧某"]
    assert assign([["欧阳子轩"], ["欧阳娜娜"], ["欧文"]]) == ["欧阳某1", "欧阳某2", "欧某"]


def test_minority_and_han_names_with_same_first_character_clash():
    assert assign([["买买提江·吐尔逊"], ["买小红"]]) == ["买某1", "买某2"]


def test_two_foreigners_known_only_in_latin_letters_are_told_apart():
    assert assign([["NGUYEN THI HONG"], ["John SMITH"]]) == [
        FOREIGN_PREFIX + "某1",
        FOREIGN_PREFIX + "某2",
    ]


def test_one_person_with_several_spellings_gets_one_pseudonym():
    people = [["NGUYEN THI HONG", "阮氏红"], ["阮文明"], ["宋志军"]]
    assert assign(people) == ["阮某1", "阮某2", "宋某"]


def test_assignment_is_deterministic_and_one_per_person():
    people = [["张三"], ["张伟"], ["张磊"], ["李四"]]
    first = assign(people)
    assert first == assign(people)
    assert len(first) == len(people)
    assert len(set(first)) == len(first)


def test_nobody_to_name():
    assert assign([]) == []
