"""The Qt-free core in another language: app.kernel.i18n itself, and the words and
numbers of formatting, programs, today, settings, corrections and progress
once a translator and a German-style number format are installed (and plain
English with nothing installed, as the command line prints it)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.catalog import Catalog, load_catalog_strict
from app.coaching.book import ProgramBook
from app.coaching.loader import program_from_dict
from app.coaching.model import ExerciseDose, Program, ProgramError
from app.coaching.planning import day_label, plan_for_day
from app.coaching.progression import suggest
from app.coaching.readiness import QUESTIONS, PainLevel, ReadinessAnswers, assess
from app.coaching.recovery import too_soon_notice
from app.coaching.schedule import check_weekdays
from app.coaching.watch import nordic_gap_notice
from app.coaching.words import (
    WEEKDAY_NAMES,
    dose_words,
    frequency_words,
    level_word,
    program_html,
    weekday_name,
)
from app.kernel import i18n
from app.kernel.resources import resources_dir
from app.logbook.entries import LoggedSetRecord, SessionRecord
from app.logbook.formatting import (
    describe_set,
    format_duration,
    format_number,
    format_when,
    local_time,
    session_heading,
    session_title,
)
from app.logbook.settings import SettingError, check
from app.progress.records import (
    BEST_MEAN_DESCENT,
    HEAVIEST,
    PersonalRecord,
    describe_record,
    format_load,
    format_record_value,
)
from app.usecases.corrections import SessionDeleted, SetDeleted
from app.usecases.today import lighter

OPEN, CLOSE = "⟪", "⟫"
START = datetime(2026, 3, 2, 17, 30, tzinfo=UTC)


def marked(context: str, text: str, disambiguation: str | None, n: int) -> str:
    """A translator that knows every message: each comes back wrapped in ⟪ ⟫."""
    return f"{OPEN}{text}{CLOSE}"


def german(value: float, decimals: int) -> str:
    """QLocale(German)'s numbers as app.ui.shell.language hands them over."""
    text = f"{round(value, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("0" if text in {"-0", ""} else text).replace(".", ",")


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    i18n.uninstall()


@pytest.fixture
def translated() -> None:
    i18n.install(translate=marked, number=german, decimal_point=",",
                 datetime_text=lambda moment: moment.strftime("%d.%m.%Y %H:%M"))


@pytest.fixture
def german_numbers() -> None:
    i18n.install(number=german, decimal_point=",")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


@pytest.fixture(scope="module")
def book(catalog: Catalog) -> ProgramBook:
    return ProgramBook(catalog)


@pytest.fixture(scope="module")
def nordic(book: ProgramBook) -> Program:
    program = book.get("nordic-programme")
    assert program is not None
    return program


def a_set(*, side: str = "both", reps: int | None = 8, load_kg: float | None = 82.5,
          descent: tuple[float, ...] | None = None, set_type: str = "working",
          notes: str = "") -> LoggedSetRecord:
    return LoggedSetRecord(
        id=1, uid="set-1", session_id=1, exercise_slug="romanian-deadlift", set_number=2,
        side=side, reps=reps, load_kg=load_kg, load_unit="kg", duration_s=None, rpe=8.5,
        tempo=None, descent_s=descent, set_type=set_type, notes=notes, logged_at=START)


def a_session(*, title: str = "Hamstrings", sets: int = 3) -> SessionRecord:
    return SessionRecord(
        id=1, uid="session-1", athlete_id=1, started_at=START, ended_at=START + timedelta(hours=1),
        program_slug=None, program_day=None, title=title, notes="", readiness=None,
        set_count=sets, volume_kg=1237.5)


def a_record(*, previous: float | None = 80.0, side: str = "both") -> PersonalRecord:
    return PersonalRecord(kind=HEAVIEST, exercise_slug="romanian-deadlift", value=82.5, reps=8,
                          side=side, set_id=1, session_id=1, achieved_at=START, load_unit="kg",
                          previous=previous, load_kg=82.5)


DOUBLE = ExerciseDose(slug="romanian-deadlift", sets=3, rest_s=120, reps=(8, 10),
                      progression="double")


# -- app.kernel.i18n ---------------------------------------------------------------------


