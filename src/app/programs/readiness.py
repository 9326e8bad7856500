"""Before a session: how the hamstrings feel, and what that means for today.

The athlete answers a few questions (``QUESTIONS``, which the readiness
dialog is built from); ``assess`` turns the answers into guidance at one of
three levels:

* "go": no soreness or the ordinary mild kind - train as planned.
* "easy": soreness strong enough to change how you move, or some pain (up to
  about 3-4 out of 10) - a low-impact day (swimming, cycling) and lighter
  hamstring work.
* "stop": a red flag - sharp, electric or spreading pain, numbness or
  tingling, trouble walking a few steps, or pain above about 3-4 out of 10 -
  stop and see a clinician.

The rules follow the articles' advice on sore hamstrings and the
physiotherapy rule of thumb for running with pain (resources/sources.toml:
articles, physio-pain-rule). The app gives guidance, never a diagnosis, and
every text says so.

The answers are stored with the session (workout_session.readiness) as the
dict of ``ReadinessAnswers.to_dict()``, which carries a version number so a
later app can read old answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PAIN_LEVELS = ("none", "mild", "more")
LEVELS = ("go", "easy", "stop")
SORENESS_RANGE = (0, 10)
FORMAT_VERSION = 1

# From this soreness on, the day is an easy one. The articles' line is
# between soreness that is "normal and mild" (train) and soreness that
# "changes your running form or is really uncomfortable" (switch to
# low-impact work until it settles). The question anchors the 0-10 scale to
# exactly that line - 1-4 you notice it but move normally, 5 and up it
# changes how you move - so the threshold means what the athlete was told.
EASY_SORENESS = 5

NOT_A_DIAGNOSIS = "This is guidance from your answers, not a diagnosis."


class ReadinessError(ValueError):
    """An answer that cannot be used; ``field`` names the question."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class ReadinessAnswers:
    """The athlete's answers before a session.

    ``soreness`` 0-10 (the scale of the soreness question); ``pain`` "none",
    "mild" (up to about 3-4 out of 10) or "more"; ``sharp_pain`` sharp,
    electric or spreading pain; ``numbness`` numbness or tingling;
    ``can_walk`` can walk a few steps without significant pain.
    """

    soreness: int
    pain: str
    sharp_pain: bool
    numbness: bool
    can_walk: bool = True

    def __post_init__(self) -> None:
        low, high = SORENESS_RANGE
        if isinstance(self.soreness, bool) or not isinstance(self.soreness, int) \
                or not low <= self.soreness <= high:
            raise ReadinessError("soreness", f"must be a whole number from {low} to {high}, "
                                             f"got {self.soreness!r}")
        if self.pain not in PAIN_LEVELS:
            raise ReadinessError("pain", f"must be one of {', '.join(PAIN_LEVELS)}, "
                                         f"got {self.pain!r}")
        for name in ("sharp_pain", "numbness", "can_walk"):
            if not isinstance(getattr(self, name), bool):
                raise ReadinessError(name, f"must be true or false, got {getattr(self, name)!r}")

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form stored with the session."""
        return {"version": FORMAT_VERSION, "soreness": self.soreness, "pain": self.pain,
                "sharp_pain": self.sharp_pain, "numbness": self.numbness,
                "can_walk": self.can_walk}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReadinessAnswers:
        """Read stored answers back; ReadinessError if they are not version-1 answers."""
        if not isinstance(data, Mapping):
            raise ReadinessError("readiness", "must be a mapping of answers")
        version = data.get("version")
        if type(version) is not int or version != FORMAT_VERSION:
            raise ReadinessError("version", f"must be {FORMAT_VERSION}, got {version!r}")
        missing = [key for key in ("soreness", "pain", "sharp_pain", "numbness") if key not in data]
        if missing:
            raise ReadinessError(missing[0], "is missing")
        return cls(soreness=data["soreness"], pain=data["pain"], sharp_pain=data["sharp_pain"],
                   numbness=data["numbness"], can_walk=data.get("can_walk", True))


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


@dataclass(frozen=True)
class Guidance:
    level: str  # one of LEVELS
    title: str
    text: str
    sources: tuple[str, ...]  # ids in resources/sources.toml


def assess(answers: ReadinessAnswers) -> Guidance:
    """Today's guidance from the answers. Red flags win over everything."""
    flags = []
    if answers.sharp_pain:
        flags.append("sharp, electric or spreading pain")
    if answers.numbness:
        flags.append("numbness or tingling")
    if not answers.can_walk:
        flags.append("trouble walking a few steps without real pain")
    if answers.pain == "more":
        flags.append("pain above about 3-4 out of 10")
    if flags:
        return Guidance(
            "stop", "Stop for today and see a clinician",
            f"You reported {_joined(flags)}. That is a reason to stop hamstring training and "
            "running for now and have a physiotherapist or doctor look at it before you go "
            f"on. {NOT_A_DIAGNOSIS}",
            ("physio-pain-rule",))
    if answers.pain == "mild":
        return Guidance(
            "easy", "An easy day",
            "Some pain is there today. Never push through hamstring pain: keep the strength "
            "work light, or swap the session for swimming or cycling. If you run, it is usually "
            "acceptable while the pain stays at about 3-4 out of 10 or less, does not climb as "
            "you go, settles afterwards and is no worse the next morning; if it does any of "
            f"those, stop. {NOT_A_DIAGNOSIS}",
            ("physio-pain-rule", "articles"))
    if answers.soreness >= EASY_SORENESS:
        return Guidance(
            "easy", "An easy day",
            f"Soreness of {answers.soreness} out of 10 is enough to change how you move. Give "
            "the hamstrings a low-impact day - swimming or cycling - and keep any strength work "
            "light until the soreness settles. Stretching, foam rolling, food and sleep help it "
            f"along. {NOT_A_DIAGNOSIS}",
            ("articles", "physio-pain-rule"))
    mild = "No soreness" if answers.soreness == 0 else "Mild soreness like this is normal"
    return Guidance(
        "go", "Train as planned",
        f"{mild}, and no pain: go ahead with today's session. Warm up first, and stop if "
        f"anything turns sharp or painful. {NOT_A_DIAGNOSIS}",
        ("articles", "physio-pain-rule"))


