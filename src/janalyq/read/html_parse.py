"""One parse of an HTML page into the tree that trafilatura, htmldate and our rules all read.

The parser has trafilatura's settings (comments and processing instructions dropped, no default
doctype, UTF-8 for byte input), so trafilatura's text from this tree is the text it gives from
the page itself.  What differs is how elements get their Python class: lxml.html asks a Python
method for every element proxy it creates (so that <form> or <input> get classes of their own),
and the extractors create millions of proxies as they walk and copy the tree: about 6% of an
HTML import's CPU went to that method.  Here every element is a plain `HtmlElement` chosen in C;
none of the readers uses the form classes.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from trafilatura.utils import DOCTYPE_TAG, is_dubious_html, repair_faulty_html

# lxml refuses a str that still declares its encoding; the text is decoded already.
XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)

_CLASSES = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity,
)


def _parser(**more) -> etree.HTMLParser:
    parser = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                              remove_comments=True, remove_pis=True, **more)
    parser.set_element_class_lookup(_CLASSES)
    return parser


_PARSER = _parser()
# libxml2 stops building a tree 256 levels deep, silently: whatever a page nests deeper is lost
# (a body inside 300 wrappers came out empty).  The parser's error log says so; such a page is
# parsed again with the limit raised to libxml2's "huge" depth, and past that it is refused,
# never stored without its text.
_DEEP_PARSER = _parser(huge_tree=True)


class TooDeep(ValueError):
    pass


def _hit_depth_limit(parser) -> bool:
    return any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)


def _tree(text: str, parser):
    try:
        tree = lxml.html.fromstring(text, parser=parser)
    except ValueError:  # a declared encoding that the prolog check did not catch: parse the bytes
        tree = None
    except etree.LxmlError:  # "Document is empty" and the like
        return None
    if tree is None or len(tree) < 1:
        try:
            tree = lxml.html.fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
        except (ValueError, etree.LxmlError):
            return None
    return tree


# Characters libxml2 refuses (C0 controls but tab and line ends, U+FFFE, U+FFFF), as UTF-8 bytes:
# trafilatura strips them with a regular expression over the whole page, a fiftieth of an
# import's CPU; a byte scan finds in a tenth of that time that most pages have none.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def _needs_repair(text: str, beginning: str) -> bool:
    """Whether trafilatura's `repair_faulty_html` would change anything in the page."""
    if "\ufffe" in text or "\uffff" in text:
        return True
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        return True
    if "doctype" in beginning and ("\n" not in text or DOCTYPE_TAG.match(text.partition("\n")[0])):
        return True  # a doctype written with a slash (or a page of one line, which gains a "\n")
    return any("<html" in line and line.endswith("/>") for line in text[:4096].splitlines()[:4])


def parse_page(text: str):
    """The page's tree, or None when it holds no HTML document (TooDeep past libxml2's limit)."""
    text = XML_PROLOG.sub("", text, count=1)
    beginning = text[:50].lower()
    # trafilatura's own repairs of what libxml2 misreads (a self-closed <html/>, a doctype with
    # a slash, control characters), so that the tree is the one it would build.
    if _needs_repair(text, beginning):
        text = repair_faulty_html(text, beginning)
    tree = _tree(text, _PARSER)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None  # not an HTML document at all (trafilatura refuses it the same way)
    if tree is None or not _hit_depth_limit(_PARSER):
        return tree
    deep = _tree(text, _DEEP_PARSER)
    if _hit_depth_limit(_DEEP_PARSER):
        raise TooDeep("HTML nested too deep to read (over 2,048 levels): its text would be lost")
    return deep
