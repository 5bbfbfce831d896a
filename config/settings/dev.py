"""Development and demo profile: the defaults of base.py."""

from .base import *  # noqa: F403
