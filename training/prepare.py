"""Build the neural judge's training pairs, deterministically, with provenance per pair.

Usage:
    python training/prepare.py [--data ../shared/bench] [--out training/pairs.jsonl] [--seed 20] [--without healthver]

Each output line is one JSON object: ``claim``, ``evidence``, ``label`` (supported / refuted /
neither), ``source`` (wice-nst-train, healthver-dev, perturbed), ``id`` (the source's id) and
``how`` (how the pair was made). Sources, all train side (docs/model-card.md, issue 20 contract):

- WiCE non-supported-tokens train: each sub-claim as written against its supporting lines is
  only partly backed, so its words are not entailed: ``neither``; with the annotators'
  unsupported tokens deleted it is backed: ``supported``.
- HealthVer dev, folds 0, 1, 2 of bench/score_verdicts.py's ``folds(ids, 5, seed=0,
  group=claim text)`` only (3 and 4 are held out): SUPPORTS / REFUTES / NEI.
- FactCC-style perturbations of sentences of the WiCE nst-train pages (see ``perturb``).

The evidence string is what the runtime judge builds: sentences in document order joined by one
space, sometimes led by the heading they stand under and ": ". The same seed and data give a
byte-identical file (tests/test_training_prepare.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from score_verdicts import folds  # noqa: E402  (the one fold function the reports use)

DEFAULT_DATA = REPO.parent / "shared" / "bench"
LABELS = ("supported", "refuted", "neither")
TRAIN_FOLDS = (0, 1, 2)  # HealthVer dev folds trained on; 3 and 4 are reported
SENTENCES_PER_PAGE = 26  # perturbed pairs drawn from each of the 374 nst-train pages
WORD_BUDGET = 80  # claim + evidence words, so the claim's sentence survives truncation at 128 tokens
MAX_DELETED = 0.5  # a supported twin keeps at least half of its sub-claim's tokens

Pair = dict[str, str]


@dataclass(frozen=True)
class Page:
    """A WiCE page as its sentences (one per paragraph) and the heading each stands under."""

    pid: str
    sentences: list[str]
    headings: list[str]


# --- WiCE non-supported tokens ------------------------------------------------------------


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def supported_twin(text: str, tokens: list[list[Any]], unsupported: list[int]) -> str:
    """The sub-claim with its unsupported tokens cut out by character span, spaces tidied."""
    drop = set(unsupported)
    out, pos = [], 0
    for i, (_, start, end) in enumerate(tokens):
        if i in drop:
            out.append(text[pos:start])
            pos = end
    out.append(text[pos:])
    twin = re.sub(r"\s+", " ", "".join(out)).strip()
    twin = re.sub(r"\s+([.,;:!?)])", r"\1", twin)
    twin = re.sub(r"\(\s*\)", "", twin)
    return re.sub(r"\s+", " ", twin).strip(" ,;")


def nst_pairs(data: Path) -> Iterator[Pair]:
    base = data / "wice-nst-train"
    gold = json.loads((base / "gold.json").read_text(encoding="utf-8"))
    claims = yaml.safe_load((base / "claims.yaml").read_text(encoding="utf-8"))["claims"]
    for claim in sorted(claims, key=lambda c: c["id"]):
        g = gold[claim["id"]]
        lines = read_lines(base / "docs" / g["doc"])
        evidence = " ".join(lines[n - 1].strip() for n in sorted(g["lines"]))
        yield pair(claim["text"], evidence, "neither", "wice-nst-train", claim["id"], "sub-claim as written")
        words = [t for t in g["tokens"] if re.search(r"\w", t[0])]
        cut = [i for i in g["unsupported"] if re.search(r"\w", g["tokens"][i][0])]
        twin = supported_twin(claim["text"], g["tokens"], g["unsupported"])
        if len(cut) <= MAX_DELETED * len(words) and len(twin.split()) >= 3:
            yield pair(twin, evidence, "supported", "wice-nst-train", claim["id"], "unsupported tokens deleted")


def pair(claim: str, evidence: str, label: str, source: str, pid: str, how: str) -> Pair:
    return {"claim": claim, "evidence": evidence, "label": label, "source": source, "id": pid, "how": how}


# --- HealthVer ------------------------------------------------------------------------------

HV_LABEL = {"SUPPORTS": "supported", "REFUTES": "refuted", "NEI": "neither"}


def healthver_folds(data: Path) -> tuple[list[dict[str, Any]], list[list[str]]]:
    """The catalogue and its 5 folds exactly as bench/score_verdicts.py makes them."""
    claims = yaml.safe_load((data / "healthver-dev" / "claims.yaml").read_text(encoding="utf-8"))["claims"]
    group = {c["id"]: c["text"] for c in claims}
    return claims, folds([c["id"] for c in claims], 5, seed=0, group=group)


def healthver_pairs(data: Path, fold_numbers: tuple[int, ...] = TRAIN_FOLDS) -> Iterator[Pair]:
    base = data / "healthver-dev"
    gold = json.loads((base / "gold.json").read_text(encoding="utf-8"))["claims"]
    claims, parts = healthver_folds(data)
    chosen = {cid for n in fold_numbers for cid in parts[n]}
    for claim in sorted(claims, key=lambda c: c["id"]):
        if claim["id"] not in chosen:
            continue
        passage = " ".join(s.strip() for s in read_lines(base / "docs" / claim["sources"][0]) if s.strip())
        label = HV_LABEL[gold[claim["id"]]["label"]]
        how = f"passage as evidence, fold {next(n for n in fold_numbers if claim['id'] in parts[n])}"
        yield pair(claim["text"], passage, label, "healthver-dev", claim["id"], how)


# --- perturbations of real sentences ---------------------------------------------------------


def read_page(path: Path) -> Page:
    """Sentences (non-empty paragraphs, metadata dropped) and the last heading above each."""
    sentences, headings, heading = [], [], ""
    for raw in read_lines(path):
        line = raw.strip()
        if not line or line.startswith("(meta data)"):
            continue
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
            continue
        sentences.append(line)
        headings.append(heading)
    return Page(path.stem, sentences, headings)


def usable(sentence: str) -> bool:
    """A sentence fit to be a claim: prose of 6-35 words ending like a sentence."""
    words = sentence.split()
    return 6 <= len(words) <= 35 and sentence[-1] in '.!?"' and sum(w.islower() for w in words) >= 3


AUX = re.compile(
    r"\b(is|was|are|were|has|have|had|can|could|will|would|does|do|did|should|may|must)\b(?! not\b| never\b)"
)
NEGATED = re.compile(r"\b(is|was|are|were|has|have|had|can|could|will|would|does|do|did) (not|never|no longer) ")
PAST_VERB = re.compile(r"(?<=[a-z]) ([a-z]{3,}ed) ")
YEAR = re.compile(r"\b(1[6-9]\d\d|20[0-4]\d)\b")
NUMBER = re.compile(r"(?<![\d.,])\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\b(?![\d.,]\d)")
NAME = re.compile(r"(?<=[a-z,] )((?:[A-Z][a-z]+)(?: [A-Z][a-z]+)*)(?![\w'-])")
LEAD_CLAUSE = re.compile(
    r"^((?:In|On|At|After|Before|During|Since|By|Following|When|While|Although|For|With|As) [^,]{3,60}), (.+)$"
)
ANTONYMS = dict(
    pair_
    for a, b in [
        ("increased", "decreased"),
        ("increase", "decrease"),
        ("more", "fewer"),
        ("higher", "lower"),
        ("largest", "smallest"),
        ("larger", "smaller"),
        ("first", "last"),
        ("before", "after"),
        ("won", "lost"),
        ("rose", "fell"),
        ("earlier", "later"),
        ("above", "below"),
        ("best", "worst"),
        ("older", "younger"),
        ("oldest", "youngest"),
        ("north", "south"),
        ("east", "west"),
        ("maximum", "minimum"),
        ("positive", "negative"),
        ("male", "female"),
        ("successful", "unsuccessful"),
        ("possible", "impossible"),
        ("legal", "illegal"),
        ("public", "private"),
        ("inside", "outside"),
        ("highest", "lowest"),
        ("strong", "weak"),
        ("rich", "poor"),
        ("cheap", "expensive"),
        ("joined", "left"),
        ("accepted", "rejected"),
        ("approved", "rejected"),
        ("opened", "closed"),
        ("began", "ended"),
        ("started", "stopped"),
        ("majority", "minority"),
        ("success", "failure"),
        ("allowed", "banned"),
        ("supported", "opposed"),
        ("gained", "lost"),
        ("raised", "lowered"),
        ("easy", "difficult"),
        ("full", "empty"),
        ("major", "minor"),
        ("entered", "left"),
        ("bought", "sold"),
        ("hired", "fired"),
        ("won", "lost"),
        ("victory", "defeat"),
        ("early", "late"),
    ]
    for pair_ in ((a, b), (b, a))
)
SYNONYMS = {
    "began": "started",
    "started": "began",
    "big": "large",
    "large": "big",
    "film": "movie",
    "movie": "film",
    "bought": "purchased",
    "purchased": "bought",
    "help": "assist",
    "helped": "assisted",
    "many": "numerous",
    "died": "passed away",
    "received": "got",
    "also": "additionally",
    "approximately": "about",
    "built": "constructed",
    "created": "made",
    "famous": "well-known",
    "small": "little",
    "quickly": "rapidly",
    "completed": "finished",
    "finished": "completed",
    "returned": "came back",
    "chose": "selected",
    "selected": "chosen",
    "job": "position",
    "city": "town",
    "town": "city",
    "award": "prize",
    "prize": "award",
    "near": "close to",
    "worked": "was employed",
    "wrote": "authored",
    "often": "frequently",
    "frequently": "often",
    "important": "significant",
    "significant": "important",
    "main": "principal",
    "major": "important",
    "people": "persons",
    "children": "kids",
    "kids": "children",
    "shop": "store",
    "store": "shop",
    "stated": "said",
    "said": "stated",
    "told": "informed",
    "called": "named",
    "named": "called",
    "ended": "finished",
    "starting": "beginning",
    "seen": "viewed",
}


def swap_word(sentence: str, table: dict[str, str], rng: random.Random) -> str | None:
    """Replace one lower-case word found in ``table`` (chosen by rng), or None."""
    hits = [m for m in re.finditer(r"\b[a-z]+\b", sentence) if m.group() in table]
    if not hits:
        return None
    m = rng.choice(hits)
    return sentence[: m.start()] + table[m.group()] + sentence[m.end() :]


def new_year(year: str, rng: random.Random) -> str:
    return str(int(year) + rng.choice([-12, -7, -3, -2, -1, 1, 2, 3, 5, 9]))


def new_number(number: str, rng: random.Random) -> str:
    value = float(number.replace(",", ""))
    changed = rng.choice([value + rng.randint(1, 9), value * rng.choice([2, 3, 10]), max(value - rng.randint(1, 9), 0)])
    if changed == value:
        changed = value + 1
    text = f"{changed:.{len(number.split('.')[1])}f}" if "." in number else str(int(changed))
    return f"{int(text):,}" if "," in number and "." not in text else text


def swap_year(sentence: str, rng: random.Random) -> str | None:
    hits = list(YEAR.finditer(sentence))
    if not hits:
        return None
    m = rng.choice(hits)
    return sentence[: m.start()] + new_year(m.group(), rng) + sentence[m.end() :]


def swap_number(sentence: str, rng: random.Random) -> str | None:
    hits = [m for m in NUMBER.finditer(sentence) if not YEAR.fullmatch(m.group())]
    if not hits:
        return None
    m = rng.choice(hits)
    return sentence[: m.start()] + new_number(m.group(), rng) + sentence[m.end() :]


def swap_name(sentence: str, others: list[str], rng: random.Random) -> str | None:
    """Replace a capitalised name (not the first word) with a name from another page."""
    hits = [m for m in NAME.finditer(sentence) if m.group() not in NOT_NAMES]
    candidates = [o for o in others if o not in sentence]
    if not hits or not candidates:
        return None
    m = rng.choice(hits)
    return sentence[: m.start()] + rng.choice(candidates) + sentence[m.end() :]


NOT_NAMES = {"The", "A", "An", "In", "On", "He", "She", "It", "They", "This", "I", "We", "But", "And", "As"}


def flip_negation(sentence: str, rng: random.Random) -> str | None:
    """Remove a negation if there is one, else add "not" / "never" / "no longer" after an auxiliary,
    else "never" before a past-tense verb."""
    m = NEGATED.search(sentence)
    if m:
        return sentence[: m.start()] + m.group(1) + " " + sentence[m.end() :]
    m = AUX.search(sentence)
    if m:
        word = rng.choice(["not", "not", "never", "no longer"])
        return sentence[: m.end()] + " " + word + sentence[m.end() :]
    m = PAST_VERB.search(sentence)
    if m:
        return sentence[: m.start(1)] + "never " + sentence[m.start(1) :]
    return None


def reorder(sentence: str) -> str | None:
    """Move a leading adverbial clause ("In 2010, X did Y.") to the end ("X did Y in 2010.")."""
    m = LEAD_CLAUSE.match(sentence)
    if not m or (not m.group(2)[:1].isupper() and not m.group(2)[:1].isalpha()):
        return None
    rest, end = m.group(2), ""
    if rest[-1] in ".!?":
        rest, end = rest[:-1], rest[-1]
    lead = m.group(1)
    return rest[0].upper() + rest[1:] + " " + lead[0].lower() + lead[1:] + end


def drop_tail(sentence: str) -> str | None:
    """Drop a parenthesis or a trailing ", which/who/including ..." clause: a weaker claim, still entailed."""
    cut = re.sub(r" \([^()]{2,80}\)", "", sentence)
    if cut != sentence:
        return cut
    m = re.search(r", (?:which|who|including|where|while|with|making) [^,]+([.!?])$", sentence)
    return sentence[: m.start()] + m.group(1) if m else None


Variant = Callable[[str, random.Random], "str | None"]


def window(page: Page, keep: list[int], rng: random.Random, budget: int, lead: bool) -> str:
    """The given sentences in document order (joined by one space), led by their heading when asked."""
    text = " ".join(page.sentences[i] for i in sorted(keep))
    heading = page.headings[min(keep)].rstrip(".:;, ")
    if lead and heading and len(heading.split()) + len(text.split()) <= budget + 8:
        return f"{heading}: {text}"
    return text


def grow(page: Page, centre: int, budget: int, rng: random.Random, skip_centre: bool = False) -> list[int]:
    """Indices of ``centre`` and up to 3 neighbours that fit in ``budget`` words (centre left out on ask)."""
    want = rng.randint(1 if skip_centre else 0, 3)
    keep = [] if skip_centre else [centre]
    used = 0 if skip_centre else len(page.sentences[centre].split())
    for step in (-1, 1, -2, 2, -3, 3):
        j = centre + step
        if len(keep) >= want + (0 if skip_centre else 1) or not 0 <= j < len(page.sentences):
            continue
        size = len(page.sentences[j].split())
        if used + size <= budget and not near_copy(page.sentences[j], page.sentences[centre]):
            keep.append(j)
            used += size
    return keep


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3}


def near_copy(a: str, b: str) -> bool:
    """Two sentences sharing most content words (a duplicate line would make a "neither" pair wrong)."""
    wa, wb = content_words(a), content_words(b)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) > 0.6


@dataclass
class Maker:
    """Makes one perturbed pair from one sentence of a page, aiming at a label."""

    pages: list[Page]
    names: list[str]
    rng: random.Random

    def claim_for(self, label: str, sentence: str) -> tuple[str, str] | None:
        """A claim made from ``sentence`` that the sentence entails / contradicts, and how."""
        rng = self.rng
        if label == "supported":
            options: list[tuple[str, Variant]] = [
                ("copy", lambda s, r: s),
                ("reorder", lambda s, r: reorder(s)),
                ("synonym", lambda s, r: swap_word(s, SYNONYMS, r)),
                ("drop clause", lambda s, r: drop_tail(s)),
            ]
            weights = [1, 2, 2, 2]
        else:
            options = [
                ("swap number", swap_number),
                ("swap year", swap_year),
                ("swap name", lambda s, r: swap_name(s, self.names, r)),
                ("flip negation", flip_negation),
                ("antonym", lambda s, r: swap_word(s, ANTONYMS, r)),
            ]
            weights = [4, 4, 2, 2, 3]
        order = sorted(range(len(options)), key=lambda k: -(rng.random() ** (1 / weights[k])))
        for k in order:
            made = options[k][1](sentence, rng)
            if made and made != sentence:
                return made, options[k][0]
        return (sentence, "copy") if label == "supported" else None

    def make(self, page: Page, i: int, label: str) -> Pair | None:
        sentence, rng, lead = page.sentences[i], self.rng, self.rng.random() < 0.25
        if label == "neither":
            return self.neither(page, i, lead)
        made = self.claim_for(label, sentence)
        if made is None:
            return None
        claim, how = made
        budget = WORD_BUDGET - len(claim.split())
        evidence = window(page, grow(page, i, budget, rng), rng, budget, lead)
        return pair(claim, evidence, label, "perturbed", f"{page.pid}:{2 * i + 1}", how)

    def contrast(self, page: Page, i: int) -> list[Pair]:
        """A refuted claim and a supported one from the same sentence, against the same window: the
        model has to look at what differs, not at how much is shared."""
        sentence, rng, lead = page.sentences[i], self.rng, self.rng.random() < 0.25
        wrong = self.claim_for("refuted", sentence)
        if wrong is None:
            return []
        right = self.claim_for("supported", sentence) or (sentence, "copy")
        budget = WORD_BUDGET - max(len(wrong[0].split()), len(right[0].split()))
        evidence = window(page, grow(page, i, budget, rng), rng, budget, lead)
        where = f"{page.pid}:{2 * i + 1}"
        return [
            pair(right[0], evidence, "supported", "perturbed", where, f"{right[1]} (contrast pair)"),
            pair(wrong[0], evidence, "refuted", "perturbed", where, f"{wrong[1]} (contrast pair)"),
        ]

    def neither(self, page: Page, i: int, lead: bool) -> Pair | None:
        """The sentence against a window without it: its neighbours, or another page's sentences."""
        sentence, rng = page.sentences[i], self.rng
        budget = WORD_BUDGET - len(sentence.split())
        if rng.random() < 0.5:
            keep, source, how = grow(page, i, budget, rng, skip_centre=True), page, "claim sentence removed from window"
        else:
            source = rng.choice([p for p in self.pages if p.pid != page.pid])
            j = rng.randrange(len(source.sentences))
            keep, how = grow(source, j, budget, rng), f"window from another page ({source.pid})"
        keep = [j for j in keep if not near_copy(source.sentences[j], sentence)]
        if not keep:
            return None
        evidence = window(source, keep, rng, budget, lead)
        return pair(sentence, evidence, "neither", "perturbed", f"{page.pid}:{2 * i + 1}", how)


