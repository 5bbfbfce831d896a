"""Blocks that apps above `analytics` add to the home page, without `analytics` importing them.

An app registers a provider in its `AppConfig.ready()`; the provider returns the block's data
for the user, or None when the block has nothing to show them.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomePanel:
    template: str
    provider: Callable[[object], dict | None]


_PANELS: list[HomePanel] = []


def home_panel_register(*, template: str, provider: Callable[[object], dict | None]) -> None:
    if not any(panel.template == template for panel in _PANELS):
        _PANELS.append(HomePanel(template=template, provider=provider))


def home_panels(user) -> list[dict]:
    """[{template, data}] for the blocks that have something for this user, in registration order."""
    blocks = []
    for panel in _PANELS:
        data = panel.provider(user)
        if data:
            blocks.append({"template": panel.template, "data": data})
    return blocks
