"""The name helpers' segmenter: jieba's tokenizer with its hot loops written out."""

from __future__ import annotations

import jieba

from gongkai.redaction.names import segmenter
from gongkai.synthetic import generate


def test_segmenter_cuts_exactly_as_jieba() -> None:
    ours = segmenter()._tokenizer
    theirs = jieba.Tokenizer()
    theirs.tmp_dir = ours.tmp_dir
    texts = [record["full_text"] for record, _gold in generate(40, 17)]
    texts += ["欧阳娜娜和买买提江·吐尔逊于二〇二五年元月", "经查，违法行为人王某某伙同李四"]
    texts += ["ABC123中文", "。", ""]
    compared = 0
    for text in texts:
        for start in range(0, len(text), 5):
            for width in (2, 4, 8, 14):
                window = text[start : start + width]
                for hmm in (True, False):
                    assert list(ours.cut(window, HMM=hmm)) == list(theirs.cut(window, HMM=hmm))
                    compared += 1
        assert list(ours.cut(text)) == list(theirs.cut(text))
    assert compared > 10_000
