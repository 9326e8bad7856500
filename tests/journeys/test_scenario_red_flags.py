"""After a red flag, never the full dose (issue 16 points 2, 3): sharp,
electric or spreading pain, numbness, trouble walking, or pain above 3-4/10
in the leg or in a run means stop and see a clinician; starting anyway runs
the session without Nordics and heavy hinges, and says so. Soreness from
7/10 offers a rest or low-impact day first, and started anyway it is the
same session without the heavy work - not one set fewer of the same
Nordics. Soreness 5-6 and mild leg pain give the lighter session.

Each test writes the athlete's log day by day (tests/coaching_log.Diary),
then answers the readiness check on Today or the command line."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.coaching.readiness import EASY_SORENESS, REST_SORENESS, PainLevel, ReadinessAnswers
from app.kernel.paths import AppPaths
from app.session.plan import SessionPlan
from app.ui.programs.readiness_dialog import ReadinessDialog
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import TODAY, MainWindow
from app.usecases.session_start import StartCheck, session_to_run
from app.usecases.today import LIGHTER_LOAD, LIGHTER_SETS
from helpers.coaching_log import (
    FRI,
    MON,
    NORDIC,
    RDL,
    WED,
    Diary,
    catalog,
    day,
    open_diary,
    run_session_command,
    start_check,
    today_view,
)

diary = open_diary  # the fixture: the athlete's Diary, open for the test

HEAVY = {NORDIC, RDL, "stiff-leg-deadlift", "good-morning"}
MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")


def answers(soreness: int = 1, pain: str = "none", sharp: bool = False, numb: bool = False,
            walk: bool = True, run: str = "none") -> ReadinessAnswers:
    return ReadinessAnswers(soreness, PainLevel(pain), sharp, numb, walk, PainLevel(run))


def _advanced_on_monday(diary: Diary, paths: AppPaths) -> tuple[SessionPlan, StartCheck]:
    """The advanced program, Mon/Wed/Fri from Monday 5 January; its first
    session (jump squats, Nordics, Romanian deadlifts) is due that Monday."""
    diary.follow("advanced", day(0), [MON, WED, FRI])
    now = diary.at(day(0), hour=17)
    view = today_view(paths, now)
    plan = view.plan(catalog())
    return plan, start_check(paths, plan, now, targets_applied=True)


def _today_dialog(qtbot: QtBot, window: MainWindow) -> ReadinessDialog:
    window.open_page(TODAY)
    qtbot.keyClick(window.today_page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = window.readiness_dialog
    assert dialog is not None
    return dialog


@pytest.mark.parametrize("red_flag", [
    answers(sharp=True), answers(numb=True), answers(walk=False), answers(pain="more"),
    answers(run="more"),
], ids=["sharp pain", "numbness", "trouble walking", "leg pain above 3-4", "run pain above 3-4"])
def test_start_anyway_after_a_red_flag_runs_without_the_heavy_work(
        diary: Diary, paths: AppPaths, red_flag: ReadinessAnswers) -> None:
    """The advanced session is due. The athlete reports a red flag, is told
    to stop and see a clinician, and starts anyway: the Nordics and the
    Romanian deadlifts are left out; the jump squats, warm-up and cool-down
    stay; the title and the note say so."""
    plan, check = _advanced_on_monday(diary, paths)
    to_run = session_to_run(check, red_flag, lighter=True, catalog=catalog())
    assert to_run.guidance.level == "stop" and "clinician" in to_run.guidance.title
    assert to_run.plan is not None
    slugs = [i.slug for i in to_run.plan.items]
    assert not HEAVY & set(slugs)
    assert "jump-squat" in slugs and "light-jog" in slugs and "standing-hamstring-stretch" in slugs
    assert to_run.plan.title.endswith("(no heavy work)")
    assert to_run.note == ("Without the heavy work: Nordic hamstring curl and Romanian deadlift "
                           "left out. The warm-up, lighter work and cool-down stay.")
    [squats] = [i for i in to_run.plan.items if i.slug == "jump-squat"]
    [planned] = [i for i in plan.items if i.slug == "jump-squat"]
    assert squats.sets == planned.sets  # the light work is not cut too


def test_soreness_from_7_offers_rest_first_not_one_set_fewer_of_the_same_nordics(
        diary: Diary, paths: AppPaths) -> None:
    """Soreness 6: an easy day, the lighter session - one set fewer, a fifth
    less load. Soreness 7: rest or a low-impact day (swimming, cycling) is
    offered first; started anyway, the Nordics are not there at all."""
    plan, check = _advanced_on_monday(diary, paths)
    planned_nordic = next(i for i in plan.items if i.slug == NORDIC)
    easy = session_to_run(check, answers(soreness=REST_SORENESS - 1), lighter=True,
                          catalog=catalog())
    assert easy.guidance.level == "easy" and easy.plan is not None
    nordic = next(i for i in easy.plan.items if i.slug == NORDIC)
    assert nordic.sets == max(1, planned_nordic.sets - LIGHTER_SETS)
    rest = session_to_run(check, answers(soreness=REST_SORENESS), lighter=True, catalog=catalog())
    assert rest.guidance.level == "rest"
    assert "swimming or cycling" in rest.guidance.text
    assert "article-improve-running" in rest.guidance.sources
    assert rest.plan is not None and not HEAVY & {i.slug for i in rest.plan.items}
    assert REST_SORENESS == 7 and EASY_SORENESS == 5


def test_an_easy_day_is_one_set_fewer_and_a_fifth_less_load(diary: Diary, paths: AppPaths) -> None:
    """Romanian deadlifts at 60 kg last Monday; the sample session is due and
    the athlete has mild pain: the lighter session takes a set off and 20%
    off the suggested load. Unticked, it runs as planned."""
    diary.trained(day(0), RDL, reps=8, load=60)
    diary.follow("sample-session", day(1), [1, 4])
    now = diary.at(day(1), hour=17)
    plan = today_view(paths, now).plan(catalog())
    check = start_check(paths, plan, now, targets_applied=True)
    lighter = session_to_run(check, answers(pain="mild"), lighter=True, catalog=catalog())
    assert lighter.guidance.level == "easy" and lighter.plan is not None
    before, after = (next(i for i in p.items if i.slug == RDL) for p in (plan, lighter.plan))
    assert after.sets == before.sets - LIGHTER_SETS
    assert before.target_load_kg is not None
    assert after.target_load_kg == pytest.approx(round(before.target_load_kg * LIGHTER_LOAD, 1))
    as_planned = session_to_run(check, answers(pain="mild"), lighter=False, catalog=catalog())
    assert as_planned.plan is not None and as_planned.note == ""
    assert next(i for i in as_planned.plan.items if i.slug == RDL) == before


def test_a_nordic_only_session_after_a_red_flag_keeps_only_warm_up_and_cool_down(
        diary: Diary, paths: AppPaths) -> None:
    """The Nordic program's session is Nordics only. After numbness, starting
    anyway leaves the warm-up and cool-down, and says nothing of the main
    work is left. A Library session of Nordics alone does not start at all."""
    diary.follow("nordic-programme", day(0), [MON, WED, FRI])
    now = diary.at(day(0), hour=17)
    plan = today_view(paths, now).plan(catalog())
    to_run = session_to_run(start_check(paths, plan, now, targets_applied=True),
                            answers(numb=True), lighter=False, catalog=catalog())
    assert to_run.plan is not None
    assert [b.name for b in to_run.plan.blocks] == ["warmup", "cool-down"]
    assert "nothing of the main work is left" in to_run.note
    from app.coaching.session_builder import plan_for_slug

    alone = plan_for_slug(NORDIC, catalog(), [])
    assert alone is not None
    nothing = session_to_run(start_check(paths, alone, now), answers(numb=True), lighter=False,
                             catalog=catalog())
    assert nothing.plan is None and "nothing of this session is left" in nothing.note


def test_mild_pain_in_a_run_is_noted_and_the_session_goes_ahead(diary: Diary,
                                                               paths: AppPaths) -> None:
    _plan, check = _advanced_on_monday(diary, paths)
    to_run = session_to_run(check, answers(run="mild"), lighter=False, catalog=catalog())
    assert to_run.guidance.level == "go" and to_run.plan is not None
    assert "mild pain during or after a run" in to_run.guidance.text
    assert NORDIC in {i.slug for i in to_run.plan.items}
    assert to_run.plan.readiness is not None and to_run.plan.readiness["run_pain"] == "mild"


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_today_says_what_start_anyway_runs_and_runs_exactly_that(
        qtbot: QtBot, diary: Diary, open_window: Callable[..., GuiSession]) -> None:
    """On Today the athlete ticks sharp pain: the dialog says stop, names the
    exercises starting anyway leaves out, and Start anyway runs the session
    without them, titled so."""
    diary.follow("advanced", day(0), [MON, WED, FRI])
    diary.at(day(0), hour=12)
    window = open_window().window
    dialog = _today_dialog(qtbot, window)
    dialog.sharp.setChecked(True)
    assert dialog.guidance is not None and dialog.guidance.level == "stop"
    consequence = dialog.consequence
    assert consequence.isVisibleTo(dialog)
    assert "Nordic hamstring curl and Romanian deadlift left out" in consequence.text()
    assert not dialog.lighter.isEnabled()
    dialog.start_button.click()
    host = window.session
    assert host is not None and host.controller is not None
    plan = host.controller.engine.plan
    assert not HEAVY & {i.slug for i in plan.items}
    assert plan.title.endswith("(no heavy work)") and "(no heavy work)" in window.windowTitle()
    assert plan.readiness is not None and plan.readiness["sharp_pain"] is True


def test_nothing_left_turns_start_off_in_the_dialog(
        qtbot: QtBot, diary: Diary, open_window: Callable[..., GuiSession]) -> None:
    """Nordics alone from the Library with soreness 8: the dialog offers rest,
    says nothing of the session is left, and Start is off."""
    diary.at(day(0), hour=12)
    window = open_window().window
    assert window.start_exercise(NORDIC)
    dialog = window.readiness_dialog
    assert dialog is not None
    dialog.soreness.setValue(8)
    assert dialog.guidance is not None and dialog.guidance.level == "rest"
    assert "nothing of this session is left" in dialog.consequence.text()
    assert not dialog.start_button.isEnabled() and dialog.skip_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter: the default, rest today
    assert window.session is None and window.readiness_dialog is None


def test_the_command_line_after_soreness_8_starts_only_with_anyway_and_without_nordics(
        diary: Diary, paths: AppPaths, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The advanced session from the command line with soreness 8: refused,
    with the reason; with --anyway it starts without the heavy work and
    says so before the window opens."""
    diary.follow("advanced", day(0), [MON, WED, FRI])
    now = diary.at(day(0), hour=17)
    sore = "soreness=8,pain=none,sharp=no,numbness=no,walk=yes,run-pain=none"
    code, out, err, request = run_session_command(monkeypatch, capsys, paths, now, "--program",
                                                  "advanced", "--readiness", sore)
    assert code == 2 and request is None and len(err.strip().splitlines()) == 1
    assert "A rest day, or a low-impact one" in err and "--anyway" in err
    assert "Guidance: A rest day, or a low-impact one." in out
    code, out, err, request = run_session_command(monkeypatch, capsys, paths, now, "--program",
                                                  "advanced", "--readiness", sore, "--anyway")
    assert code == 0 and request is not None
    assert not HEAVY & {i.slug for i in request.plan.items}
    assert "(no heavy work)" in out and "Nordic hamstring curl and Romanian deadlift left out" in out
