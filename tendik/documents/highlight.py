"""The document's text as HTML with each fact marked where it stands. The text is always escaped:
an uploaded page's markup is shown as the words it is, never rendered."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

# Events and commitments are whole sentences: they wrap the smaller facts inside them.
OUTER = ("event", "commitment")


def _nested(facts):
    """Facts that nest properly: a fact crossing the edge of an open one is left unmarked (the
    panel still lists it)."""
    ordered = sorted(facts, key=lambda f: (f.start, -f.end, f.kind not in OUTER))
    kept, stack = [], []
    for fact in ordered:
        while stack and stack[-1].end <= fact.start:
            stack.pop()
        if stack and fact.end > stack[-1].end:
            continue
        kept.append(fact)
        stack.append(fact)
    return kept


def highlighted(text: str, facts) -> str:
    events = []  # (offset, order, html): closes before opens at the same offset
    for fact in _nested([f for f in facts if f.status != "rejected"]):
        opening = format_html('<mark class="fact fact-{}" id="span-{}" data-fact="{}">',
                              fact.kind, fact.pk, fact.pk)
        events.append((fact.start, 1, -fact.end, opening))
        events.append((fact.end, 0, -fact.start, mark_safe("</mark>")))  # noqa: S308 — constant
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    parts, position = [], 0
    for offset, _order, _key, html in events:
        parts.append(escape(text[position:offset]))
        parts.append(html)
        position = offset
    parts.append(escape(text[position:]))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 — every text part is escaped
