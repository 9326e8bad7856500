"""Every way into a session makes the same checks (issue 16 point 1): Today,
the Library, the session builder and `hamstride session` all give the
progression targets, ask about the 48 hours and ask the readiness check.
The command line asks on a terminal, takes --readiness answers, or refuses
with the reason; it never starts silently.

Each test writes the athlete's log day by day (tests/coaching_log.Diary),
then starts a session one way and looks at what happens."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import app.cli.main
from app.coaching.readiness import ReadinessAnswers
from app.coaching.session_builder import plan_for_slug
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.ui.base.alerts import RecordingAlerts
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import LIBRARY, TODAY
from helpers.coaching_log import (
    MON,
    NO_COMPLAINTS,
    NORDIC,
    RDL,
    THU,
    Diary,
    catalog,
    day,
    open_diary,
    run_session_command,
    run_today_command,
    start_check,
    today_view,
)

diary = open_diary  # the fixture: the athlete's Diary, open for the test

MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")


# -- the command line ---------------------------------------------------------------


def test_the_command_line_asks_the_readiness_check_on_a_terminal(
        diary: Diary, paths: AppPaths, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A first session of Romanian deadlifts started from the terminal: the
    questions come one by one (soreness 2, Enter for the rest), then what
    starts; the answers go with the session."""
    monday = diary.at(day(0), hour=17)
    code, out, err, request = run_session_command(
        monkeypatch, capsys, paths, monday, "--exercise", RDL, typed=["2", "", "", "", "", ""])
    assert code == 0 and err == ""
    assert "How sore are your hamstrings today?" in out
    assert "Any pain during or after your last run?" in out
    assert "Guidance: Train as planned." in out and "Starting: Romanian deadlift" in out
    assert request is not None
    stored = ReadinessAnswers.from_dict(request.plan.readiness)
    assert stored.soreness == 2 and stored.run_pain == "none"


