"""factcheck: keep a catalogue of claims honest against the documents they rest on."""

from __future__ import annotations

__version__ = "0.1.0"
