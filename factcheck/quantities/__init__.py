"""Quantities in news text: counts, percents, fractions, money, and dates kept apart.

Each quantity records its hedge ("more than", "nearly"), the words as written, its offsets,
and the thing it counts ("agencies"), so two statements can be compared with the latitude
their wording allows.

    model       Quantity, its Kind and Hedge, the interval its wording allows, describe()
    compare     compatible / comparable / distinctive
    extraction  extract(): masks, then small passes in a fixed order (not "extract.py": the function would hide it)
    numbers     number words ("two dozen")
    units       the hedge before a figure and the noun it counts after it
    time        statement_time(): when a statement was true
"""

from __future__ import annotations

from factcheck.quantities.compare import comparable, compatible, distinctive, entails
from factcheck.quantities.extraction import extract
from factcheck.quantities.model import Hedge, Kind, Quantity, describe
from factcheck.quantities.numbers import parse_number_words
from factcheck.quantities.time import statement_time
from factcheck.quantities.units import singular

__all__ = [
    "Hedge",
    "Kind",
    "Quantity",
    "comparable",
    "compatible",
    "describe",
    "distinctive",
    "entails",
    "extract",
    "parse_number_words",
    "singular",
    "statement_time",
]
