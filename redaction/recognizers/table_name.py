"""Names in tables pasted into a decision: the cells of a 姓名 column, and the cell after a
姓名 label cell."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar, NamedTuple

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gongkai.redaction import entities
from gongkai.redaction.roles import ROLE_WORDS

_CELL_SEPARATOR = re.compile("[\t│|┃]")
# A table typed with spaces only (序号　姓名　　证件种类…): cells set off by an ideographic space or
# by two or more spaces. Read so only when the text has no tabs or bars, and a row of headers
# must open the table.
_SPACED_NAME_HEADER = re.compile("姓名(?:\u3000|  )")
_SPACE_SEPARATOR = re.compile("[ \u3000]*\u3000[ \u3000]*| {2,}")
# A header cell of a column of people's names, or a label cell whose right neighbour is one.
_NAME_LABELS = frozenset(
    {"姓名", "名字", "中文姓名", "中文译名", "中文名", "外文姓名", "英文姓名", "护照姓名"}
    | {"曾用名", "别名", "人员姓名"}
)
# Other header cells: a row with two of them is a table's header, not label-value pairs.
_HEADER_WORDS = frozenset(
    {"序号", "编号", "性别", "民族", "年龄", "出生日期", "出生年月", "国籍", "职业", "备注"}
    | {"身份证号", "身份证号码", "公民身份号码", "证件号码", "联系电话", "电话", "手机号"}
    | {"住址", "现住址", "户籍地", "工作单位", "处罚结果", "处罚决定", "入住时间"}
)
# A cell that names an organisation, not a person.
_ORGANISATION_END = re.compile("(?:公司|店|厂|中心|局|所|队|部|馆|社|行|场|院|校|会)$")
# What a name cell holds: Han characters (a middle dot, stray spaces inside), or Latin words.
_NAME_CELL = re.compile(
    "[\u3400-\u9fff][\u3400-\u9fff·•・ \u3000]{0,14}[\u3400-\u9fff]"
    "|[A-Za-zÀ-ÖØ-öø-ɏ][A-Za-zÀ-ÖØ-öø-ɏ'’\\- ]{0,40}[A-Za-zÀ-ÖØ-öø-ɏ]"
)
_LABEL_SPACES = str.maketrans("", "", " \u3000")
_DIGIT = re.compile("[0-9０-９]")
# A ruled line between rows (├──┼──┤, +----+, |---|): the table goes on below it.
_RULE = re.compile("[─━═┄┈╌\\-+:┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬ \u3000]+")


class _Cell(NamedTuple):
    start: int
    end: int
    text: str


class TableNameRecognizer(LocalRecognizer):
    """序号\\t姓名\\t性别 … 1\\t王  芳\\t女: a table's 姓名 column holds names, row after row, and
    │中文译名│巴特巴雅尔│: so does the cell after a name label. The table gives the evidence
    a role word gives in running text."""

    ENTITY: ClassVar[str] = entities.PERSON
    SCORE: ClassVar[float] = 0.85

    def __init__(self, supported_language: str = "zh") -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            name=type(self).__name__,
            supported_language=supported_language,
        )

    def load(self) -> None:
        pass

    def analyze(
        self,
        text: str,
        entities: list[str] | None = None,
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        if "\t" in text or "│" in text or "|" in text or "┃" in text:
            separator = _CELL_SEPARATOR
        elif _SPACED_NAME_HEADER.search(text):
            separator = _SPACE_SEPARATOR
        else:
            return []
        results = []
        for start, end, why in self._name_cells(text, separator):
            explanation = AnalysisExplanation(
                recognizer=self.name, original_score=self.SCORE, textual_explanation=why
            )
            results.append(
                RecognizerResult(
                    self.ENTITY, start, end, self.SCORE, analysis_explanation=explanation
                )
            )
        return results

    def _name_cells(self, text: str, separator: re.Pattern[str]) -> Iterator[tuple[int, int, str]]:
        column: int | None = None  # the 姓名 column of the table being read
        width = 0
        spaced = separator is _SPACE_SEPARATOR
        for row in _rows(text, separator):
            if _RULE.fullmatch("".join(cell.text for cell in row)):
                continue
            if len(row) < 2:
                column = None  # the table ended
                continue
            labels = [cell.text.translate(_LABEL_SPACES) for cell in row]
            # (序号│托运人│货物│运费: a column headed by a role word holds people too)
            # (序号 人员 姓名 性别: the 姓名 column, not the 人员 one)
            people = [i for i, label in enumerate(labels) if label in _NAME_LABELS] or [
                i for i, label in enumerate(labels) if label in ROLE_WORDS
            ]
            header = sum(
                label in _HEADER_WORDS or (label in ROLE_WORDS and label not in _NAME_LABELS)
                for label in labels
            ) >= 2 or (
                # 运单号	寄件人	申报品名: a role word among short headings without digits
                any(label in ROLE_WORDS and label not in _NAME_LABELS for label in labels)
                and len([label for label in labels if label]) >= 3
                and all(len(label) <= 4 and not _DIGIT.search(label) for label in labels)
            )
            if not header and not spaced:  # |姓名|NGUYEN THI HOA|中文译名|阮氏花|: labels, values
                for i, label in enumerate(labels[:-1]):
                    if label in _NAME_LABELS and _is_name(row[i + 1].text):
                        yield _strip(row[i + 1], f"the cell after the label '{label}'")
            if column is not None and len(row) == width and _is_name(row[column].text):
                yield _strip(row[column], "the 姓名 column of a table")
            elif header and people:
                column = people[0]
                width = len(row)
            elif column is not None and len(row) != width:
                column = None


def _rows(text: str, cell_separator: re.Pattern[str]) -> Iterator[list[_Cell]]:
    """Each line of ``text`` cut into cells (a line without a separator is one cell)."""
    offset = 0
    for line in text.split("\n"):
        cells, start = [], offset
        for separator in cell_separator.finditer(line.rstrip(" \u3000")):
            end = offset + separator.start()
            cells.append(_Cell(start, end, text[start:end]))
            start = offset + separator.end()
        cells.append(_Cell(start, offset + len(line), text[start : offset + len(line)]))
        yield cells
        offset += len(line) + 1


def _is_name(cell: str) -> bool:
    value = cell.strip(" \u3000")
    return (
        _NAME_CELL.fullmatch(value) is not None
        and "某" not in value
        and value.translate(_LABEL_SPACES) not in _NAME_LABELS | _HEADER_WORDS
        and _ORGANISATION_END.search(value) is None
    )


def _strip(cell: _Cell, why: str) -> tuple[int, int, str]:
    leading = len(cell.text) - len(cell.text.lstrip(" \u3000"))
    trailing = len(cell.text) - len(cell.text.rstrip(" \u3000"))
    return cell.start + leading, cell.end - trailing, why