def perturbed_pairs(
    data: Path,
    rng: random.Random,
    folder: str = "wice-nst-train",
    per_page: int = SENTENCES_PER_PAGE,
    paired: bool = False,
) -> Iterator[Pair]:
    """Pairs from ``per_page`` sentences of each page of ``folder`` (nst-train; nst-dev for held-out
    figures only), labels dealt in turn; ``paired``: each refuted claim comes with a supported one
    against the same window (Maker.contrast)."""
    pages = [read_page(p) for p in sorted((data / folder / "docs").glob("*.txt"))]
    pages = [p for p in pages if len(p.sentences) >= 5]
    names = sorted({m.group() for p in pages for s in p.sentences for m in NAME.finditer(s)} - NOT_NAMES)
    maker = Maker(pages, names, rng)
    schedule = ["supported", "refuted", "refuted", "neither", "supported", "refuted", "neither", "supported"]
    turn = 0
    for page in pages:
        candidates = [i for i, s in enumerate(page.sentences) if usable(s)]
        for i in rng.sample(candidates, min(per_page, len(candidates))):
            label = (CONTRAST_SCHEDULE if paired else schedule)[turn % len(schedule)]
            turn += 1
            if label == "contrast":
                yield from maker.contrast(page, i)
                continue
            made = maker.make(page, i, label)
            if made is not None:
                yield made


