"""The shape of a numbered formulation (数字化表述): 四个意识, 两个确立, 三严三实.

Pure string rules, shared by the tokenizer (which keeps such forms whole),
the formulation finder (:func:`policytext.find_numbered`) and the spaCy
bridge. The numerals come from :mod:`policytext.text.headings`.

>>> is_numbered("四个意识"), is_numbered("一国两制"), is_numbered("高质量发展"), plausible("三年")
(True, True, False, False)
"""

from __future__ import annotations

import re
from re import Pattern
from typing import TYPE_CHECKING

from ..text.headings import FORMULATION_NUMERALS

if TYPE_CHECKING:
    from .lexicon import Entry

__all__ = ["RE_NUMBERED_SHAPE", "RE_NUMBERED_QUOTED", "plausible", "is_numbered"]

_NUM = FORMULATION_NUMERALS
_CLASSIFIER = "个项种大条位点为化不"
_P = "“”‘’《》，。、；：！？\\s"
#: The shape of a numbered formulation: N+量词+X (四个意识, 五个牢牢把握, 八项本领,
#: 三大攻坚战), N+X alternations (三严三实, 两学一做, 一国两制, 三去一降一补),
#: N+位一体, or N+one character (三农, 六稳, 三定, used in quotation marks).
RE_NUMBERED_SHAPE: Pattern[str] = re.compile(
    rf"[{_NUM}]{{1,3}}[{_CLASSIFIER}][^{_P}]{{1,8}}"
    rf"|(?:[{_NUM}][^{_NUM}{_P}]){{2,4}}"
    rf"|[{_NUM}][^{_NUM}{_CLASSIFIER}{_P}]"
)
#: A numbered formulation in quotation marks: ``“四个意识”``, ``“七个一”``, ``“三新一高”``, ``“三定”``.
RE_NUMBERED_QUOTED: Pattern[str] = re.compile(rf"[“‘](?P<f>[{_NUM}][^{_P}]{{1,9}})[”’]")


def plausible(form: str) -> bool:
    """True when a quoted string has the shape of a numbered formulation."""
    if not RE_NUMBERED_SHAPE.fullmatch(form):
        return False
    # “一个”, “三年”, dates, quantities and idioms such as 十年磨一剑 are not formulations
    if re.match(rf"[{_NUM}]+[个项种条位]?(?:年|月|日|天|次|岁|周|倍|成|人|元|亿|万|小时|分)", form):
        return False
    return True


def is_numbered(form: str, entry: Entry | None = None) -> bool:
    """True for lexicon entries of category ``numbered`` and forms of the numbered shape.

    >>> is_numbered("四个意识"), is_numbered("一国两制"), is_numbered("高质量发展")
    (True, True, False)
    """
    if entry is not None and entry.category == "numbered":
        return True
    # 一个X (一个中国原则, 一个时期) is a count unless the lexicon says otherwise
    return bool(RE_NUMBERED_SHAPE.fullmatch(form)) and plausible(form) and not form.startswith("一个")