def test_english_plurals_come_from_the_marks() -> None:
    assert i18n.translate("ctx", "%n set(s)", n=1) == "1 set"
    assert i18n.translate("ctx", "%n set(s)", n=3) == "3 sets"
    assert i18n.translate("ctx", "%n set(s)", n=0) == "0 sets"
    assert i18n.translate("ctx", "%n match(es) in %n file(s)", n=2) == "2 matches in 2 files"
    # No mark, no change: the count is only filled in.
    assert i18n.translate("ctx", "%n reps", n=1) == "1 reps"


def test_a_translated_count_keeps_its_own_plural() -> None:
    def german_sets(context: str, text: str, disambiguation: str | None, n: int) -> str:
        return "%n Satz" if n == 1 else "%n Sätze (gesamt)"

    i18n.install(translate=german_sets)
    assert i18n.translate("ctx", "%n set(s)", n=1) == "1 Satz"
    # The translation's own parentheses are not English plural marks.
    assert i18n.translate("ctx", "%n set(s)", n=3) == "3 Sätze (gesamt)"


def test_a_count_qt_filled_in_without_a_translation_still_gets_the_english_plural() -> None:
    i18n.install(translate=lambda c, text, d, n: text.replace("%n", str(n)))
    assert i18n.translate("ctx", "%n set(s)", n=1) == "1 set"
    assert i18n.translate("ctx", "%n set(s)", n=4) == "4 sets"


def test_the_count_is_a_locale_number(german_numbers: None) -> None:
    assert i18n.translate("ctx", "%n set(s)", n=1200) == "1200 sets"
    assert i18n.format_integer(7) == "7"


def test_format_decimal_trims_zeros() -> None:
    assert i18n.format_decimal(60.0) == "60"
    assert i18n.format_decimal(22.50) == "22.5"
    assert i18n.format_decimal(22.46) == "22.5"
    assert i18n.format_decimal(41.25, 2) == "41.25"
    assert i18n.format_decimal(2.0, 2) == "2"
    assert i18n.format_decimal(-0.04) == "0"
    assert i18n.format_decimal(7.6, 0) == "8"


def test_format_decimal_in_the_locale(german_numbers: None) -> None:
    assert i18n.format_decimal(22.5) == "22,5"
    assert i18n.format_decimal(60.0) == "60"


def test_parse_decimal_with_a_dot() -> None:
    assert i18n.parse_decimal("82.5") == 82.5
    assert i18n.parse_decimal(" 60 ") == 60.0
    assert i18n.parse_decimal("\u22122.5") == -2.5  # a typographic minus
    # A comma is read as the decimal mark in English too: loads are never
    # typed with thousands separators.
    assert i18n.parse_decimal("82,5") == 82.5
    with pytest.raises(ValueError):
        i18n.parse_decimal("1,082.5")  # both marks: refused


def test_parse_decimal_with_a_comma(german_numbers: None) -> None:
    assert i18n.decimal_point() == ","
    assert i18n.parse_decimal("82,5") == 82.5
    assert i18n.parse_decimal("82.5") == 82.5  # a dot is still fine
    with pytest.raises(ValueError):
        i18n.parse_decimal("1.082,5")  # both marks: ambiguous, refused


@pytest.mark.parametrize("junk", ["", "   ", "kg", "8o", "1,2,3", "--5", "½"])
def test_parse_decimal_refuses_junk(junk: str, german_numbers: None) -> None:
    with pytest.raises(ValueError):
        i18n.parse_decimal(junk)


def test_uninstall_goes_back_to_english(translated: None) -> None:
    assert i18n.translate("ctx", "Text").startswith(OPEN)
    i18n.uninstall()
    assert i18n.translate("ctx", "Text") == "Text"
    assert i18n.format_decimal(2.5) == "2.5" and i18n.decimal_point() == "."


# -- English with nothing installed (the command line) ------------------------------------


def test_formatting_is_plain_english_without_a_translator() -> None:
    assert format_duration(3900) == "1 h 05 min"
    assert format_duration(120) == "2 min"
    assert format_duration(90) == "1 min 30 s"
    assert format_duration(5) == "5 s"
    assert format_number(22.5) == "22.5"
    assert format_when(START) == local_time(START).strftime("%a %d %b %Y %H:%M")
    assert session_heading(a_session()) == (
        f"{format_when(START)} · Hamstrings · 3 sets · 1 h 00 min · volume 1237.5 kg")
    assert session_heading(a_session(sets=1)).count("· 1 set ·") == 1
    assert session_title(a_session(title="")) == "Workout"
    assert describe_set(a_set(side="left", reps=1, descent=(5.0, 5.0), set_type="warmup",
                              notes="felt good")) == (
        "romanian-deadlift set 2 (left), 1 rep, 82.5 kg, RPE 8.5, descent mean 5.0 s, "
        "warm-up, “felt good”")
    assert describe_set(a_set(load_kg=-10.0)) == "romanian-deadlift set 2, 8 reps, band assist 10 kg, RPE 8.5"


