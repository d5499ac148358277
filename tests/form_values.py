"""What a page's form shows: each field's value as a user sees it (typed text, the ticked radios and boxes, the
chosen option), read from the HTML, so a test can say "the answer is still there"."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def _keep(self, name: str, value: str) -> None:
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in {"hidden", "submit", "button"}:
            if attributes.get("type") in {"radio", "checkbox"}:
                if "checked" in attributes:
                    self._keep(name, attributes.get("value", "on"))
            else:
                self._keep(name, attributes.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self._keep(name, "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self._keep(self._select, attributes.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.values[self._textarea][-1] = self.values[self._textarea][-1].strip()
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_values(html: str) -> dict[str, list[str]]:
    reader = _FormReader()
    reader.feed(html)
    return reader.values


def missing_answers(html: str, answers: dict) -> dict:
    """The answers (as posted) that the page's form does not show again; empty when every one is kept."""
    shown = form_values(html)
    missing = {}
    for name, value in answers.items():
        wanted = [str(item) for item in value] if isinstance(value, list) else [str(value)]
        if any(item not in shown.get(name, []) for item in wanted):
            missing[name] = (wanted, shown.get(name))
    return missing
