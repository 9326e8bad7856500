"""Scenarios a coach can read: the overtraining watch (issue 16 point 3).

"Improve Running Performance: Hamstring Training Benefits & Techniques"
names the signs that training has got ahead of recovery: soreness that does
not go away, a slump in performance, and pain during workouts or runs. Each
alone is a reason to ease the intensity or the frequency. An athlete trains
(and notes how they feel) day by day on a fake clock; each test reads Today:
one calm notice, however many signs hold, listing which and what to change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.coaching.watch import HIGH_SORENESS, NAGGING_READINGS, PAIN_DAYS, NoticeKind, Sign
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.storage.coaching_queries import CoachingReader
from app.storage.store import Store
from app.ui.shell.application import GuiSession
from app.usecases.today import TodayView
from helpers.coaching_log import FIRST_MONDAY, FRI, MON, WED, evening, go_to, monday_evening, today, train

START = FIRST_MONDAY  # a Monday
MON_WED_FRI = (date(2026, 1, 5), date(2026, 1, 7), date(2026, 1, 9))
clock = monday_evening  # the fixture: 6 pm on Monday 5 January


@pytest.fixture
def log(store: Store) -> Store:
    """The athlete's log: the sample session on Monday, Wednesday and Friday
    from Monday 5 January."""
    store.enrol("sample-session", START, (MON, WED, FRI))
    return store


def ease_off(view: TodayView) -> tuple[Sign, ...]:
    """The signs Today's one ease-off notice lists (none: no notice)."""
    found = [n for n in view.notices if n.kind == NoticeKind.EASE_OFF]
    assert len(found) <= 1  # said once
    return found[0].signs if found else ()


def ease_off_text(view: TodayView) -> str:
    (notice,) = [n for n in view.notices if n.kind == NoticeKind.EASE_OFF]
    return notice.text


def week_of_sessions(paths: AppPaths, clock: FakeClock, log: Store, soreness: tuple[int, ...],
                     loads: tuple[float, ...] = (60.0, 60.0, 60.0)) -> None:
    """The sample session on Monday, Wednesday and Friday, Romanian deadlifts
    at ``loads``, with the readiness soreness ``soreness`` before each."""
    for day, sore, load in zip(MON_WED_FRI, soreness, loads, strict=True):
        go_to(clock, day)
        train(log, clock, today(paths, clock), soreness=sore,
              loads={"romanian-deadlift": load})


def test_soreness_of_5_at_three_sessions_running_is_a_reason_to_ease_off(
        paths: AppPaths, clock: FakeClock, log: Store) -> None:
    """Monday, Wednesday and Friday the athlete comes in with soreness 5, 6 and
    5: it is not going away. On Saturday Today says, once and calmly, to ease
    off - lighter loads or one session fewer this week - citing the article."""
    week_of_sessions(paths, clock, log, (HIGH_SORENESS, 6, HIGH_SORENESS))
    go_to(clock, date(2026, 1, 10))
    view = today(paths, clock)
    assert ease_off(view) == (Sign.NAGGING_SORENESS,)
    text = ease_off_text(view)
    assert "soreness that has not gone away" in text
    assert ('"Improve Running Performance: Hamstring Training Benefits & Techniques" counts this '
            'as a sign') in text
    assert "lighter loads" in text and "one session fewer this week" in text
    assert "!" not in text
    (notice,) = view.notices
    assert notice.sources == ("article-improve-running",)
    assert notice.numbers[0].startswith(f"soreness 5, 6, 5 of 10 at your last {NAGGING_READINGS}")


def test_soreness_that_eases_to_4_is_no_sign(paths: AppPaths, clock: FakeClock,
                                             log: Store) -> None:
    """The same week, but Friday's soreness is 4: below 5 it is the normal,
    mild kind, and Today says nothing."""
    week_of_sessions(paths, clock, log, (HIGH_SORENESS, 6, HIGH_SORENESS - 1))
    go_to(clock, date(2026, 1, 10))
    assert ease_off(today(paths, clock)) == ()


def test_a_slump_is_a_sign_on_its_own_not_only_while_sore(paths: AppPaths, clock: FakeClock,
                                                           log: Store) -> None:
    """Soreness 1, 2 and 1, but the Romanian deadlift top load slipped each
    session, 60, 57.5, 55 kg, for the same reps: a slump. Today says so."""
    week_of_sessions(paths, clock, log, (1, 2, 1), loads=(60.0, 57.5, 55.0))
    go_to(clock, date(2026, 1, 10))
    view = today(paths, clock)
    assert ease_off(view) == (Sign.SLUMP,)
    assert "a dip in performance" in ease_off_text(view)
    (notice,) = view.notices
    assert "Romanian deadlift top set: 60 → 57.5 → 55 kg" in notice.numbers


