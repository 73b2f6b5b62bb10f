"""English: the words factcheck reads numbers, sentences and subjects with.

Language data lives here, not in the algorithms: another language is another module of
the same names (see ARCHITECTURE.md).
"""

from __future__ import annotations

from datetime import date

# -------------------- used by quantities/

SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}

TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}

SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1e12}

DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}

VAGUE = {
    "dozens": (24.0, 100.0),
    "scores": (40.0, 200.0),
    "hundreds": (200.0, 1000.0),
    "thousands": (2000.0, 1e5),
    "millions": (2e6, 1e9),
}

# Abbreviated scales written straight after a figure: "€3m", "$2bn", "40k".
SCALE_ABBREVIATIONS = {"m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "k": 1e3}

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

HEDGES: dict[str, str] = {
    "more than": "more",
    "over": "more",
    "above": "more",
    "upwards of": "more",
    "in excess of": "more",
    "greater than": "more",
    "exceeding": "more",
    "just over": "more",
    "well over": "more",
    "less than": "less",
    "fewer than": "less",
    "under": "less",
    "below": "less",
    "just under": "less",
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "a minimum of": "at_least",
    "at most": "at_most",
    "up to": "at_most",
    "no more than": "at_most",
    "a maximum of": "at_most",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just shy of": "nearly",
    "approaching": "nearly",
    "about": "approx",
    "around": "approx",
    "roughly": "approx",
    "approximately": "approx",
    "some": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "circa": "approx",
    "approx.": "approx",
    "~": "approx",
    "almost exactly": "exact",
    "exactly": "exact",
    "precisely": "exact",
}

UNIT_STOP = {
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "should",
    "must",
    "do",
    "does",
    "did",
    "past",
    "since",
    "after",
    "before",
    "around",
    "across",
    "into",
    "over",
    "under",
    "per",
    "than",
    "as",
    "like",
    "about",
    "between",
    "through",
    "during",
    "within",
    "without",
    "against",
    "among",
    "beyond",
    "toward",
    "towards",
    "until",
    "via",
    "when",
    "where",
    "while",
    "if",
    "but",
    "so",
    "not",
    "it",
    "they",
    "he",
    "she",
    "we",
    "you",
    "i",
    "this",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "there",
    "here",
    "then",
    "also",
    "each",
    "every",
    "all",
    "more",
    "less",
    "now",
    "only",
    "just",
    "ago",
    "later",
    "earlier",
    "percent",
    "said",
    "says",
    "say",
    "signed",
    "sent",
    "wrote",
    "including",
    "include",
    "includes",
    "out",
    "up",
    "down",
    "off",
    "last",
    "next",
}

SKIP_AFTER = {"of", "the", "all", "its", "their", "his", "her", "our", "those", "these", "them"}

# Nouns news writers use interchangeably for the same counted thing.
UNIT_SYNONYMS = {
    "organization": "group",
    "organisation": "group",
    "deal": "agreement",
    "pact": "agreement",
    "accord": "agreement",
    "partnership": "agreement",
    "department": "agency",
    "office": "agency",
    "person": "people",
    "individual": "people",
    "partner": "agency",
}

# Words just before a capitalised "May" that make it the month, not the verb: "in May", "mid-May".
MONTH_CUES = (
    "in",
    "by",
    "since",
    "until",
    "till",
    "from",
    "of",
    "during",
    "last",
    "next",
    "early",
    "late",
    "mid",
    "through",
    "before",
    "after",
    "this",
)

# Nouns after a four-digit figure that make it a count, not a year: "2000 people".
COUNTED_NOT_YEAR = (
    "people",
    "agencies",
    "organizations",
    "groups",
    "officers",
    "members",
    "cases",
    "residents",
    "times",
    "dollars",
)

# Words after a count that make it only part of a whole, with no upper bound: "100 other groups".
PARTIAL_MARKERS = ("other", "more", "additional", "further")

# "one" as a pronoun, not a count: the word before ("no one", "the one") or after ("one of", "one another").
ONE_PRONOUN_BEFORE = ("no", "any", "some", "every", "the", "this", "that", "which", "each", "only")
ONE_PRONOUN_AFTER = ("of", "another", "other", "way", "day", "thing", "by")

# Words before "half" that make it a share ("more than half", "about half"), not "second half".
HALF_CUES = ("than", "about", "nearly", "almost", "over", "roughly", "just", "a", "one")

# Terms of office, for eras named in the text ("at the end of the Obama administration").
ADMINISTRATIONS = {
    "clinton": (date(1993, 1, 20), date(2001, 1, 20)),
    "bush": (date(2001, 1, 20), date(2009, 1, 20)),
    "obama": (date(2009, 1, 20), date(2017, 1, 20)),
    "trump": (date(2017, 1, 20), date(2021, 1, 20)),
    "biden": (date(2021, 1, 20), date(2025, 1, 20)),
}


# -------------------- used by retrieval.py

STEMMER_LANGUAGE = "english"  # PyStemmer's Snowball algorithm

# Written as a block of words and split (hence the SIM905 noqa): 180 quoted strings would hide them.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves s t don said says say says mr ms mrs one""".split()
)

# Abbreviated titles read as the words they stand for: "Lt." matches "lieutenant".
ABBREVIATIONS = {
    "lt": "lieutenant",
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "sgt": "sergeant",
    "capt": "captain",
    "dept": "department",
    "govt": "government",
    "atty": "attorney",
    "pres": "president",
    "prof": "professor",
    "dr": "doctor",
    "sec": "secretary",
    "asst": "assistant",
}


# -------------------- used by documents.py

TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "lt",
    "sen",
    "sens",
    "rep",
    "reps",
    "gov",
    "gen",
    "col",
    "sgt",
    "capt",
    "cmdr",
    "adm",
    "maj",
    "st",
    "mt",
    "jr",
    "sr",
    "rev",
    "hon",
    "pres",
    "supt",
    "det",
    "insp",
    "atty",
    "no",
    "nos",
    "vs",
    "v",
    "fig",
    "figs",
    "dept",
    "ft",
    "ave",
    "blvd",
    "approx",
    "est",
    "vol",
    "pp",
    "cf",
    "al",
    "ph",
    "messrs",
}

MONTH_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}

SOFT_ABBREVIATIONS = {"inc", "co", "corp", "ltd", "etc", "llc", "bros"}

NEVER_END = {"e.g", "i.e", "cf"}

# Words that start a new sentence after an ambiguous abbreviation ("... in the U.S. The ...").
STARTERS = {
    "the",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "in",
    "a",
    "an",
    "but",
    "and",
    "however",
    "there",
    "his",
    "her",
    "their",
    "our",
    "on",
    "at",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "since",
    "for",
    "by",
    "with",
    "what",
    "meanwhile",
}

FURNITURE = {
    "top of page",
    "bottom of page",
    "see all",
    "see all video",
    "join the discussion",
    "leave a comment",
    "join the discussion leave a comment",
    "or",
    "to comment",
    "load more",
    "most popular",
    "recent posts",
    "learn more",
    "share",
    "share this",
    "print",
    "email",
    "advertisement",
    "skip to content",
    "skip to main content",
    "read more",
    "subscribe",
    "sign up",
    "log in",
    "comments",
    "related",
    "related articles",
    "back to top",
    "menu",
    "search",
    "close",
}

BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "title",
    "table",
    "hr",
    "figcaption",
    "aside",
    "nav",
    "dd",
    "dt",
    "main",
    "form",
}

SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}
