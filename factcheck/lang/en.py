"""English: the words and patterns factcheck reads numbers, dates, sentences and subjects with.

Language data lives here, not in the algorithms: ``ENGLISH`` (at the end) gathers it into
the one :class:`~factcheck.lang.base.Language` value the rest of the package reads. Another
language is another module building its own (see ARCHITECTURE.md).
"""

from __future__ import annotations

from datetime import date

from factcheck.lang.base import Language, Patterns, groups, oppositions, phrases, sides, word_set

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
    "as much as": "at_most",
    "as many as": "at_most",
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
    "memory": "byte",  # an amount of memory is in bytes: "about 1200 k of memory" is 1,200,000 bytes
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

# A month whose year is the last year the sentence before names, shifted: "In October of the same year".
YEAR_ANAPHORA = {
    "the same year": 0,
    "that year": 0,
    "that same year": 0,
    "the following year": 1,
    "the next year": 1,
    "the previous year": -1,
    "the year before": -1,
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

# Units written as symbols after a figure ("1GB", "2.4 GHz"), case kept: the unit they measure in and its factor.
MEASURES: dict[str, tuple[str, float]] = {
    "kB": ("byte", 1e3),
    "KB": ("byte", 1e3),
    "MB": ("byte", 1e6),
    "GB": ("byte", 1e9),
    "TB": ("byte", 1e12),
    "PB": ("byte", 1e15),
    "KiB": ("byte", 2.0**10),
    "MiB": ("byte", 2.0**20),
    "GiB": ("byte", 2.0**30),
    "TiB": ("byte", 2.0**40),
    "bytes": ("byte", 1.0),
    "kilobytes": ("byte", 1e3),
    "megabytes": ("byte", 1e6),
    "gigabytes": ("byte", 1e9),
    "terabytes": ("byte", 1e12),
    "kibibytes": ("byte", 2.0**10),
    "mebibytes": ("byte", 2.0**20),
    "gibibytes": ("byte", 2.0**30),
    "tebibytes": ("byte", 2.0**40),
    "kilobyte": ("byte", 1e3),
    "kbyte": ("byte", 1e3),  # "about 2300 kbytes": the counted noun, singular
    "mbyte": ("byte", 1e6),
    "gbyte": ("byte", 1e9),
    "megabyte": ("byte", 1e6),
    "gigabyte": ("byte", 1e9),
    "terabyte": ("byte", 1e12),
    "kibibyte": ("byte", 2.0**10),
    "mebibyte": ("byte", 2.0**20),
    "gibibyte": ("byte", 2.0**30),
    "tebibyte": ("byte", 2.0**40),
    "bps": ("bit/s", 1.0),
    "kbps": ("bit/s", 1e3),
    "Kbps": ("bit/s", 1e3),
    "Mbps": ("bit/s", 1e6),
    "Gbps": ("bit/s", 1e9),
    "kbit/s": ("bit/s", 1e3),
    "Mbit/s": ("bit/s", 1e6),
    "Gbit/s": ("bit/s", 1e9),
    "Hz": ("hertz", 1.0),
    "kHz": ("hertz", 1e3),
    "MHz": ("hertz", 1e6),
    "GHz": ("hertz", 1e9),
    "kW": ("watt", 1e3),
    "MW": ("watt", 1e6),
    "GW": ("watt", 1e9),
    "kWh": ("watt-hour", 1e3),
    "MWh": ("watt-hour", 1e6),
    "GWh": ("watt-hour", 1e9),
    "mm": ("metre", 1e-3),
    "cm": ("metre", 1e-2),
    "km": ("metre", 1e3),
    "mg": ("gram", 1e-3),
    "kg": ("gram", 1e3),
    "ms": ("second", 1e-3),
    "µs": ("second", 1e-6),
    "ns": ("second", 1e-9),
}

# Before "from X to Y" (or "X to Y" after "between"): a range of values, not a change from one to the other.
RANGE_WORDS = frozenset({"range", "ranges", "ranged", "ranging", "vary", "varies", "varied", "varying", "anywhere"})
RANGE_JOINERS = {"between": "and", "from": "to"}
# "The default for UID_MIN (resp. UID_MAX) is 1000 (resp. 60000)": the second figure is the second name's.
RESPECTIVELY = ("resp.", "respectively")

# Versions: the words before ("version 2.6") and after ("the 2.4 series") that make a dotted number a version.
VERSION_KEYWORDS = ("version", "versions", "release", "releases", "v", "ver", "ver.")
VERSION_SERIES = ("series", "branch", "branches", "line", "release", "releases", "version", "versions")
# Capitalised words before a dotted number that name a part of a document or a scale, not a product.
NOT_PRODUCTS = frozenset(
    """figure fig table section chapter appendix page part step item rule article paragraph clause equation eq
    note notes box listing example exercise lemma theorem definition proposition corollary question annex exhibit
    schedule volume vol issue grade level class phase stage tier category magnitude score rating size verse
    line lines""".split()
)
VERSION_LATER = (
    "or newer",
    "or later",
    "or higher",
    "or above",
    "or greater",
    "and later",
    "and newer",
    "and above",
    "and up",
    "or up",
    "+",
)
VERSION_SINCE = (
    "since",
    "as of",
    "starting with",
    "starting from",
    "starting in",
    "started with",
    "started in",
    "beginning with",
    "began with",
    "from",
)
VERSION_RELATIVE = ("since", "from", "before", "after", "than", "until", "prior to", "compared to", "compared with")
VERSION_EARLIER = ("or older", "or earlier", "or lower", "or below", "and earlier", "and older", "and below")

# A change from an old value to a new one: "cut from $40 to $25", "up from 38", "went from 3 to 5".
CHANGE_WORDS = frozenset(
    """cut cuts cutting raise raised raises raising increase increased increases increasing reduce reduced reduces
    reducing lower lowered lowers lowering drop dropped drops dropping grow grew grows growing grown rise rose rises
    rising risen fall fell falls falling fallen go went goes going gone change changed changes changing move moved
    moves moving jump jumped jumps climb climbed climbs decline declined declines decrease decreased decreases
    expand expanded expands shrink shrank shrinks shrunk slash slashed hike hiked boost boosted bump bumped up down
    double doubled triple tripled halve halved revise revised update updated adjust adjusted switch switched
    upgrade upgraded downgrade downgraded extend extended shorten shortened bring brought""".split()
)
# A value or state no longer so: read as replaced, never as what is true now.
FORMER_CUES = (
    "previously",
    "formerly",
    "used to",
    "no longer",
    "originally",
    "until recently",
    "in the past",
    "at one time",
    "was once",
    "were once",
    "had once",
)
# The tense of a statement: of now, or of a past time.
PRESENT_CUES = frozenset({"is", "are", "am", "has", "have", "now", "currently", "today", "presently", "remains"})
PAST_CUES = frozenset({"was", "were", "had", "did", "used", "previously", "formerly", "ago", "once", "originally"})
IRREGULAR_PAST = frozenset(
    """ran grew rose fell went took made saw came became gave got began brought bought built held kept left led lost
    met paid put sold spent stood told thought won wrote drew drove fought found flew forgot hid hit hung knew laid
    lay meant read rode rang sang sank sat shot shut slept spoke stole struck swam swore taught threw understood
    woke wore""".split()
)

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


# -------------------- used by words.py (retrieval, subjects)

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


# -------------------- used by corpus/sentences.py

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

NEVER_END = {"e.g", "i.e", "cf", "resp", "viz"}  # "UID_MIN (resp. UID_MAX)"

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

# Furniture by its words: "see all" in a short line, a line opening "join the discussion".
FURNITURE_SHORT = ("see all",)
FURNITURE_OPENINGS = ("join the discussion",)


# -------------------- used by quantities/ (more)

# Words that multiply the group before them ("two dozen", "three hundred"); "thousand" and above
# (SCALES) close a group instead ("two thousand five").
MULTIPLIERS = {"dozen": 12, "hundred": 100}

# Month names that are also common words: "may" is a month only capitalised, after a cue ("in May").
AMBIGUOUS_MONTHS = frozenset({"may"})

# Words before "half" that belong to the share: "a half", "one half".
HALF_LEAD = ("a", "one")

# The edges of an era that are its last day ("the end of the Obama administration", "when Obama left office").
ERA_ENDING_EDGES = ("end", "close", "left")

# Clause openers: where one statement of a claim ends and the next begins ("formed in 1986 and toured Japan").
CLAUSE_BREAKS = (
    "and",
    "but",
    "while",
    "whereas",
    "although",
    "though",
    "before",
    "after",
    "because",
    "which",
    "who",
    "yet",
)
# Words an item under a version's heading says by standing there: "* Support for lzip" under "version 2.6".
CHANGELOG_WORDS = frozenset(
    """add added adds adding introduce introduced introduces new gain gained gains now ship shipped ships bring
    brought brings include included includes feature featured features debut debuted arrive arrived arrives
    land landed lands appear appeared appears available become became becomes""".split()
)
# Words a version beside a date says: "version 2.7 - 2019-03-14" is its release.
RELEASE_WORDS = frozenset({"release", "released", "releases", "releasing", "out", "came", "published", "shipped"})

# After a figure, a factor ("a 1.25x speedup", "2.5 times faster"), never a version.
FACTOR_WORDS = frozenset({"x", "times", "fold"})

# A rate's unit written short ("/yr", "per annum", "per capita"): the unit it means.
PER_UNITS = {
    "annum": "year",
    "yr": "year",
    "d": "day",
    "h": "hour",
    "hr": "hour",
    "sec": "second",
    "s": "second",
    "min": "minute",
    "wk": "week",
    "mo": "month",
    "head": "person",
    "capita": "person",
}

# After a noun: a verb ("sheriffs participating in"), so the noun phrase ended.
VERB_ENDINGS = ("ing", "ed")
ADVERB_ENDINGS = ("ly",)
CONDITIONALS = frozenset({"if", "unless", "whenever"})


def singular(word: str) -> str:
    """A light singular, lowercased, possessive off: enough to match "agencies" with "agency"."""
    w = word.lower().strip("'’").replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "xes", "ches", "shes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    return w


def plural(noun: str) -> str:
    """ "agency" -> "agencies", "box" -> "boxes"."""
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def is_plural(noun: str) -> bool:
    """Whether a lowercased noun looks plural: "agencies", not "bus" or "analysis"."""
    return noun.endswith("s") and not noun.endswith(("ss", "us", "is"))


# -------------------- used by corpus/dates.py

DATE_LABELS = ("posted", "published", "updated", "date", "dated", "for immediate release", "released")


# -------------------- used by disagreements/naming.py

PREPOSITIONS = {"in", "of", "at", "for", "on", "from", "by", "with", "past", "under", "across", "per", "about"}
DETERMINERS = {"the", "a", "an", "their", "its", "his", "her", "our", "this", "that", "these", "those", "all"}
# Words of time, never the words a subject's statements share (compared by stem).
TIME_WORDS = ("year", "month", "day", "week", "time", "end", "administration")


# -------------------- used by words.py: the small words inside a name its acronym skips ("ICE")

ACRONYM_JOINERS = ("of", "and", "for", "the", "on", "de", "&")


# -------------------- patterns (see factcheck/lang/base.py: templates, "{{" a literal brace)

# Units and scales written straight after a figure: a measurement, not a name ("40GHz", "1KB", "10k").
_MEASURE_SUFFIXES = "|".join(
    (
        "[kMG]?Hz",
        "[KMGTP]i?B",
        "[kKMG]b",
        "[km]?g",
        "[kcm]?m",
        "[mk]?l",
        "[kMG]Wh?",
        "mph",
        "kph",
        "bn",
        "mn",
    )
)

PATTERNS = Patterns(
    clock_time=r"\b\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?",
    clock_time_zone=r"\b\d{{1,2}}\.\d{{2}}\s?(?:[AaPp]\.?[Mm]\.?|[A-Z]{{2}}T|GMT|UTC)(?![\w])",
    hour=r"\b\d{{1,2}}\s*[ap]\.m\.",
    numbered_item=r"\b(?:No\.|#)\s?\d+\b",
    slashed=r"\b\d+(?:/\d+)+(?:st|nd|rd|th)?\b",
    digit_letter_name=(r"(?<![$€£.\d])\b\d+(?!(?:" + _MEASURE_SUFFIXES + r")\b)[A-Za-z]+\d*\b(?<!\d(?:st|nd|rd|th))"),
    version=r"\b\d+\.\d+\.\d+(?:\.\d+)*\b|\b(?:v|ver\.?|version|release)\s?\d+(?:\.\d+)+\b",
    version_dotted=r"(?<![\w.])(?P<num>\d+(?:\.\d+){{2,}})(?![\w]|\.\d)",
    version_keyword=r"\b(?P<word>{keywords}):?\s?(?P<num>\d+(?:\.\d+)*)(?![\w]|\.\d|,\d)",
    version_series=r"(?<![\w.$€£])(?P<num>\d+\.\d+)(?:\.x)?\s+(?:{series})\b",
    version_package=r"(?<![\w.-])(?P<name>[A-Za-z][\w+]*)-(?P<num>\d+\.\d+(?:\.\d+)*)(?![\w]|\.\d)",
    version_heading=r"^\W{{0,3}}(?P<num>\d+(?:\.\d+)+)(?![\w%]|\.\d|,\d|\s?(?:%|percent\b))",
    version_named=r"(?<![\w.])(?P<name>[A-Z][\w+#]*)\s(?P<num>\d+\.\d+(?:\.\d+)*)(?![\w]|\.\d|\s?%)",
    date_dotted=r"(?<![\d.])(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.(?P<year>(?:19|20)\d{{2}})\b(?!\.\d)",
    date_slashed=r"(?<![\d/])(?P<a>\d{{1,4}})/(?P<b>\d{{1,2}})/(?P<c>\d{{1,4}})\b(?!/)",
    range=(
        r"(?:\b(?P<lead>between|from)\s+)?(?P<cur>[$€£])?(?:(?<![\w.,\-−])(?P<neg>[-−])(?=\d))?"
        r"(?P<a>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:{number_word})\b)"
        r"(?P<pa>\s?(?:%|percent\b|per\s?cent\b))?\s*(?P<join>\band\b|\bto\b|–|—|-)\s*(?:[$€£])?(?:(?<=\s)(?P<negb>[-−])(?=\d))?"
        r"(?P<b>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:{number_word})\b)(?![\d.,]*\d)"
    ),
    measure=r"(?<![\w.,$€£])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?P<unit>{symbols})(?![\w/])",
    date_mdy=r"\b(?P<month>{months})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>{year})\b)?",
    date_dmy=r"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{months})\.?(?:,?\s+(?P<year>{year}))?\b",
    date_my=r"\b(?P<month>{full_months}|{months}\.)\s+(?:of\s+)?(?P<year>{year})\b",
    year=r"(?<![\d$€£.,])\b(?P<year>{year})\b(?!\s?(?:%|percent|per cent))(?![.,]\d)",
    count_not_year=r"\s+(?:of\s+)?(?:{counted})\b",
    ratio=r"\b(?P<a>\d+|{number_word}) (?:in|out of) (?P<b>\d+|{number_word})\b",
    digits=(
        r"(?<![\w.,])(?P<cur>[$€£])?\s?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        r"(?P<scale>\s?(?:{scales}|[mbk]n?)\b)?"
        r"(?!(?<=1)st\b|(?<=2)nd\b|(?<=3)rd\b|th\b|\d)"  # not an ordinal: "61st", "8th"
    ),
    percent_tail=r"\s?(?:%|percent\b|per\s?cent\b|percentage points?\b|pct\b)",
    fraction=r"\b(?P<num>a|an|one|{number_word})[\s-]+(?P<den>{denominators})\b|\b(?P<half>half)\b",
    half_after=r" of",
    possessive=r"[’']s\b",
    single=r"\ba single\b",
    vague=r"\b({vague})\b(?=\s+of\b)",
    any_number=(
        r"\d|\b(?i:{number_word}|half|thirds?|quarters?|dozens?|hundreds|thousands|millions|scores|single)\b"
        r"|\b(?:{months_capitalised})\b"
    ),
    number_words=(
        r"\b(?:(?:a|{number_word})(?:[\s-]+(?:{number_word}|hundred|thousand|million|billion|dozen"
        r"|and(?=[\s-]+(?:{number_word}))))*)\b"
    ),
    per=(
        r"^\s*(?:[A-Za-z][\w'’-]*\s+){{0,3}}?(?:a|an|per|each|every)\s+(?P<per>second|minute|hour|day|night|week|"
        r"month|quarter|year|annum|person|head|capita)s?\b(?!\s+(?:ago|earlier|later|before|after))"
        r"|^\s*[A-Za-z]*\s?/\s?(?P<slash>s|sec|min|h|hr|day|d|wk|mo|yr|year)\b"
    ),
    era=(
        r"\b(?:(?:at|by|near|toward|towards)?\s*the\s+(?P<edge>end|start|beginning|close|outset)\s+of\s+(?:the\s+)?"
        r"(?:president\s+)?(?P<who>{eras})(?:['’]s)?\s+(?:administration|presidency|term|tenure)\b"
        r"|(?:when|as|after|once)\s+(?:president\s+)?(?P<who2>{eras})\s+(?P<edge2>left|took)\s+office\b)"
    ),
    document_date=(r"\b(?P<month>{months})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b"),
    part_before=r"\b(?:those|these|of\s+them|of\s+those|including|among\s+them)\s*$",
    whole_after=r"\s+of\s+(?:all|the)\b",
    age_after=r"[\s-]*(?:years?|months?|weeks?)[\s-]old\b",
    word=r"[^\W_]+(?:n['’]t)?",
    negation=(
        r"(?<![\w-])(?!no\s+(?:more|fewer|less)\s+than\b)(?!not\s+only\b)(?!no\.)"  # hedges and "No. 5"
        r"(?:{cues})(?![\w-])|\w+n['’]t\b"
    ),
)


ENGLISH = Language(
    name="en",
    stemmer=STEMMER_LANGUAGE,
    stopwords=STOPWORDS,
    abbreviations=ABBREVIATIONS,
    acronym_joiners=ACRONYM_JOINERS,
    small=SMALL,
    tens=TENS,
    scales=SCALES,
    multipliers=MULTIPLIERS,
    number_joiners=frozenset({"and"}),
    number_article="a",
    articles=frozenset({"a", "an"}),
    one="one",
    one_pronoun_before=ONE_PRONOUN_BEFORE,
    one_pronoun_after=ONE_PRONOUN_AFTER,
    denominators=DENOMINATORS,
    half_cues=HALF_CUES,
    half_lead=HALF_LEAD,
    vague=VAGUE,
    scale_abbreviations=SCALE_ABBREVIATIONS,
    partial_markers=PARTIAL_MARKERS,
    counted_not_year=COUNTED_NOT_YEAR,
    measures=MEASURES,
    range_words=RANGE_WORDS,
    range_joiners=RANGE_JOINERS,
    respectively=RESPECTIVELY,
    range_alone=frozenset({"to"}),
    average_cues=("on average", "average", "averages", "averaged", "averaging", "mean", "median"),
    version_keywords=VERSION_KEYWORDS,
    version_series=VERSION_SERIES,
    not_products=NOT_PRODUCTS,
    version_later=VERSION_LATER,
    version_earlier=VERSION_EARLIER,
    version_since=VERSION_SINCE,
    version_least=("at least", "minimum", ">=", "≥"),
    version_relative=VERSION_RELATIVE,
    change_words=CHANGE_WORDS,
    change_from="from",
    change_reach=3,
    former_cues=FORMER_CUES,
    turn_words=frozenset({"but", "now", "instead", "whereas", "however", "today", "currently", "nowadays"}),
    present_cues=PRESENT_CUES,
    past_cues=PAST_CUES,
    past_suffix="ed",
    adverb_suffix="ly",
    irregular_past=IRREGULAR_PAST,
    months=MONTHS,
    month_abbreviations=frozenset(MONTH_ABBREVIATIONS),
    ambiguous_months=AMBIGUOUS_MONTHS,
    month_cues=MONTH_CUES,
    year_anaphora=YEAR_ANAPHORA,
    eras=ADMINISTRATIONS,
    era_ending_edges=ERA_ENDING_EDGES,
    date_labels=DATE_LABELS,
    hedges=HEDGES,
    unit_stop=frozenset(UNIT_STOP),
    skip_after=frozenset(SKIP_AFTER),
    unit_synonyms=UNIT_SYNONYMS,
    conjunctions=frozenset({"and", "or"}),
    verb_endings=VERB_ENDINGS,
    adverb_endings=ADVERB_ENDINGS,
    conditionals=CONDITIONALS,
    per_units=PER_UNITS,
    singular=singular,
    plural=plural,
    is_plural=is_plural,
    titles=frozenset(TITLES),
    soft_abbreviations=frozenset(SOFT_ABBREVIATIONS),
    never_end=frozenset(NEVER_END),
    starters=frozenset(STARTERS),
    furniture=frozenset(FURNITURE),
    furniture_short=FURNITURE_SHORT,
    furniture_openings=FURNITURE_OPENINGS,
    question_openers=word_set("en-question-openers.txt"),
    clause_breaks=CLAUSE_BREAKS,
    changelog_words=CHANGELOG_WORDS,
    release_words=RELEASE_WORDS,
    factor_words=FACTOR_WORDS,
    generic=word_set("en-generic.txt"),
    logical=word_set("en-logical.txt"),
    particles=frozenset(
        {"up", "out", "in", "back"}
    ),  # "start up", "log in", "back up"; not "cut off": "cutoff" is a noun
    asserting_small_words=word_set("en-asserting-small-words.txt"),
    synonyms=groups("en-synonyms.txt"),
    word_vectors="en-vectors.npz",
    unalike=sides("en-unalike.txt"),
    negative_prefixes=("un", "in", "im", "il", "ir", "dis", "non", "anti", "mis", "de"),
    degree_endings=("est", "st"),  # not "er": "owner" / "owned", "founder" / "founded" are alike
    literal=word_set("en-literal.txt"),
    negations=phrases("en-negations.txt"),
    antonyms=oppositions("en-antonyms.txt"),
    complements=oppositions("en-complements.txt"),
    prospects=phrases("en-prospects.txt"),
    future_words=word_set("en-future-words.txt"),
    past_auxiliaries=frozenset({"was", "were", "had"}),
    prepositions=frozenset(PREPOSITIONS),
    determiners=frozenset(DETERMINERS),
    time_words=TIME_WORDS,
    share_of="share of",
    shares="shares",
    values="values",
    money="amounts of money",
    probe_noun="things",
    patterns=PATTERNS,
)
"""English, the default language of every function that reads words."""