def test_pain_after_a_run_noted_on_a_rest_day_is_a_sign_until_it_settles(
        paths: AppPaths, clock: FakeClock, log: Store) -> None:
    """Tuesday, a rest day, the athlete runs and notes mild pain after it.
    Today says to ease off (and when to have someone look at it). Thursday
    they note no pain: it settled, and Today says nothing."""
    go_to(clock, date(2026, 1, 6))
    log.add_body_note(run_pain="mild", words="hills")
    view = today(paths, clock)
    assert ease_off(view) == (Sign.PAIN,)
    assert "physiotherapist or doctor" in ease_off_text(view)
    go_to(clock, date(2026, 1, 8))
    log.add_body_note(run_pain="none")
    assert ease_off(today(paths, clock)) == ()


def test_old_pain_is_not_todays(paths: AppPaths, clock: FakeClock, log: Store) -> None:
    """Mild pain noted once and never again: after a week it no longer counts."""
    assert PAIN_DAYS == 7
    go_to(clock, date(2026, 1, 6))
    log.add_body_note(run_pain="mild")
    go_to(clock, date(2026, 1, 13))
    assert ease_off(today(paths, clock)) == (Sign.PAIN,)
    go_to(clock, date(2026, 1, 14))
    assert ease_off(today(paths, clock)) == ()


def test_every_sign_at_once_is_one_notice_listing_them(paths: AppPaths, clock: FakeClock,
                                                      log: Store) -> None:
    """Sore all week (6, 7, 6), loads slipping, and pain after Friday's run:
    one notice, listing the three signs."""
    week_of_sessions(paths, clock, log, (6, 7, 6), loads=(60.0, 57.5, 55.0))
    log.add_body_note(run_pain="mild")
    go_to(clock, date(2026, 1, 10))
    view = today(paths, clock)
    assert ease_off(view) == (Sign.NAGGING_SORENESS, Sign.SLUMP, Sign.PAIN)
    assert ("soreness that has not gone away, a dip in performance and pain in training or "
            "running") in ease_off_text(view)


def test_the_quick_note_on_the_today_page_is_stored_and_read_by_the_watch(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock, log: Store,
        open_window: Callable[..., GuiSession]) -> None:
    """Tuesday evening, the athlete opens the quick note on Today (Ctrl+N),
    picks mild pain after a run and types a word, leaving the soreness as not
    given. The note is stored without a soreness (NULL, not 0), and Today at
    once shows the notice to ease off. A note with nothing in it is refused
    next to the field, and the dialog stays open."""
    go_to(clock, date(2026, 1, 6))
    window = open_window().window
    page = window.today_page
    assert page.note_button.toolTip().endswith("(Ctrl+N)")
    assert page.note_button.accessibleName()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    controller = window.today
    assert controller is not None and controller.note_dialog is not None
    dialog = controller.note_dialog
    dialog.save_button.click()  # nothing given yet
    assert dialog.error.isVisible() and "soreness, the run pain or a few words" in dialog.error.text()
    assert controller.note_dialog is dialog
    dialog.run_pain_buttons["mild"].setChecked(True)
    dialog.words.setText("after the hill run")
    with qtbot.waitSignal(dialog.finished, timeout=20000):
        dialog.save_button.click()
    with CoachingReader(paths.database) as reader:
        (note,) = reader.body_notes(evening(date(2026, 1, 1)))
    assert (note.soreness, note.run_pain, note.words) == (None, "mild", "after the hill run")
    qtbot.waitUntil(lambda: controller.view is not None and ease_off(controller.view) == (Sign.PAIN,),
                    timeout=20000)
    qtbot.waitUntil(lambda: any("Time to ease off" in label.text()
                                for label in page.findChildren(QLabel, "notice")), timeout=20000)
    (shown,) = [label.text() for label in page.findChildren(QLabel, "notice")
                if "Time to ease off" in label.text()]
    # Where the advice comes from, by the article's title.
    assert ('Source: "Improve Running Performance: Hamstring Training Benefits & Techniques"'
            in shown)
