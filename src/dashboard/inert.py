"""Text from outside (a link, a document) made inert before a markdown renderer sees it.

Streamlit renders warnings, captions, toasts and tooltips as markdown with its own extensions
(`:red[...]` colours, `:material/...:` icons, `$...$` LaTeX) and GitHub's autolinks, so a value
shown as it came would draw images from another host, put links in the app or change the
styling. `inert` is the one escape every such site uses; `quoted` is how a value from a link is
named in a message (shortened, quoted, control characters visible).

Pure: no streamlit.
"""

from __future__ import annotations

import re

SHOWN_LENGTH = 40  # characters of an ignored value repeated back to the user
# The ASCII characters that start an inline construct anywhere in a line, in CommonMark, GitHub's
# extensions or Streamlit's (colours, icons, maths, HTML, entities, tables); a backslash makes
# each one literal. Brackets and parentheses need no escape once "[" is escaped, and an "_"
# between two letters or digits (snake_case codes) never emphasises.
_SPECIAL = re.compile(r"([\\`*~\[\]<>$:&|]|(?<![^\W_])_|_(?![^\W_]))")
# Characters that start a block only at the beginning of a line: a heading, a list item (also
# "1." and "1)"), a setext underline.
_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])", re.MULTILINE)
# Autolinks survive backslash escapes ("http\://x" is still linked): an invisible word joiner
# splits the scheme, the "www." and the "@" they start from, and nothing visible changes.
_AUTOLINK_START = re.compile(r"(?i)(?<![^\W_])(https?|ftp|mailto|xmpp|www)(?=\\?[:.])|(?=@)")
# Streamlit draws ":material/name:" as an icon even from escaped colons: a word joiner after a
# colon that a name follows breaks it.
_ICON_START = re.compile(r"(?<=\\:)(?=[A-Za-z])")
WORD_JOINER = "\u2060"  # invisible, and unlike a zero-width space no place to break a line
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape_line_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    return match.group(1) + (
        marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker
    )


def inert(text: object) -> str:
    """`text` as markdown that renders as exactly these characters: no link, image, emphasis,
    colour, icon, maths, HTML or list; direction overrides and control characters dropped."""
    text = _CONTROL.sub("", str(text))
    text = _LINE_START.sub(_escape_line_start, _SPECIAL.sub(r"\\\1", text))
    text = _AUTOLINK_START.sub(lambda m: (m.group(1) or "") + WORD_JOINER, text)
    return _ICON_START.sub(WORD_JOINER, text)


def quoted(value: str, length: int = SHOWN_LENGTH) -> str:
    """A value from a link as a message names it: quoted, at most `length` characters (with the
    full length said), control characters written as escapes. Plain text: pass the message
    through `inert` before showing it."""
    if len(value) <= length:
        return repr(value)
    return f"{value[:length]!r}... ({len(value):,} characters)"