CONTRAST_SCHEDULE = ["contrast", "neither", "contrast", "contrast", "neither", "contrast", "neither", "contrast"]


# --- all together -------------------------------------------------------------------------------


def build(
    data: Path, seed: int, without: tuple[str, ...] = (), per_page: int = SENTENCES_PER_PAGE, paired: bool = False
) -> list[Pair]:
    """All pairs, shuffled; ``without`` leaves sources out (healthver: a model free of its unlicensed text)."""
    rng = random.Random(seed)
    pairs = [
        *nst_pairs(data),
        *([] if "healthver" in without else healthver_pairs(data)),
        *perturbed_pairs(data, rng, per_page=per_page, paired=paired),
    ]
    rng.shuffle(pairs)
    return pairs


def write(pairs: list[Pair], out: Path) -> str:
    """Write JSONL (keys sorted, UTF-8, one pair a line); return its sha256."""
    text = "".join(json.dumps(p, ensure_ascii=False, sort_keys=True) + "\n" for p in pairs)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(text.encode("utf-8"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def summary(pairs: list[Pair]) -> str:
    by_source = Counter((p["source"], p["label"]) for p in pairs)
    by_how = Counter((p["label"], p["how"].split(" (")[0].split(",")[0]) for p in pairs)
    labels = Counter(p["label"] for p in pairs)
    lines = [f"{len(pairs)} pairs; " + ", ".join(f"{k} {v}" for k, v in sorted(labels.items()))]
    lines += [f"  {s:15} {lab:10} {n}" for (s, lab), n in sorted(by_source.items())]
    lines += [f"    {lab:10} {how:35} {n}" for (lab, how), n in sorted(by_how.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=REPO / "training" / "pairs.jsonl")
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--without", action="append", default=[], choices=["healthver"], help="leave a source out")
    parser.add_argument("--per-page", type=int, default=SENTENCES_PER_PAGE, help="sentences perturbed per page")
    parser.add_argument("--paired", action="store_true", help="refuted claims with a supported twin (contrast pairs)")
    args = parser.parse_args(argv)
    pairs = build(args.data, args.seed, tuple(args.without), args.per_page, args.paired)
    digest = write(pairs, args.out)
    print(summary(pairs), file=sys.stderr)
    print(f"{args.out}  sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
