"""Before a session: how the hamstrings feel, and what that means for today.

The athlete answers a few questions (``QUESTIONS``, which the readiness
dialog is built from); ``assess`` turns the answers into guidance at one of
four levels (``GuidanceLevel``):

* "go": no soreness or the ordinary mild kind - train as planned.
* "easy": soreness of 5-6 (enough to change how you move), or mild pain (up
  to about 3-4 out of 10) in the leg - lighter hamstring work. The session
  offered is ``app.usecases.today.lighter``: one set fewer and a fifth less load. Mild
  pain is within the physiotherapy rule of thumb for going on (it must not
  climb, must settle and be no worse the next morning), and soreness 5-6
  is the articles' "changes how you move": both call for less, not none.
* "rest": soreness of 7 or more (``REST_SORENESS``) - a rest day or a
  low-impact one (swimming, cycling), as the articles advise for soreness
  that is really uncomfortable; not the same Nordics with a set fewer.
* "stop": a red flag - sharp, electric or spreading pain, numbness or
  tingling, trouble walking a few steps, or pain above about 3-4 out of 10
  in the leg or during or after a run - stop and see a clinician.

After "rest" or "stop" the athlete may still start; the session then runs
without its heavy hamstring work (app.usecases.session_start). Mild pain during or
after a run is noted in the guidance but changes no level: the leg's own
answers say how today's session should go. After a hard run (a quality run,
a long run or a race, done today or yesterday: app.coaching.recovery.
recent_hard_run), which counts like a heavy hamstring session (coaching
convention, issue 18), mild pain during or after it makes an easy day: the
lighter session.

The rules follow the articles' advice on sore hamstrings and the
physiotherapy rule of thumb for running with pain (resources/sources.toml:
article-improve-running, physio-pain-rule). The app gives guidance, never a
diagnosis, and every text says so.

The answers are stored with the session (workout_session.readiness) as the
dict of ``ReadinessAnswers.to_dict()``, which carries a version number so a
later app can read old answers: version 2 added ``run_pain``; version 1
answers read back with ``run_pain`` None (not asked).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.kernel.i18n import QT_TRANSLATE_NOOP, format_integer, translate


class PainLevel(StrEnum):
    """How much pain: none; mild, up to about 3-4 out of 10; more than that."""

    NONE = "none"
    MILD = "mild"
    MORE = "more"


class GuidanceLevel(StrEnum):
    GO = "go"
    EASY = "easy"
    REST = "rest"
    STOP = "stop"


PAIN_LEVELS = tuple(level.value for level in PainLevel)
LEVELS = tuple(level.value for level in GuidanceLevel)
SORENESS_RANGE = (0, 10)
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)  # version 1: before the run-pain question (run_pain None)

# From this soreness on, the day is an easy one. The articles' line is
# between soreness that is "normal and mild" (train) and soreness that
# "changes your running form or is really uncomfortable" (switch to
# low-impact work until it settles). The question anchors the 0-10 scale to
# exactly that line - 1-4 you notice it but move normally, 5 and up it
# changes how you move - so the threshold means what the athlete was told.
EASY_SORENESS = 5
# From this soreness on, a rest or low-impact day. The articles: soreness that
# "is really uncomfortable" calls for low-impact activities (swimming,
# cycling) until it settles. On the scale the athlete answers, 8 is "very
# sore"; 7 is where it is clearly past the soreness that only changes how you
# move (5-6), so the heavy work of the day is not offered as such.
REST_SORENESS = 7

NOT_A_DIAGNOSIS = QT_TRANSLATE_NOOP("readiness", "This is guidance from your answers, not a diagnosis.")


class ReadinessError(ValueError):
    """An answer that cannot be used; ``field`` names the question."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class ReadinessAnswers:
    """The athlete's answers before a session.

    ``soreness`` 0-10 (the scale of the soreness question); ``pain`` in the
    back of the thigh: none, mild (up to about 3-4 out of 10) or more;
    ``sharp_pain`` sharp, electric or spreading pain; ``numbness`` numbness
    or tingling; ``can_walk`` can walk a few steps without significant pain;
    ``run_pain`` pain during or after a run, None when not asked (answers
    stored before the question existed).
    """

    soreness: int
    pain: PainLevel
    sharp_pain: bool
    numbness: bool
    can_walk: bool = True
    run_pain: PainLevel | None = None

    def __post_init__(self) -> None:
        low, high = SORENESS_RANGE
        if isinstance(self.soreness, bool) or not isinstance(self.soreness, int) \
                or not low <= self.soreness <= high:
            raise ReadinessError("soreness", f"must be a whole number from {low} to {high}, "
                                             f"got {self.soreness!r}")
        object.__setattr__(self, "pain", _pain_level("pain", self.pain))
        if self.run_pain is not None:
            object.__setattr__(self, "run_pain", _pain_level("run_pain", self.run_pain))
        for name in ("sharp_pain", "numbness", "can_walk"):
            if not isinstance(getattr(self, name), bool):
                raise ReadinessError(name, f"must be true or false, got {getattr(self, name)!r}")

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form stored with the session."""
        return {"version": FORMAT_VERSION, "soreness": self.soreness, "pain": str(self.pain),
                "sharp_pain": self.sharp_pain, "numbness": self.numbness,
                "can_walk": self.can_walk,
                "run_pain": None if self.run_pain is None else str(self.run_pain)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReadinessAnswers:
        """Read stored answers back (version 1 or 2); ReadinessError if they
        are neither. Version-1 answers have no run pain: it reads as None."""
        if not isinstance(data, Mapping):
            raise ReadinessError("readiness", "must be a mapping of answers")
        version = data.get("version")
        if type(version) is not int or version not in READABLE_VERSIONS:
            raise ReadinessError("version", f"must be one of "
                                            f"{', '.join(map(str, READABLE_VERSIONS))}, "
                                            f"got {version!r}")
        missing = [key for key in ("soreness", "pain", "sharp_pain", "numbness") if key not in data]
        if missing:
            raise ReadinessError(missing[0], "is missing")
        return cls(soreness=data["soreness"], pain=data["pain"], sharp_pain=data["sharp_pain"],
                   numbness=data["numbness"], can_walk=data.get("can_walk", True),
                   run_pain=data.get("run_pain") if version >= 2 else None)


def _pain_level(field: str, value: object) -> PainLevel:
    # A plain string equal to a level is that level (stored answers are JSON).
    if isinstance(value, str) and value in PAIN_LEVELS:
        return PainLevel(value)
    raise ReadinessError(field, f"must be one of {', '.join(PAIN_LEVELS)}, got {value!r}")


def stored_soreness(readiness: Mapping[str, Any] | None) -> int | None:
    """The soreness answer of a session's stored readiness, or None when
    there is none or it cannot be read (never asked, edited by hand, an
    unknown version): a missing answer is not guessed."""
    if readiness is None:
        return None
    try:
        return ReadinessAnswers.from_dict(readiness).soreness
    except ReadinessError:
        return None


def stored_run_pain(readiness: Mapping[str, Any] | None) -> PainLevel | None:
    """The run-pain answer of a session's stored readiness, or None when it
    was not asked (version-1 answers), there is none, or it cannot be read."""
    if readiness is None:
        return None
    try:
        return ReadinessAnswers.from_dict(readiness).run_pain
    except ReadinessError:
        return None


@dataclass(frozen=True)
class Guidance:
    level: GuidanceLevel
    title: str
    text: str
    sources: tuple[str, ...]  # ids in resources/sources.toml

    @property
    def holds_back_heavy_work(self) -> bool:
        """Starting anyway at this level runs the session without its heavy
        hamstring work (Nordics, heavy hinges): a red flag or soreness from
        REST_SORENESS never gets the full dose."""
        return self.level in (GuidanceLevel.REST, GuidanceLevel.STOP)


def assess(answers: ReadinessAnswers, *, hard_run: str | None = None) -> Guidance:
    """Today's guidance from the answers. Red flags win over everything.
    ``hard_run``: the kind ("quality", "long", "race") of a hard run done
    today or yesterday, None when there was none."""
    flags = []
    if answers.sharp_pain:
        flags.append(translate("readiness", "sharp, electric or spreading pain",
                               "red flag: You reported ..."))
    if answers.numbness:
        flags.append(translate("readiness", "numbness or tingling", "red flag: You reported ..."))
    if not answers.can_walk:
        flags.append(translate("readiness", "trouble walking a few steps without real pain",
                               "red flag: You reported ..."))
    if answers.pain is PainLevel.MORE:
        flags.append(translate("readiness", "pain above about 3-4 out of 10",
                               "red flag: You reported ..."))
    # Pain above 3-4/10 in a run is the same red flag as in the leg at rest:
    # the physiotherapy rule of thumb for running with pain draws its line there.
    if answers.run_pain is PainLevel.MORE:
        flags.append(translate("readiness", "pain above about 3-4 out of 10 during or after a run",
                               "red flag: You reported ..."))
    not_a_diagnosis = translate("readiness", NOT_A_DIAGNOSIS)
    if flags:
        return Guidance(
            GuidanceLevel.STOP, translate("readiness", "Stop for today and see a clinician"),
            translate("readiness", "You reported {flags}. That is a reason to stop hamstring "
                      "training and running for now and have a physiotherapist or doctor look at "
                      "it before you go on. {not_a_diagnosis}").format(
                flags=_joined(flags), not_a_diagnosis=not_a_diagnosis),
            ("physio-pain-rule",))
    guidance = _without_red_flags(answers, not_a_diagnosis)
    if answers.run_pain is PainLevel.MILD and hard_run is not None \
            and guidance.level is GuidanceLevel.GO:
        # The hard run counts like a heavy session: pain after it is pain after training.
        return Guidance(
            GuidanceLevel.EASY, translate("readiness", "An easy day"),
            translate("readiness", "You noted mild pain during or after your {run}, which was "
                      "today or yesterday. A hard run counts like a heavy hamstring session "
                      "(coaching convention), so keep today's strength work light: the lighter "
                      "session. Keep your runs easy, and stop running if the pain climbs, does "
                      "not settle, or is worse the next morning. {not_a_diagnosis}").format(
                run=translate("readiness", _HARD_RUN_WORDS.get(hard_run, _HARD_RUN_WORDS["quality"])),
                not_a_diagnosis=not_a_diagnosis),
            ("physio-pain-rule", "coaching-convention"))
    if answers.run_pain is PainLevel.MILD:
        # Noted, not a level of its own: the leg's answers decide today's session.
        note = translate("readiness", "You noted mild pain during or after a run: keep your runs "
                         "easy, and stop running if it climbs, does not settle, or is worse the "
                         "next morning.")
        guidance = Guidance(guidance.level, guidance.title,
                            guidance.text.replace(not_a_diagnosis, f"{note} {not_a_diagnosis}"),
                            tuple(dict.fromkeys((*guidance.sources, "physio-pain-rule"))))
    return guidance


_HARD_RUN_WORDS = {"quality": QT_TRANSLATE_NOOP("readiness", "quality run"),
                   "long": QT_TRANSLATE_NOOP("readiness", "long run"),
                   "race": QT_TRANSLATE_NOOP("readiness", "race")}


def _without_red_flags(answers: ReadinessAnswers, not_a_diagnosis: str) -> Guidance:
    if answers.soreness >= REST_SORENESS:
        return Guidance(
            GuidanceLevel.REST, translate("readiness", "A rest day, or a low-impact one"),
            translate("readiness", "Soreness of {soreness} out of 10 is more than a session of "
                      "hard hamstring work should meet. Rest today, or make it a low-impact day - "
                      "swimming or cycling - until the soreness settles; stretching, foam "
                      "rolling, food and sleep help it along. {not_a_diagnosis}").format(
                soreness=format_integer(answers.soreness), not_a_diagnosis=not_a_diagnosis),
            ("article-improve-running", "physio-pain-rule"))
    if answers.pain is PainLevel.MILD:
        return Guidance(
            GuidanceLevel.EASY, translate("readiness", "An easy day"),
            translate("readiness", "Some pain is there today. Never push through hamstring pain: "
                      "keep the strength work light, or swap the session for swimming or cycling. "
                      "If you run, it is usually acceptable while the pain stays at about 3-4 out "
                      "of 10 or less, does not climb as you go, settles afterwards and is no worse "
                      "the next morning; if it does any of those, stop. {not_a_diagnosis}").format(
                not_a_diagnosis=not_a_diagnosis),
            ("physio-pain-rule", "article-improve-running"))
    if answers.soreness >= EASY_SORENESS:
        return Guidance(
            GuidanceLevel.EASY, translate("readiness", "An easy day"),
            translate("readiness", "Soreness of {soreness} out of 10 is enough to change how you "
                      "move. Give the hamstrings a low-impact day - swimming or cycling - and keep "
                      "any strength work light until the soreness settles. Stretching, foam "
                      "rolling, food and sleep help it along. {not_a_diagnosis}").format(
                soreness=format_integer(answers.soreness), not_a_diagnosis=not_a_diagnosis),
            ("article-improve-running", "physio-pain-rule"))
    if answers.soreness == 0:
        text = translate("readiness", "No soreness, and no pain in the leg: go ahead with today's "
                         "session. "
                         "Warm up first, and stop if anything turns sharp or painful. "
                         "{not_a_diagnosis}")
    else:
        text = translate("readiness", "Mild soreness like this is normal, and no pain in the leg: go "
                         "ahead with today's session. Warm up first, and stop if anything turns sharp "
                         "or painful. {not_a_diagnosis}")
    return Guidance(GuidanceLevel.GO, translate("readiness", "Train as planned"),
                    text.format(not_a_diagnosis=not_a_diagnosis),
                    ("article-improve-running", "physio-pain-rule"))


def _joined(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return translate("readiness", "{items} and {last}", "a list: a, b and c").format(
        items=", ".join(items[:-1]), last=items[-1])


# -- the questions, for the readiness dialog ---------------------------------
# Read at import time, before a translator is installed: the dialog shows
# them with translate("readiness", question.text) (and .help, option.label).


@dataclass(frozen=True)
class Option:
    value: Any  # what goes into ReadinessAnswers
    label: str


@dataclass(frozen=True)
class Question:
    """One question of the readiness check. ``key`` is the ReadinessAnswers
    field it fills; ``kind`` says how to ask it: "scale" (pick one of the
    numbered options), "choice" (one of a few options) or "yes-no"."""

    key: str
    text: str
    help: str
    kind: str
    options: tuple[Option, ...]
    default: Any


# The anchored points of the soreness scale; the others are just their number.
_SORENESS_LABELS = {0: QT_TRANSLATE_NOOP("readiness", "0 - none"),
                    1: QT_TRANSLATE_NOOP("readiness", "1 - barely there"),
                    4: QT_TRANSLATE_NOOP("readiness", "4 - noticeable, but I move normally"),
                    5: QT_TRANSLATE_NOOP("readiness", "5 - it changes how I move"),
                    7: QT_TRANSLATE_NOOP("readiness", "7 - really uncomfortable"),
                    8: QT_TRANSLATE_NOOP("readiness", "8 - very sore"),
                    10: QT_TRANSLATE_NOOP("readiness", "10 - as sore as it gets")}

_YES_NO = (Option(True, QT_TRANSLATE_NOOP("readiness", "Yes")),
           Option(False, QT_TRANSLATE_NOOP("readiness", "No")))

QUESTIONS: tuple[Question, ...] = (
    Question(
        key="soreness",
        text=QT_TRANSLATE_NOOP("readiness", "How sore are your hamstrings today?"),
        help=QT_TRANSLATE_NOOP("readiness", "Muscle soreness from training, from 0 (none) to 10. "
                               "From 5 up it changes the way you walk or run."),
        kind="scale",
        options=tuple(Option(n, _SORENESS_LABELS.get(n, str(n)))
                      for n in range(SORENESS_RANGE[0], SORENESS_RANGE[1] + 1)),
        default=0,
    ),
    Question(
        key="pain",
        text=QT_TRANSLATE_NOOP("readiness",
                               "Is there any pain in the back of your thigh (not just soreness)?"),
        help=QT_TRANSLATE_NOOP("readiness", "Pain that is more than the dull ache of worked muscles."),
        kind="choice",
        options=(Option(PainLevel.NONE, QT_TRANSLATE_NOOP("readiness", "No pain")),
                 Option(PainLevel.MILD,
                        QT_TRANSLATE_NOOP("readiness", "Mild: about 3-4 out of 10 or less")),
                 Option(PainLevel.MORE, QT_TRANSLATE_NOOP("readiness", "More than that"))),
        default=PainLevel.NONE,
    ),
    Question(
        key="sharp_pain",
        text=QT_TRANSLATE_NOOP("readiness", "Is any of it sharp, electric, or spreading down the leg?"),
        help=QT_TRANSLATE_NOOP("readiness", "Pain that stabs, shoots or travels, rather than aches."),
        kind="yes-no",
        options=_YES_NO,
        default=False,
    ),
    Question(
        key="numbness",
        text=QT_TRANSLATE_NOOP("readiness", "Any numbness or tingling in the leg?"),
        help=QT_TRANSLATE_NOOP("readiness", "Pins and needles, or a patch that feels dull to the touch."),
        kind="yes-no",
        options=_YES_NO,
        default=False,
    ),
    Question(
        key="can_walk",
        text=QT_TRANSLATE_NOOP("readiness", "Can you walk a few steps without significant pain?"),
        help=QT_TRANSLATE_NOOP("readiness", "Walk across the room normally before you answer."),
        kind="yes-no",
        options=_YES_NO,
        default=True,
    ),
    Question(
        key="run_pain",
        text=QT_TRANSLATE_NOOP("readiness", "Any pain during or after your last run?"),
        help=QT_TRANSLATE_NOOP("readiness", "In the back of the thigh, while running or in the "
                               "hours after."),
        kind="choice",
        options=(Option(PainLevel.NONE, QT_TRANSLATE_NOOP("readiness", "No pain")),
                 Option(PainLevel.MILD,
                        QT_TRANSLATE_NOOP("readiness", "Mild: about 3-4 out of 10 or less")),
                 Option(PainLevel.MORE, QT_TRANSLATE_NOOP("readiness", "More than that"))),
        default=PainLevel.NONE,
    ),
)
