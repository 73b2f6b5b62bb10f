"""What the model reads with a claim: the sentences the rules' verdict rests on, as one evidence text.

The anchor (the sentence the rules' verdict rests on), then its neighbours, then the next best
sentences of its document, as many as fit the model's length beside the claim, given back in
document order and joined by a space; the heading the anchor stands under leads them ("Heading: ").
No file names, no line numbers: the pair is encoded as the model was trained (docs/judge-model.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from factcheck.corpus import Sentence
from factcheck.verdicts import Evidence

SPECIAL_TOKENS = 3  # [CLS] claim [SEP] evidence [SEP]
MIN_EVIDENCE = 16  # tokens of evidence at least: a claim that leaves fewer is too long for the model


def candidates(anchor: Evidence, judged: Sequence[Evidence], extra: int) -> list[Sentence]:
    """The sentences the model may read, most wanted first: the anchor, its neighbours, the next ``extra``
    best sentences of its document (the rules' window without the lede); no questions, each once."""
    same_doc = [e.sentence for e in judged if e is not anchor and e.doc == anchor.doc and not e.sentence.question]
    wanted = [anchor.sentence, *(s for s in anchor.context if not s.question), *same_doc[:extra]]
    return list({(s.doc, s.index): s for s in wanted}.values())


def evidence_text(
    claim: str, sentences: Sequence[Sentence], lengths: Callable[[Sequence[str]], list[int]], max_length: int
) -> str | None:
    """The evidence for ``claim``: the sentences that fit ``max_length`` tokens beside it, most wanted first,
    in document order; None when the claim leaves too little room (the rules' verdict stands)."""
    if not sentences:
        return None
    heading = (sentences[0].section or "").rstrip(".:;, ")
    heading = f"{heading}: " if heading else ""
    claim_tokens, heading_tokens, *sizes = lengths([claim, heading, *(s.text for s in sentences)])
    room = max_length - SPECIAL_TOKENS - claim_tokens - heading_tokens
    if room < MIN_EVIDENCE:
        return None
    kept = [sentences[0]]  # the anchor always: the tokenizer cuts it if it is longer than the room
    used = sizes[0]
    for sentence, size in zip(sentences[1:], sizes[1:], strict=True):
        if used + size <= room:
            kept.append(sentence)
            used += size
    kept.sort(key=lambda s: s.index)
    return heading + " ".join(s.text for s in kept)
