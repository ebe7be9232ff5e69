"""Who published an article: the gov.kz entity slug, or the news agency.

gov.kz press releases name their publisher in the URL
(``/memleket/entities/{entity}/press/news/details/{id}``); agency copy names the agency in the
URL's host or in an attribution line ("..., передает BAQ.KZ").
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

GOV_KZ_ENTITY = re.compile(r"gov\.kz/memleket/entities/(?P<entity>[\w.-]+)", re.I)
AGENCY_HOSTS = {
    "inform.kz": "Kazinform",
    "kazinform.kz": "Kazinform",
    "baq.kz": "BAQ.KZ",
    "kt.kz": "kt.kz",
    "kazpravda.kz": "Kazakhstanskaya Pravda",
    "egemen.kz": "Egemen Qazaqstan",
    "akorda.kz": "Akorda",
    "primeminister.kz": "primeminister.kz",
    "tengrinews.kz": "Tengrinews",
    "zakon.kz": "Zakon.kz",
    "24.kz": "24.kz",
    "khabar.kz": "Khabar",
}
_AGENCY_NAMES = {
    "baq.kz": "BAQ.KZ",
    "kazinform": "Kazinform",
    "қазақпарат": "Kazinform",
    "казинформ": "Kazinform",
    "kt.kz": "kt.kz",
    "zakon.kz": "Zakon.kz",
    "tengrinews": "Tengrinews",
    "24.kz": "24.kz",
}
_NAMES = "|".join(re.escape(n) for n in _AGENCY_NAMES)
# "передает BAQ.KZ", "сообщает Kazinform", "reports Kazinform", "BAQ.KZ хабарлайды",
# "Kazinform агенттігінің тілшісі", "— Kazinform": attribution phrases near the lead.
ATTRIBUTION = re.compile(
    rf"(?:переда[её]т|сообщает|сообщили|reports|reported|according to|хабарлайды|хабарлады|тілшісі)\s+(?:корреспондент\w*\s+)?(?P<a>{_NAMES})"
    rf"|(?P<b>{_NAMES})\s+(?:хабарлайды|хабарлады|тілшісі|агенттігі|агенттігінің|reports|сообщает)",
    re.I,
)


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    entity = GOV_KZ_ENTITY.search(url)
    if entity:
        return entity.group("entity").lower()
    host = (urlsplit(url).hostname or "").lower()
    for suffix, name in AGENCY_HOSTS.items():
        if host == suffix or host.endswith("." + suffix):
            return name
    return None


def outlet_from_text(paragraphs: list[str]) -> str | None:
    lead = " ".join(paragraphs[:2])[:1500]
    match = ATTRIBUTION.search(lead)
    if not match:
        return None
    return _AGENCY_NAMES[(match.group("a") or match.group("b")).lower()]


def find_outlet(source_url: str | None, url: str | None, paragraphs: list[str]) -> str | None:
    return outlet_from_url(source_url) or outlet_from_url(url) or outlet_from_text(paragraphs)