def _joined(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


# -- the questions, for the readiness dialog ---------------------------------


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


_SORENESS_LABELS = {0: "none", 1: "barely there", 4: "noticeable, but I move normally",
                    5: "it changes how I move", 8: "very sore", 10: "as sore as it gets"}

_YES_NO = (Option(True, "Yes"), Option(False, "No"))

QUESTIONS: tuple[Question, ...] = (
    Question(
        key="soreness",
        text="How sore are your hamstrings today?",
        help="Muscle soreness from training, from 0 (none) to 10. From 5 up it changes the way "
             "you walk or run.",
        kind="scale",
        options=tuple(Option(n, f"{n} - {_SORENESS_LABELS[n]}" if n in _SORENESS_LABELS else str(n))
                      for n in range(SORENESS_RANGE[0], SORENESS_RANGE[1] + 1)),
        default=0,
    ),
    Question(
        key="pain",
        text="Is there any pain in the back of your thigh (not just soreness)?",
        help="Pain that is more than the dull ache of worked muscles.",
        kind="choice",
        options=(Option("none", "No pain"),
                 Option("mild", "Mild: about 3-4 out of 10 or less"),
                 Option("more", "More than that")),
        default="none",
    ),
    Question(
        key="sharp_pain",
        text="Is any of it sharp, electric, or spreading down the leg?",
        help="Pain that stabs, shoots or travels, rather than aches.",
        kind="yes-no",
        options=_YES_NO,
        default=False,
    ),
    Question(
        key="numbness",
        text="Any numbness or tingling in the leg?",
        help="Pins and needles, or a patch that feels dull to the touch.",
        kind="yes-no",
        options=_YES_NO,
        default=False,
    ),
    Question(
        key="can_walk",
        text="Can you walk a few steps without significant pain?",
        help="Walk across the room normally before you answer.",
        kind="yes-no",
        options=_YES_NO,
        default=True,
    ),
)
