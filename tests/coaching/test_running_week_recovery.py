"""A hard run counts like a heavy session: in the 48-hour rule
(app.coaching.recovery) and in the readiness check (app.coaching.readiness),
and so on Today."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.coaching.readiness import GuidanceLevel, PainLevel, ReadinessAnswers, assess
from app.coaching.recovery import last_hard_run, recent_hard_run, too_soon_notice
from app.kernel.paths import AppPaths
from app.logbook.runs import RunEntry, RunRecord, RunTag
from helpers.coaching_log import MON, THU, Diary, day, open_diary, today_view

diary = open_diary  # the fixture: the athlete's Diary, open for the test
TUESDAY_7AM = datetime(2027, 4, 13, 7, tzinfo=UTC)


def _run(start: datetime, tag: RunTag, run_id: int = 1) -> RunRecord:
    return RunRecord(run_id, RunEntry(started_at=start, duration_s=3600.0, tag=tag))


def test_heavy_work_the_day_after_a_hard_run_asks_first() -> None:
    long_run = _run(TUESDAY_7AM - timedelta(days=1), RunTag.LONG)  # Monday 07:00-08:00
    notice = too_soon_notice(None, TUESDAY_7AM, heavy_today=True, tz=UTC, hard_run=long_run)
    assert notice is not None and notice.kind == "too-soon"
    assert notice.title == "A hard run yesterday"
    assert "Your long run was yesterday" in notice.text and "coaching convention" in notice.text
    assert notice.numbers[1] == "heavy work again from: Wed 14 Apr 2027"
    assert "coaching-convention" in notice.sources
    # A full rest day after it: nothing to ask. Light work today: nothing either.
    assert too_soon_notice(None, TUESDAY_7AM + timedelta(days=1), heavy_today=True, tz=UTC,
                           hard_run=long_run) is None
    assert too_soon_notice(None, TUESDAY_7AM, heavy_today=False, tz=UTC,
                           hard_run=long_run) is None


def test_the_later_of_the_heavy_session_and_the_hard_run_is_the_one_told() -> None:
    run = _run(TUESDAY_7AM - timedelta(days=3), RunTag.QUALITY)
    nordics_yesterday = TUESDAY_7AM - timedelta(hours=12)
    notice = too_soon_notice(nordics_yesterday, TUESDAY_7AM, heavy_today=True, tz=UTC,
                             hard_run=run)
    assert notice is not None and notice.title == "Heavy hamstring work done yesterday"


def test_only_hard_runs_done_count() -> None:
    easy = _run(TUESDAY_7AM - timedelta(hours=20), RunTag.EASY, 1)
    quality = _run(TUESDAY_7AM - timedelta(days=1, hours=2), RunTag.QUALITY, 2)
    later = _run(TUESDAY_7AM + timedelta(hours=1), RunTag.RACE, 3)  # not ended yet
    assert last_hard_run([easy, quality, later], TUESDAY_7AM) == quality
    assert recent_hard_run([easy, quality], TUESDAY_7AM, UTC) == quality
    assert recent_hard_run([quality], TUESDAY_7AM + timedelta(days=1), UTC) is None
    assert recent_hard_run([easy], TUESDAY_7AM, UTC) is None


def _answers(soreness: int = 1, run_pain: PainLevel = PainLevel.MILD) -> ReadinessAnswers:
    return ReadinessAnswers(soreness=soreness, pain=PainLevel.NONE, sharp_pain=False,
                            numbness=False, can_walk=True, run_pain=run_pain)


def test_mild_pain_after_a_hard_run_makes_an_easy_day() -> None:
    after_hard = assess(_answers(), hard_run="long")
    assert after_hard.level is GuidanceLevel.EASY
    assert "your long run" in after_hard.text and "lighter session" in after_hard.text
    assert "not a diagnosis" in after_hard.text
    # Without a hard run, mild run pain is noted and changes no level (as before).
    assert assess(_answers()).level is GuidanceLevel.GO
    # No pain after the hard run: go. Soreness from 7: still the rest day.
    assert assess(_answers(run_pain=PainLevel.NONE), hard_run="long").level is GuidanceLevel.GO
    assert assess(_answers(soreness=7), hard_run="quality").level is GuidanceLevel.REST


def test_today_waits_a_day_after_a_hard_run_before_heavy_work(diary: Diary,
                                                            paths: AppPaths) -> None:
    """Advanced (Nordics, deadlifts) on Monday; intervals done on Sunday
    morning: Monday's session asks first."""
    diary.follow("advanced", day(0), [MON, THU])
    diary.at(day(-1), 12)
    diary.store.add_runs([RunEntry(started_at=datetime(2026, 1, 4, 8, tzinfo=UTC),
                                   duration_s=3000.0, tag=RunTag.QUALITY, tag_guessed=False)])
    view = today_view(paths, diary.at(day(0), 7))
    assert view.too_soon is not None and view.too_soon.title == "A hard run yesterday"
    assert view.week is not None
    assert today_view(paths, diary.at(day(1), 7)).too_soon is None
