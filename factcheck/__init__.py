"""factcheck: keep a catalogue of claims honest against the documents they rest on.

The library works on a catalogue and a corpus held in memory::

    from factcheck import Catalogue, Claim, from_texts, verify

    corpus = from_texts({"report.txt": "By April 2022 the program had 142 partner agencies."})
    catalogue = Catalogue([Claim("partners", "The program had 142 partner agencies by April 2022.")])
    report = verify(catalogue, corpus)
    print(report.results[0].verdict)  # supported

Names are imported on first use, so ``import factcheck`` (and the CLI) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
# The name on the package index (pip install factcheck-claims): "factcheck" there is an unrelated 2013
# package. The import name and the command stay factcheck.
DISTRIBUTION = "factcheck-claims"

if TYPE_CHECKING:
    from factcheck.api import conflicts, lint, verify
    from factcheck.catalogue import Catalogue, Claim, Resolution, load_catalogue, parse_catalogue
    from factcheck.corpus import Corpus, Document, Sentence, from_texts, load_corpus
    from factcheck.disagreements import ConflictGroup, Statement
    from factcheck.errors import FactcheckError
    from factcheck.quantities import Quantity, extract
    from factcheck.reports import ConflictReport, LintReport, VerifyReport
    from factcheck.settings import ConflictSettings, RetrievalSettings, Settings, VerdictSettings
    from factcheck.verdicts import ClaimResult, Evidence

_EXPORTS = {
    "verify": "factcheck.api",
    "conflicts": "factcheck.api",
    "lint": "factcheck.api",
    "Catalogue": "factcheck.catalogue",
    "Claim": "factcheck.catalogue",
    "Resolution": "factcheck.catalogue",
    "load_catalogue": "factcheck.catalogue",
    "parse_catalogue": "factcheck.catalogue",
    "ConflictGroup": "factcheck.disagreements",
    "Statement": "factcheck.disagreements",
    "Corpus": "factcheck.corpus",
    "Document": "factcheck.corpus",
    "Sentence": "factcheck.corpus",
    "load_corpus": "factcheck.corpus",
    "from_texts": "factcheck.corpus",
    "FactcheckError": "factcheck.errors",
    "Quantity": "factcheck.quantities",
    "extract": "factcheck.quantities",
    "ConflictReport": "factcheck.reports",
    "LintReport": "factcheck.reports",
    "VerifyReport": "factcheck.reports",
    "Settings": "factcheck.settings",
    "RetrievalSettings": "factcheck.settings",
    "VerdictSettings": "factcheck.settings",
    "ConflictSettings": "factcheck.settings",
    "ClaimResult": "factcheck.verdicts",
    "Evidence": "factcheck.verdicts",
}
__all__ = [
    "Catalogue",
    "Claim",
    "ClaimResult",
    "ConflictGroup",
    "ConflictReport",
    "ConflictSettings",
    "Corpus",
    "Document",
    "Evidence",
    "FactcheckError",
    "LintReport",
    "Quantity",
    "Resolution",
    "RetrievalSettings",
    "Sentence",
    "Settings",
    "Statement",
    "VerdictSettings",
    "VerifyReport",
    "__version__",
    "conflicts",
    "extract",
    "from_texts",
    "lint",
    "load_catalogue",
    "load_corpus",
    "parse_catalogue",
    "verify",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return __all__
