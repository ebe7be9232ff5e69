"""Month names of the languages web pages print dates in, beyond the hub's own kk/ru/en.

Kazakh and Russian forms are read by `janalyq.dates`; these tables serve the HTML reader, which
meets pages from anywhere (German "28. Januar 2020", French "3 mars 2021", Polish "5 stycznia").
"""

from __future__ import annotations

import re

_MONTH_NAMES = {
    1: "january jan januar jänner jän janvier janv enero ene gennaio gen janeiro stycznia styczeń sty januari",
    2: "february feb februar feber février févr fevrier febrero febbraio fevereiro fev lutego luty lut februari",
    3: "march mar märz maerz mrz mars marzo março marco marca marzec maart",
    4: "april apr avril avr abril abr aprile kwietnia kwiecień kwi",
    5: "may mai mayo maggio mag maio maja maj mei",
    6: "june jun juni juin junio giugno giu junho czerwca czerwiec cze",
    7: "july jul juli juillet juil julio luglio lug julho lipca lipiec lip",
    8: "august aug août aout agosto ago sierpnia sierpień sie augustus",
    9: "september sep sept septembre settembre set setembro septiembre septiembre sep września wrzesień wrz",
    10: "october oct oktober okt octobre octubre ottobre ott outubro out października październik paź",
    11: "november nov novembre noviembre novembro listopada listopad lis",
    12: "december dec dezember dez décembre decembre diciembre dic dicembre dezembro grudnia grudzień gru",
}
MONTHS: dict[str, int] = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}

_ALTERNATION = "|".join(re.escape(n) for n in sorted(MONTHS, key=len, reverse=True))
_MONTH = rf"(?<![^\W\d_])(?P<m>{_ALTERNATION})(?![^\W\d_])\.?"
_DAY = r"(?<![\d.])(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?"
_YEAR = r"(?P<y>(?:19|20)\d\d)(?!\d)"

# 28. Januar 2020 / 3 de marzo de 2021 / 1er mars 2022 / 5 stycznia 2022
DAY_MONTH_YEAR = re.compile(rf"{_DAY}\s*(?:de\s+|of\s+)?{_MONTH}\s*(?:de\s+|del\s+)?,?\s*{_YEAR}", re.I)
# January 28, 2020 / Jan. 28 2020
MONTH_DAY_YEAR = re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I)


def month_number(name: str | None) -> int | None:
    return MONTHS.get((name or "").lower().rstrip("."))