def test_programs_progress_and_settings_are_plain_english_without_a_translator(
        nordic: Program, book: ProgramBook) -> None:
    assert frequency_words(nordic) == "27 sessions over 10 weeks, then 1 a week"
    assert dose_words(DOUBLE) == "3 × 8-10 (rest 2 min)"
    assert day_label(nordic, 2) == "Week 2 · session 1 of 2"
    assert day_label(nordic, 28) == "Maintenance · week 11"
    assert check_weekdays(nordic, []) == "Choose at least one training day."
    assert suggest(DOUBLE, [], units="kg", load_step=2.5).reason == (
        "first time: pick a load that lets every set reach 8-10 reps with clean form")
    assert assess(ReadinessAnswers(0, PainLevel.NONE, False, False)).text.startswith(
        "No soreness, and no pain")
    assert describe_record(a_record(), "kg") == "romanian-deadlift: heaviest for 8 reps, 82.5 kg (was 80 kg)"
    assert describe_record(a_record(previous=None, side="right"), "kg") == (
        "romanian-deadlift (right): heaviest for 8 reps, 82.5 kg (first)")
    assert format_record_value(BEST_MEAN_DESCENT, 6.0, "kg") == "6.0 s"
    assert SessionDeleted(a_session(), (a_set(),), "Hamstrings").description == (
        "Deleted the session Hamstrings (1 set)")
    assert SessionDeleted(a_session(), (a_set(), a_set()), "Hamstrings").description == (
        "Deleted the session Hamstrings (2 sets)")
    with pytest.raises(SettingError) as caught:
        check("load_step_kg", 100)
    assert caught.value.message == "must be a number from 0.25 to 20"
    assert weekday_name(0) == "Monday" and level_word("beginner") == "Beginner"


# -- translated -------------------------------------------------------------------------


def test_formatting_words_are_translated(translated: None) -> None:
    assert format_duration(90) == "⟪1 min 30 s⟫"
    assert session_title(a_session(title="")) == "⟪Workout⟫"
    heading = session_heading(a_session())
    assert heading.startswith(local_time(START).strftime("%d.%m.%Y %H:%M") + " · ")
    assert "⟪3 set(s)⟫" in heading and "⟪volume ⟪1237,5 kg⟫⟫" in heading
    line = describe_set(a_set(side="left", descent=(5.0,), set_type="drop", notes="ok"))
    assert line == ("⟪romanian-deadlift set 2 (⟪left⟫)⟫, ⟪8 rep(s)⟫, ⟪82,5 kg⟫, ⟪RPE 8,5⟫, "
                    "⟪descent mean 5,0 s⟫, ⟪drop⟫, ⟪“ok”⟫")


def test_program_words_are_translated(translated: None, nordic: Program) -> None:
    assert frequency_words(nordic) == "⟪27 sessions over 10 weeks, then 1 a week⟫"
    assert dose_words(DOUBLE) == "⟪3 × ⟪8-10⟫⟫ (⟪rest ⟪2 min⟫⟫)"
    html = program_html(nordic, lambda slug: slug, {})
    assert "<h3>⟪Week 1⟫</h3>" in html and "<h3>⟪Then every week (maintenance)⟫</h3>" in html
    # Module constants: marked where defined, translated where shown.
    assert WEEKDAY_NAMES[0] == "Monday"
    assert (weekday_name(0), level_word("advanced")) == ("⟪Monday⟫", "⟪Advanced⟫")
    assert day_label(nordic, 1) == "⟪Week 1 · session 1 of 1⟫"
    assert check_weekdays(nordic, []) == "⟪Choose at least one training day.⟫"


