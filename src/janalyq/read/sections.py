"""Section names that news sites print as headers, in Kazakh, Russian and English.

The label kept on an article is the site's own section, normalised to one English slug so that
"Жаңалықтар", "Новости" and "News" count as one section.  It says where the site filed the
article, not what the article is about (that is the topic stage's job).
"""

from __future__ import annotations

import re

SECTION_NAMES: dict[str, tuple[str, ...]] = {
    "news": ("news", "latest news", "жаңалықтар", "соңғы жаңалықтар", "новости", "последние новости"),
    "society": ("society", "қоғам", "общество"),
    "tourism": ("tourism", "туризм"),
    "world": ("world", "әлем", "мир", "в мире"),
    "politics": ("politics", "саясат", "политика"),
    "science": ("science", "ғылым", "наука"),
    "economics": ("economics", "economy", "экономика"),
    "culture": ("culture", "мәдениет", "культура"),
    "law": ("law", "құқық", "право", "закон"),
    "sport": ("sport", "sports", "спорт"),
    "health": ("health", "денсаулық", "здоровье", "здравоохранение"),
    "education": ("education", "білім", "білім беру", "образование"),
    "regions": ("regions", "аймақтар", "өңірлер", "регионы"),
    "official": ("official", "ресми", "официально"),
    "analytics": ("analytics", "сараптама", "аналитика"),
    "interview": ("interview", "сұхбат", "интервью"),
    "incidents": ("incidents", "оқиғалар", "происшествия"),
}
MORE_WORDS = ("more", "all news", "қосымша", "толығырақ", "барлығы", "подробнее", "ещё", "еще", "все новости")

_BY_NAME = {name: slug for slug, names in SECTION_NAMES.items() for name in names}
_MORE_SUFFIX = re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in MORE_WORDS) + r")\s*[»>›→]*$", re.I)


def is_more_line(line: str) -> bool:
    return line.strip().lower().rstrip("»>›→ ") in MORE_WORDS


def section_label(line: str) -> str | None:
    """The section slug of a header line ("News More" -> "news"), or None if it is not one."""
    text = line.strip()
    if not text or len(text) > 40:
        return None
    text = _MORE_SUFFIX.sub("", text).strip().lower()
    return _BY_NAME.get(text)
