"""``python -m factcheck.judges.rules``: the rules' reference page (docs/verdict-rules.md) on stdout."""

from factcheck.judges.rules import reference

print(reference(), end="")