def test_readiness_is_translated(translated: None) -> None:
    guidance = assess(ReadinessAnswers(6, PainLevel.NONE, False, False))
    assert guidance.title == "⟪An easy day⟫"
    assert guidance.text.startswith("⟪Soreness of 6 out of 10")
    assert guidance.text.endswith("⟪This is guidance from your answers, not a diagnosis.⟫⟫")
    stop = assess(ReadinessAnswers(0, PainLevel.MORE, True, False))
    assert "⟪⟪sharp, electric or spreading pain⟫ and ⟪pain above about 3-4 out of 10⟫⟫" in stop.text
    question = QUESTIONS[0]
    assert i18n.translate("readiness", question.text) == "⟪How sore are your hamstrings today?⟫"
    assert i18n.translate("readiness", question.options[5].label) == "⟪5 - it changes how I move⟫"


def test_watch_notices_are_translated(translated: None) -> None:
    soon = too_soon_notice(START, START + timedelta(hours=20), heavy_today=True, tz=START.tzinfo)
    assert soon is not None and soon.title == "⟪Heavy hamstring work done ⟪yesterday⟫⟫"
    assert soon.numbers[0].startswith("⟪last heavy hamstring session: ")
    gap = nordic_gap_notice(date(2026, 1, 1), 6, date(2026, 1, 23))
    assert gap is not None and gap.text.startswith("⟪Your last session with Nordic curls was 22 days")
    assert "⟪So the program goes back to week 4 - 2 back from week 6" in gap.text


def test_progression_reasons_are_translated_with_locale_loads(translated: None) -> None:
    assert suggest(DOUBLE, [], units="kg", load_step=2.5).reason == (
        "⟪first time: pick a load that lets every set reach ⟪8-10⟫ reps with clean form⟫")
    done = [[LoggedSetRecord(
        id=n, uid=f"s{n}", session_id=1, exercise_slug=DOUBLE.slug, set_number=n, side="both",
        reps=10, load_kg=41.25, load_unit="kg", duration_s=None, rpe=None, tempo=None,
        descent_s=None, set_type="working", notes="", logged_at=START) for n in (1, 2, 3)]]
    reason = suggest(DOUBLE, done, units="kg", load_step=1.25).reason
    assert reason.startswith("⟪all 3 set(s) reached ⟪10 rep(s)⟫ at ⟪41,25 kg⟫ last time: go to ⟪")


def test_loader_messages_are_translated(translated: None, catalog: Catalog,
                                        book: ProgramBook, tmp_path: Path) -> None:
    with pytest.raises(ProgramError) as caught:
        program_from_dict({"name": 5, "weeks": []}, "mine", catalog, slug="my-program")
    assert caught.value.message == "⟪expected a string, got ⟪an integer 5⟫⟫"
    folder = tmp_path / "resources" / "programs"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text("name = ", encoding="utf-8")
    damaged = ProgramBook(catalog, folder)
    assert damaged.built_in() == []
    assert damaged.problems[0].startswith("resources/programs/broken.toml: ⟪TOML syntax error")


def test_today_settings_and_corrections_are_translated(translated: None, nordic: Program,
                                                       catalog: Catalog) -> None:
    plan = plan_for_day(nordic, 1, catalog)
    assert lighter(plan).title == f"⟪{plan.title} (lighter)⟫"
    with pytest.raises(SettingError) as caught:
        check("units", "stone")
    assert caught.value.message == "⟪must be kg or lb⟫"
    with pytest.raises(SettingError) as step:
        check("load_step_kg", 100)
    assert step.value.message == "⟪must be a number from 0,25 to 20⟫"
    assert SetDeleted(a_set(), "Romanian deadlift").description == "⟪Deleted Romanian deadlift set 2⟫"
    assert SessionDeleted(a_session(), (a_set(),), "Hamstrings").description == (
        "⟪Deleted the session Hamstrings (1 set(s))⟫")


def test_records_are_translated_with_german_numbers(translated: None) -> None:
    assert describe_record(a_record(side="left"), "kg") == (
        "⟪⟪romanian-deadlift (⟪left⟫)⟫: ⟪heaviest for 8 rep(s)⟫, ⟪82,5 kg⟫ (was ⟪80 kg⟫)⟫")
    assert format_record_value(BEST_MEAN_DESCENT, 6.0, "kg") == "⟪6,0 s⟫"


def test_loads_read_with_a_decimal_comma(german_numbers: None) -> None:
    assert format_load(82.5, "kg") == "82,5 kg"
    assert format_load(41.25, "kg", 2) == "41,25 kg"
    assert format_number(22.5) == "22,5"
    assert describe_record(a_record(), "kg") == "romanian-deadlift: heaviest for 8 reps, 82,5 kg (was 80 kg)"
    assert "82,5 kg" in describe_set(a_set())
