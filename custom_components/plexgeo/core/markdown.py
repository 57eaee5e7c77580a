"""Untrusted text made inert for Home Assistant's Markdown renderer.

Plex user names, titles and player names are chosen by the server's users, and place
names come from a third-party geolocation service. Home Assistant renders repair-issue
descriptions and notifications as Markdown (CommonMark plus GitHub's autolinks), so a
user named ``![x](http://attacker/p.png)`` would make the owner's browser fetch the
attacker's image. Every such value goes through `escape_markdown` before it becomes a
placeholder.
"""

from __future__ import annotations

import re

# Characters that open inline Markdown or HTML: links and images, emphasis, code, strike,
# raw HTML, entities, tables, and the backslash itself. CommonMark lets a backslash escape
# any ASCII punctuation, so escaping one that turns out to be harmless costs nothing.
_INLINE = re.compile(r"([\\`*_{}\[\]()<>!#|~&])")
# GitHub-flavoured autolinks: "http://", "https://", "ftp://", "mailto:", "www." and
# e-mail addresses become links without any brackets; escaping their ':', '.' or '@'
# breaks the pattern and leaves the text as it reads.
_AUTOLINK_COLON = re.compile(r":(?=/)|(?<=mailto):|(?<=xmpp):", re.IGNORECASE)
_WWW_DOT = re.compile(r"(www)\.", re.IGNORECASE)
_AT = re.compile(r"@")
# A value at the start of a line could open a block: a list, heading or thematic break
# ("#", ">" and ")" are escaped already).
_BLOCK_START = re.compile(r"^(\s*\d*)([-+=.])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def escape_markdown(text: str) -> str:
    """`text` as Markdown that renders as exactly that text, on one line, with no link."""
    text = _CONTROL.sub(" ", text)
    text = _INLINE.sub(r"\\\1", text)
    text = _AUTOLINK_COLON.sub(r"\\:", text)
    text = _WWW_DOT.sub(r"\1\\.", text)
    text = _AT.sub(r"\\@", text)
    return _BLOCK_START.sub(r"\1\\\2", text)
