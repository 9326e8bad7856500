"""Nordic descents say what was measured: a rep lowered to the floor without a
break-point press is its target, marked held (at least that long); a pressed
rep is its break point. Records, charts, the History table and the log sheet
say "at least" for held reps; fewer reps on the sheet keep the reps' descents,
and a descent list longer than the reps is refused next to the field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import (
    InvalidEntryError,
    SetEntry,
    check_descents_fit_reps,
    fit_descents_to_reps,
)
from app.logbook.formatting import descent_times_text, held_descent_text
from app.progress.queries import ProgressReader
from app.progress.records import (
    BEST_MEAN_DESCENT,
    LONGEST_DESCENT,
    RecordBook,
    SetFacts,
    describe_record,
)
from app.session.engine import SessionEngine
from app.session.events import SetCompleted
from app.session.plan import NORDIC_SLUG
from app.storage.queries import LogReader
from app.storage.store import Store
from app.ui.history.charts_view import descent_readout
from app.ui.history.models import SetsModel
from app.ui.history.set_dialog import SetEditDialog
from app.ui.session.log_sheet import LogSheet
from helpers.engine import REP_S, engine_for, nordic, run_for

NAMES = {NORDIC_SLUG: "Nordic hamstring curl"}


def _set_with_a_press(clock: FakeClock) -> tuple[SessionEngine, SetCompleted]:
    """Three reps of a 5 s lowering: rep 2 pressed at 2.4 s, reps 1 and 3 to the floor."""
    engine, recorder = engine_for(clock, nordic(reps=3))
    engine.start_set()
    run_for(engine, clock, REP_S)
    run_for(engine, clock, 3 + 2.4)
    assert engine.mark_break_point() == pytest.approx(2.4)
    run_for(engine, clock, 1 + 3 + REP_S)
    (done,) = recorder.of(SetCompleted)
    return engine, done


# -- the engine ------------------------------------------------------------------------------


def test_a_rep_to_the_floor_is_its_target_held_and_a_press_its_break_point(clock: FakeClock) -> None:
    engine, done = _set_with_a_press(clock)
    assert done.descents_s == (5.0, 2.4, 5.0)
    assert done.descents_held == (True, False, True)
    entry = engine.entry_for_set(rpe=8)
    assert (entry.descent_s, entry.descent_held) == ((5.0, 2.4, 5.0), (True, False, True))


def test_fewer_reps_on_the_sheet_keep_the_descents_of_the_reps_done(clock: FakeClock) -> None:
    engine, _done = _set_with_a_press(clock)
    entry = engine.entry_for_set(reps=2)
    assert (entry.reps, entry.descent_s, entry.descent_held) == (2, (5.0, 2.4), (True, False))
    more = engine.entry_for_set(reps=4)  # the fourth rep was not timed: the list stays
    assert (more.descent_s, more.descent_held) == ((5.0, 2.4, 5.0), (True, False, True))
    none = engine.entry_for_set(reps=0)
    assert (none.descent_s, none.descent_held) == (None, ())
    # Times given by hand are not the engine's: which were held is not known.
    typed = engine.entry_for_set(descent_s=(4.0, 3.0))
    assert (typed.descent_s, typed.descent_held) == ((4.0, 3.0), ())


def test_a_descent_list_longer_than_the_reps_is_refused(clock: FakeClock) -> None:
    engine, _done = _set_with_a_press(clock)
    with pytest.raises(InvalidEntryError) as refused:
        engine.entry_for_set(reps=1, descent_s=(4.0, 3.0))
    assert refused.value.field == "descent"
    assert refused.value.message == "2 descent times for 1 rep: remove the extra times or raise the reps"
    check_descents_fit_reps(2, (4.0, 3.0))
    check_descents_fit_reps(None, (4.0, 3.0))  # no reps given: nothing to hold it to
    assert fit_descents_to_reps(1, (4.0, 3.0), ()) == ((4.0,), ())


def test_the_flags_survive_a_snapshot(clock: FakeClock) -> None:
    engine, _recorder = engine_for(clock, nordic(reps=2))
    engine.start_set()
    run_for(engine, clock, REP_S)  # rep 1 to the floor, then a snapshot mid-set
    snap = engine.snapshot()
    assert snap["descents_held"] == [True]
    restored = SessionEngine.restore(snap, engine.plan, clock)
    run_for(restored, clock, 3 + 1.5)
    restored.mark_break_point()
    run_for(restored, clock, 1 + 3)
    done = restored.view().last_set
    assert done is not None and done.descents_held == (True, False)
    assert SetCompleted.from_dict(done.to_dict()) == done
    # A snapshot from before the flags: which reps were held is not known.
    older = {k: v for k, v in snap.items() if k != "descents_held"}
    again = SessionEngine.restore(older, engine.plan, clock)
    run_for(again, clock, REP_S)
    last = again.view().last_set
    assert last is not None and last.descents_s == (5.0, 5.0) and last.descents_held == ()


# -- records ---------------------------------------------------------------------------------


def _facts(set_id: int, descents: tuple[float, ...], held: tuple[bool, ...],
           minutes: int) -> SetFacts:
    return SetFacts(set_id=set_id, session_id=set_id, exercise_slug=NORDIC_SLUG, side="both",
                    reps=len(descents), load_kg=None, load_unit="kg", set_type="working",
                    descent_s=descents, descent_held=held,
                    logged_at=datetime(2026, 1, 5, tzinfo=UTC) + timedelta(minutes=minutes))


def _by_kind(book: RecordBook) -> dict[str, object]:
    return {r.kind: r for r in book.records() if r.kind in (LONGEST_DESCENT, BEST_MEAN_DESCENT)}


def test_a_record_held_to_the_floor_is_at_least_the_target() -> None:
    book = RecordBook()
    book.offer(_facts(1, (5.0, 2.4, 5.0), (True, False, True), 0))
    records = _by_kind(book)
    longest = records[LONGEST_DESCENT]
    assert longest.value == 5.0 and longest.at_least  # type: ignore[attr-defined]
    assert records[BEST_MEAN_DESCENT].at_least  # type: ignore[attr-defined]
    assert describe_record(longest, "kg", NAMES.get) == (  # type: ignore[arg-type]
        "Nordic hamstring curl: longest controlled descent, ≥ 5.0 s (first)")
    # A measured 5.0 s ties and leaves the record where it was; 5.5 s beats it and is measured.
    assert [r.kind for r in book.offer(_facts(2, (5.0, 5.0), (False, False), 10))] == \
        [BEST_MEAN_DESCENT]
    assert _by_kind(book)[LONGEST_DESCENT].set_id == 1  # type: ignore[attr-defined]
    book.offer(_facts(3, (5.5,), (False,), 20))
    beaten = _by_kind(book)[LONGEST_DESCENT]
    assert (beaten.value, beaten.at_least) == (5.5, False)  # type: ignore[attr-defined]
    # Flags not known (a set from before they were kept): the value reads as measured.
    unknown = RecordBook()
    unknown.offer(_facts(4, (6.0, 6.0), (), 0))
    assert not _by_kind(unknown)[LONGEST_DESCENT].at_least  # type: ignore[attr-defined]


def _log_nordics(paths: AppPaths, clock: FakeClock) -> tuple[int, int]:
    store, _ = Store.open(paths, clock)
    try:
        first = store.start_session(title="Nordics")
        store.log_set(first.id, SetEntry(NORDIC_SLUG, 1, reps=3, descent_s=(5.0, 2.4, 5.0),
                                         descent_held=(True, False, True)))
        store.end_session(first.id)
        clock.advance(3 * 86400)
        second = store.start_session(title="Nordics")
        store.log_set(second.id, SetEntry(NORDIC_SLUG, 1, reps=2, descent_s=(3.0, 3.5),
                                          descent_held=(False, False)))
        store.end_session(second.id)
        return first.id, second.id
    finally:
        store.close()


def test_the_log_reader_agrees_with_the_rules(paths: AppPaths, clock: FakeClock) -> None:
    first, second = _log_nordics(paths, clock)
    reader = ProgressReader(paths.database)
    try:
        records = {r.kind: r for r in reader.records() if r.kind in (LONGEST_DESCENT,
                                                                     BEST_MEAN_DESCENT)}
        assert records[LONGEST_DESCENT].value == 5.0 and records[LONGEST_DESCENT].at_least
        assert records[BEST_MEAN_DESCENT].at_least
        set_first = {r.kind: r for r in reader.records_broken_in(first)}
        assert set_first[LONGEST_DESCENT].at_least
        assert reader.records_broken_in(second) == []
        (held_day, measured_day) = reader.nordic_descent()
        assert (held_day.held_reps, held_day.longest_held) == (2, True)
        assert (measured_day.held_reps, measured_day.longest_held) == (0, False)
    finally:
        reader.close()
    readout = descent_readout(held_day)
    assert "mean descent at least 4.1 s over 3 reps (2 held to the floor)" in readout
    assert readout.endswith("longest " + held_descent_text(5.0))
    assert held_descent_text(5.0) == "5.0 s+ (to the floor)"
    assert descent_readout(measured_day).endswith("mean descent 3.2 s over 2 reps, longest 3.5 s")


# -- what the athlete reads ------------------------------------------------------------------------


def test_history_says_at_least_for_held_reps(qtbot: QtBot, paths: AppPaths,
                                             clock: FakeClock) -> None:
    first, second = _log_nordics(paths, clock)
    reader = LogReader(paths.database)
    try:
        sets = reader.sets_of_session(first) + reader.sets_of_session(second)
    finally:
        reader.close()
    model = SetsModel(NAMES.get)  # type: ignore[arg-type]
    model.show_sets(sets, "kg")
    column = model.COLUMNS.index("Descent")
    assert model.index(0, column).data() == "≥ 4.1 s mean · 5+ best"
    assert model.index(1, column).data() == "3.2 s mean · 3.5 best"
    assert descent_times_text((5.0, 2.4), (True, False)) == "5.0+ · 2.4 s"
    # The correction dialog shows the held reps with a +, keeps them when
    # untouched, and refuses more descents than reps next to the field.
    dialog = SetEditDialog(sets[0], list(NAMES.items()), "Change")
    qtbot.addWidget(dialog)
    assert dialog.descent_edit.text() == "5+; 2.4; 5+"
    assert dialog.entry().descent_held == (True, False, True)
    dialog.reps_edit.setText("2")
    dialog.buttons.accepted.emit()
    assert dialog.messages["descent"].isVisibleTo(dialog)
    assert "3 descent times for 2 reps" in dialog.messages["descent"].text()


def test_the_log_sheet_follows_the_reps(qtbot: QtBot, clock: FakeClock) -> None:
    engine, done = _set_with_a_press(clock)
    sheet = LogSheet("kg")
    qtbot.addWidget(sheet)
    sheet.open(engine.entry_for_set(), done, "Nordic hamstring curl · set 1")
    assert sheet.detail.text() == "Descent  5.0+ · 2.4 · 5.0+ s · mean at least 4.1 s (+: to the floor)"
    sheet.reps_edit.setText("2")
    assert sheet.detail.text() == "Descent  5.0+ · 2.4 s · mean at least 3.7 s (+: to the floor)"
    entry = engine.entry_for_set(**sheet.changes())
    assert (entry.reps, entry.descent_s, entry.descent_held) == (2, (5.0, 2.4), (True, False))
    sheet.show_error("descent", "2 descent times for 1 rep")
    assert sheet.messages["descent"].isVisibleTo(sheet)
    assert sheet.messages["descent"].text() == "Descents: 2 descent times for 1 rep"
