"""Untrusted text in Markdown: it renders as itself, never as a link, image, HTML or block."""

from __future__ import annotations

import re

from hypothesis import given, strategies as st
import pytest

from custom_components.plexgeo.core.markdown import escape_markdown

# A backslash before ASCII punctuation is CommonMark's escape: the renderer drops it.
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Characters that open a link, image, HTML, emphasis or code span when not escaped.
_OPENERS = set("[]()!<>*_`~|\\&#")


def _rendered_text(markdown: str) -> str:
    return _UNESCAPE.sub(r"\1", markdown)


def _unescaped(markdown: str) -> list[str]:
    """Special characters in `markdown` that no backslash escapes."""
    found, escaped = [], False
    for char in markdown:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in _OPENERS:
            found.append(char)
    return found


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("![x](http://attacker/p.png)", r"\!\[x\]\(http\://attacker/p.png\)"),
        ("[link](http://x)", r"\[link\]\(http\://x\)"),
        ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert\(1\)\>"),
        ("see https://evil.example now", r"see https\://evil.example now"),
        ("visit www.evil.example", r"visit www\.evil.example"),
        ("mail bob@evil.example", r"mail bob\@evil.example"),
        ("mailto:bob", r"mailto\:bob"),
        ("**bold** _it_ `code` ~~s~~", r"\*\*bold\*\* \_it\_ \`code\` \~\~s\~\~"),
        ("# heading", r"\# heading"),
        ("- item", r"\- item"),
        ("1. first", r"1\. first"),
        ("line\n![x](http://a/p.png)\r\nnext", r"line \!\[x\]\(http\://a/p.png\) next"),
        ("alice", "alice"),
        ("Star Trek: Picard", "Star Trek: Picard"),
        ("Zürich, Côte d'Ivoire", "Zürich, Côte d'Ivoire"),
    ],
)
def test_payloads_become_text(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


@given(st.text(max_size=60) | st.sampled_from(["http://x", "a www.b", "mailto:c@d", "e@f.g"]))
def test_any_text_renders_as_itself_and_opens_nothing(text: str) -> None:
    escaped = escape_markdown(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert _unescaped(escaped) == []
    # No autolink: every scheme colon, "www." dot and "@" is escaped.
    assert re.search(r"(?<!\\):/|(?<!\\)@", escaped) is None
    assert re.search(r"(?i)www\.|mailto:", escaped) is None
    # What a reader sees is the text, with control characters as spaces.
    assert _rendered_text(escaped) == re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+", " ", text)