def test_without_a_terminal_the_command_line_takes_the_answers_given(
        diary: Diary, paths: AppPaths, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """From a script: the answers come with --readiness, and nothing is asked."""
    code, out, err, request = run_session_command(
        monkeypatch, capsys, paths, diary.at(day(0)), "--exercise", RDL, "--readiness",
        NO_COMPLAINTS)
    assert code == 0 and err == "" and "Starting: Romanian deadlift" in out
    assert request is not None and request.plan.readiness["soreness"] == 1
    assert request.plan.readiness["guidance"] == "go"


def test_without_a_terminal_or_answers_it_refuses_with_the_reason(
        diary: Diary, paths: AppPaths, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """No terminal to ask on and no answers: it does not start silently, it
    says why in one line, with exit status 2."""
    code, out, err, request = run_session_command(monkeypatch, capsys, paths, diary.at(day(0)),
                                                  "--exercise", RDL)
    assert code == 2 and request is None and "Starting" not in out
    assert err.startswith("hamstride: session: the readiness check needs answers")
    assert "--readiness soreness=N" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(("answers", "problem"), [
    ("soreness=1,pain=none", "sharp, numbness, walk, run-pain missing"),
    ("soreness=11,pain=none,sharp=no,numbness=no,walk=yes,run-pain=none", "soreness must be"),
    ("soreness=1,pain=lots,sharp=no,numbness=no,walk=yes,run-pain=none", "pain must be none"),
    ("soreness=1,pain=none,sharp=maybe,numbness=no,walk=yes,run-pain=none", "sharp must be yes"),
])
def test_wrong_readiness_answers_are_refused_naming_the_answer(
        diary: Diary, paths: AppPaths, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], answers: str, problem: str) -> None:
    code, _out, err, request = run_session_command(
        monkeypatch, capsys, paths, diary.at(day(0)), "--exercise", RDL, "--readiness", answers)
    assert code == 2 and request is None
    assert problem in err and len(err.strip().splitlines()) == 1


def test_the_command_line_refuses_nordics_the_day_after_nordics_unless_anyway(
        diary: Diary, paths: AppPaths, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Nordics on Monday evening; on Tuesday the athlete types `hamstride
    session --exercise nordic-hamstring-curl`. It refuses with the reason
    and the way to start anyway; with --anyway it starts."""
    diary.trained(day(0), NORDIC, reps=5, sets=2)
    tuesday = diary.at(day(1), hour=12)
    code, _out, err, request = run_session_command(
        monkeypatch, capsys, paths, tuesday, "--exercise", NORDIC, "--readiness", NO_COMPLAINTS)
    assert code == 2 and request is None and len(err.strip().splitlines()) == 1
    assert "Heavy hamstring work done yesterday" in err and "--anyway" in err
    code, out, err, request = run_session_command(
        monkeypatch, capsys, paths, tuesday, "--exercise", NORDIC, "--readiness", NO_COMPLAINTS,
        "--anyway")
    assert code == 0 and request is not None and "Starting: Nordic hamstring curl" in out


def test_on_a_terminal_the_wait_is_asked_and_no_keeps_today_for_other_work(
        diary: Diary, paths: AppPaths, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    diary.trained(day(0), NORDIC, reps=5, sets=2)
    code, out, _err, request = run_session_command(
        monkeypatch, capsys, paths, diary.at(day(1), hour=12), "--exercise", NORDIC, typed=["n"])
    assert code == 0 and request is None
    assert "Wait: Heavy hamstring work done yesterday." in out
    assert "Nothing started: today stays for other work." in out


def test_a_program_session_from_the_command_line_gets_the_same_targets_as_today(
        diary: Diary, paths: AppPaths, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The sample session on Mondays and Thursdays: on Monday every set of
    Romanian deadlifts reached 10 reps at 60 kg. On Thursday the command
    line's session has Today's suggestion - more load - not the bare program."""
    diary.follow("sample-session", day(0), [MON, THU])
    diary.trained(day(0), "glute-bridge", "stability-ball-hamstring-curl", program="sample-session",
                  program_day=1, reps=12)
    diary.trained(day(0), RDL, program="sample-session", program_day=1, reps=10, load=60)
    thursday = diary.at(day(3), hour=17)
    view = today_view(paths, thursday)
    target = view.targets[RDL].load_kg
    assert target is not None and target > 60
    code, out, _err, request = run_session_command(
        monkeypatch, capsys, paths, thursday, "--program", "sample-session", "--readiness",
        NO_COMPLAINTS)
    assert code == 0 and request is not None and "Starting: Sample session" in out
    [rdl] = [i for i in request.plan.items if i.slug == RDL]
    assert rdl.target_load_kg == pytest.approx(target)
    assert request.plan.program_slug == "sample-session"


def test_a_terminal_that_answers_a_red_flag_for_a_nordic_only_session_starts_nothing(
        tmp_path: Path) -> None:
    """A real terminal (a pseudo-terminal): the athlete answers soreness 8 for
    a session of Nordics only. Without the Nordics nothing is left, so it
    says so and starts nothing (exit status 2) - no window opens."""
    env = {**os.environ, "HAMSTRIDE_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    controller, terminal = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "app", "session", "--exercise", NORDIC],
                             stdin=terminal, stdout=terminal, stderr=terminal, env=env,
                             close_fds=True)
    os.close(terminal)
    seen = b""
    answers = iter([b"8\n", b"\n", b"\n", b"\n", b"\n", b"\n"])
    try:
        while child.poll() is None or select.select([controller], [], [], 0)[0]:
            ready, _, _ = select.select([controller], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(controller, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if seen.rstrip().endswith(b":"):
                os.write(controller, next(answers, b"\n"))
    finally:
        code = child.wait(timeout=60)
        os.close(controller)
    text = seen.decode(errors="replace")
    assert "How sore are your hamstrings today?" in text
    assert "A rest day, or a low-impact one" in text
    assert "nothing of this session is left" in text
    assert code == 2


# -- the window -----------------------------------------------------------------------


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_the_library_asks_about_the_48_hours_then_the_readiness_check(
        qtbot: QtBot, diary: Diary, clock: FakeClock,
        open_window: Callable[..., GuiSession]) -> None:
    """Nordics on Monday; on Tuesday the athlete starts Nordics from the
    Library with Ctrl+Enter. First the 48-hour question (keep today for
    other work: nothing starts); asked again and answered Start anyway, the
    readiness check; then the session, with the answers kept."""
    diary.trained(day(0), NORDIC, reps=5, sets=2)
    diary.at(day(1), hour=12)
    alerts = RecordingAlerts(confirm_answer=False)
    window = open_window(alerts).window
    window.open_page(LIBRARY)
    page = window.library_page
    page.list_view.select_slug(NORDIC)
    qtbot.keyClick(page.list_view.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    kind, title, _text = alerts.shown[-1]
    assert (kind, title) == ("confirm", "Heavy hamstring work done yesterday")
    assert window.readiness_dialog is None and window.session is None
    alerts.confirm_answer = True
    qtbot.keyClick(page.list_view.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = window.readiness_dialog
    assert dialog is not None and window.session is None
    dialog.soreness.setValue(3)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    host = window.session
    assert host is not None and host.controller is not None
    assert host.controller.engine.plan.readiness["soreness"] == 3


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_a_built_session_gets_its_progression_targets(
        qtbot: QtBot, diary: Diary, open_window: Callable[..., GuiSession]) -> None:
    """Romanian deadlifts: all three sets reached 10 reps at 60 kg on Monday.
    On Thursday a built session of them starts with the suggestion (more
    load), as Today would give it."""
    diary.trained(day(0), RDL, reps=10, load=60)
    thursday = diary.at(day(3), hour=12)
    plan = plan_for_slug(RDL, catalog(), [])
    assert plan is not None
    check = start_check(diary.paths, plan, thursday)
    [suggested] = check.plan.items
    assert suggested.target_load_kg is not None and suggested.target_load_kg > 60
    assert "10" in check.advice[0].reason
    window = open_window().window
    window.builder_action.trigger()
    builder = window.session_builder
    assert builder is not None and builder.add_exercise(RDL)
    builder.show()  # shown and active, as on a desktop: its shortcuts work
    qtbot.waitExposed(builder)
    handle = builder.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is builder, timeout=5000)
    qtbot.keyClick(builder.picker.search, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    dialog = window.readiness_dialog
    assert dialog is not None
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    host = window.session
    assert host is not None and host.controller is not None
    [item] = host.controller.engine.plan.items
    assert item.target_load_kg == pytest.approx(suggested.target_load_kg)


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_today_asks_the_same_readiness_check(qtbot: QtBot, diary: Diary,
                                             open_window: Callable[..., GuiSession]) -> None:
    diary.follow("sample-session", day(0), [MON, THU])
    diary.at(day(0), hour=12)
    window = open_window().window
    window.open_page(TODAY)
    qtbot.keyClick(window.today_page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = window.readiness_dialog
    assert dialog is not None
    assert set(dialog.run_pain_buttons) == {"none", "mild", "more"}
    assert "Alt+R" in dialog.run_pain_buttons["more"].toolTip()  # type: ignore[index]


def test_first_nordics_of_a_built_session_start_at_the_first_week_dose(diary: Diary,
                                                                       paths: AppPaths) -> None:
    """Never a Nordic before, and a built session asks 3 x 8: the start path
    makes it the Nordic program's first-week dose (2 x 5), as the program
    itself would - the progression applies on this path too."""
    from app.session.plan import plan_from_exercise

    monday = diary.at(day(0), hour=12)
    plan = plan_from_exercise(catalog().get(NORDIC), sets=3, reps=8)
    [first] = start_check(paths, plan, monday).plan.items
    assert (first.sets, first.reps) == (2, (5, 5))


def test_hamstride_today_prints_the_first_nordics_as_they_will_run(
        diary: Diary, paths: AppPaths, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A runner new to Nordics follows the Advanced program (its table says
    3 x 5-8). `hamstride today` prints what will run - the Nordic program's
    first-week dose, 2 x 5 - not the table's; --json carries the same, with
    the target behind it."""
    diary.follow("advanced", day(0), [MON, THU])
    monday = diary.at(day(0), hour=12)
    lines = run_today_command(monkeypatch, capsys, paths, monday)
    [nordic] = [line for line in lines if line.startswith("    Nordic hamstring curl: ")]
    assert nordic.startswith("    Nordic hamstring curl: 2 × 5 ")
    assert "3 × 5-8" not in "\n".join(lines)
    assert app.cli.main.main(["--data-dir", str(paths.data_dir), "today", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [line] = [e for e in data["due"]["exercises"] if e["slug"] == NORDIC]
    assert line["dose"].startswith("2 × 5 ")
    assert (line["target"]["sets"], line["target"]["reps"]) == (2, [5, 5])
    [item] = [i for b in data["due"]["plan"]["blocks"] for i in b["items"] if i["slug"] == NORDIC]
    assert item["sets"] == 2


def _interrupted_bridges(paths: AppPaths, clock: FakeClock) -> None:
    """A session of glute bridges cut off by a crash during its first set:
    the file the window offers to resume it from."""
    from app.session.engine import SessionEngine
    from app.session.plan import plan_from_exercise
    from app.session.saved import SAVED_SESSION_FILE, session_payload, write_saved_session

    engine = SessionEngine(plan_from_exercise(catalog().get("glute-bridge"), sets=2, reps=3),
                           clock)
    engine.start_set()
    write_saved_session(paths.data_dir / SAVED_SESSION_FILE, session_payload(
        engine.plan, engine.snapshot(), session_id=None, saved_at=clock.now()))


@pytest.mark.parametrize("typed", [["3", "", "", "", "", "", "y"], None],
                         ids=["terminal", "no-terminal"])
def test_with_an_interrupted_session_waiting_the_command_line_asks_nothing(
        diary: Diary, paths: AppPaths, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], typed: list[str] | None) -> None:
    """A session of glute bridges was cut off by a crash. Next day the
    athlete types `hamstride session --exercise romanian-deadlift`. The
    window will offer to resume the bridges first, so answers given now
    would be dropped by a resume: the command line says so in one line and
    asks nothing (nor refuses for want of answers), and leaves the checks
    to the window (the request is not marked checked)."""
    diary.at(day(0), hour=17)
    _interrupted_bridges(paths, clock)
    code, out, err, request = run_session_command(
        monkeypatch, capsys, paths, diary.at(day(1), hour=17), "--exercise", RDL, typed=typed)
    assert code == 0 and err == "", err
    assert out.splitlines() == [
        "An interrupted session is waiting: the window offers to resume it first."]
    assert request is not None and not request.checks_done
    assert [item.slug for item in request.plan.items] == [RDL]


def test_a_tempo_typed_on_the_command_line_is_kept_over_the_coached_lowering(
        diary: Diary, paths: AppPaths, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The athlete asks for Nordics lowered over 8 seconds (--tempo 8-0-1-0):
    the start path still makes them the first-week dose, but the lowering
    they typed is theirs, not replaced by the coached 5 s target. Without a
    tempo the coached target is what runs."""
    monday = diary.at(day(0))
    code, _out, err, request = run_session_command(
        monkeypatch, capsys, paths, monday, "--exercise", NORDIC, "--tempo", "8-0-1-0",
        "--readiness", NO_COMPLAINTS)
    assert code == 0, err
    [nordic] = request.plan.items
    assert (nordic.sets, nordic.reps) == (2, (5, 5))
    assert nordic.lowering_s == 8.0 and not nordic.lowering_coached
    code, _out, err, request = run_session_command(
        monkeypatch, capsys, paths, monday, "--exercise", NORDIC, "--readiness", NO_COMPLAINTS)
    assert code == 0, err
    [nordic] = request.plan.items
    assert nordic.lowering_s == 5.0 and nordic.lowering_coached
