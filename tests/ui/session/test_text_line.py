"""Gym mode's text lines keep a number with the word after it when a line
must break between words (seen with snap at 1366x768: "last time: 2 x 8 @ 60"
on one line and "kg, 20 days ago" on the next)."""

from __future__ import annotations

import itertools

from pytestqt.qtbot import QtBot

from app.ui.session.widgets import TextLine, numbers_kept_with_their_words

LAST_TIME = "last time: 2 x 8 @ 60 kg, 20 days ago"


def _lines_at(qtbot: QtBot, width: int, text: str = LAST_TIME) -> list[str]:
    line = TextLine("Last time", max_lines=3)
    qtbot.addWidget(line)
    line.set_size(60, bold=True)
    line.resize(width, line.line_height(3))
    line.set_text(text)
    return line.shown_lines()


def test_a_number_and_its_unit_share_a_line(qtbot: QtBot) -> None:
    broken_between_words = 0
    for width in range(300, 1600, 10):
        lines = _lines_at(qtbot, width)
        if "…" in "".join(lines):  # too narrow even on three lines: cut, not wrapped
            continue
        assert " ".join(lines).split() == LAST_TIME.split()
        for before, after in itertools.pairwise(lines):
            assert not (before[-1:].isdigit() and after[:1].isalpha()), (width, lines)
        broken_between_words += any(line.startswith("last") and not line.endswith(",")
                                    for line in lines[:-1])
    assert broken_between_words  # some widths did break inside "last time: 2 x 8 @ 60 kg,"


def test_words_without_numbers_still_break_between_words(qtbot: QtBot) -> None:
    lines = _lines_at(qtbot, 700, "Romanian deadlift with a pause at the knee")
    assert len(lines) > 1
    assert " ".join(lines) == "Romanian deadlift with a pause at the knee"


def test_the_pieces_glue_a_number_to_the_next_word_only() -> None:
    assert numbers_kept_with_their_words(["@ ", "60 ", "kg, ", "20 ", "days ", "ago"]) == [
        "@ ", "60 kg, ", "20 days ", "ago"]
