"""Judges: who turns a claim and the sentences found for it into a verdict.

A judge is chosen by name from :attr:`Settings.judge <factcheck.settings.Settings.judge>`
(``[tool.factcheck] judge``, ``--judge``); the rules (:mod:`.rules`) are the default and the first one;
``model`` (:mod:`.model`) is the rules with a small model reading the words after them. Another judge
is a class with the :class:`Judge` protocol,
registered with :func:`register` under a name; the verdict memory keys on its
:attr:`~Judge.identity`, so a changed model forgets what the old one decided.
"""

from __future__ import annotations

from collections.abc import Callable

from factcheck.errors import FactcheckError
from factcheck.judges import rules
from factcheck.judges.base import Case, Judge
from factcheck.settings import Settings

JudgeFactory = Callable[[Settings], Judge]  # a run's settings -> the judge it uses


def _model_judge(settings: Settings) -> Judge:
    """The model judge (judges/model/), imported only when asked for: numpy and its files are not every run's."""
    from factcheck.judges.model.judge import ModelJudge

    return ModelJudge.of(settings)


_JUDGES: dict[str, JudgeFactory] = {rules.NAME: rules.RulesJudge.of, "model": _model_judge}

__all__ = ["Case", "Judge", "JudgeFactory", "judge_for", "names", "register"]


def register(name: str, factory: JudgeFactory) -> None:
    """Make a judge available as ``judge = "<name>"``; a name registered again is replaced."""
    _JUDGES[name] = factory


def names() -> list[str]:
    return sorted(_JUDGES)


def judge_for(settings: Settings) -> Judge:
    """The judge the settings name."""
    factory = _JUDGES.get(settings.judge)
    if factory is None:
        raise FactcheckError(f"unknown judge '{settings.judge}'", hint="one of: " + ", ".join(names()))
    return factory(settings)
