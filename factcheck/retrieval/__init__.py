"""Finding the sentences that speak to a claim: a Retriever protocol and its BM25 implementation."""

from __future__ import annotations

from factcheck.retrieval.base import Hit, Retriever
from factcheck.retrieval.bm25 import Index
from factcheck.words import stem, tokens, words

__all__ = ["Hit", "Index", "Retriever", "stem", "tokens", "words"]
