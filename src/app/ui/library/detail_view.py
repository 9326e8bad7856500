"""One exercise, step by step, to follow from a bench a couple of metres away.

The first screenful is the current step: its picture as large as the space
allows and its text in big type, with previous / play / next. Scrolling
down (Page Down, or Tab into the links) gives the why, the form cues, the
common mistakes, easier and harder variations and the sources.
"""

# One module because the exercise page is one scrolling screen whose parts
# (step player, text at two-metre size, cues, mistakes, variations, sources)
# share its layout and text-size rules; the picture and steps are in their
# own modules already (picture_view, step_player).

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSlider,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.catalog.model import Exercise
from app.kernel.clock import Clock
from app.kernel.i18n import format_integer, translate
from app.logbook.custom_exercises import CustomExercise
from app.ui.library.list_model import custom_tag
from app.ui.library.picture_view import StepPictureView
from app.ui.library.step_player import StepPlayer
from app.ui.library.words import SEPARATOR, describe_prescription, equipment_text, label
from app.ui.look import style
from app.ui.look.figure_painter import FigureTheme
from app.ui.look.figure_view import StepFigureView
from app.ui.look.side_by_side import SideBySide
from app.ui.look.style import SPACING, heading_font

if TYPE_CHECKING:
    from app.catalog import Catalog

# At the standard text size (100 %); the athlete's text size multiplies them.
STEP_TEXT_POINT_SIZE = 22.0  # readable from about 2 m on a laptop screen
STEP_TEXT_MAX_POINT_SIZE = 30.0
STEP_TEXT_WIDTH_RATIO = 60.0  # on wide screens: a point for every 60 px of width
STEP_TEXT_ALONE_SCALE = 1.35  # a custom step without a picture has the room
STEP_COUNTER_SCALE = 1.5
PRESCRIPTION_SCALE = 1.3
SECTION_TEXT_SCALE = 1.15
MIN_HERO_HEIGHT = 360
# Beside the picture the step keeps at least this many characters a line
# (the picture shrinks first, down to MIN_PICTURE_WIDTH; below that the
# step goes under it): a column of one or two big words a line is no
# longer read at a glance.
STEP_MIN_CHARACTERS = 16
MIN_PICTURE_WIDTH = 280
# With the step under it, the picture takes at most this share of the
# visible height: the step's first lines stay on the first screenful.
STACKED_PICTURE_SHARE = 0.5
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum" for a widget's size

# Scoped to this view by object names: the rest of the app keeps its look.
# Links in the palette's link colour, which every theme sets to one that
# reads on its background (the accent itself is a button colour: 3:1 on dark).
STYLESHEET = """
QPushButton#variationLink {
    border: none;
    color: palette(link);
    text-decoration: underline;
    text-align: left;
    padding: 2px 0px;
}
QPushButton#variationLink:focus {
    outline: none;
    border: 2px solid palette(text);
    border-radius: 3px;
}
QLabel#customTag {
    border: 2px solid palette(text);
    border-radius: 4px;
    padding: 1px 8px;
    font-weight: 600;
}
QLabel#pictureProblem {
    border: 1px solid palette(mid);
    padding: 4px 8px;
}
"""

AnyExercise = Exercise | CustomExercise


def _scaled_font(base: QFont, scale: float, weight: QFont.Weight | None = None) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * scale)
    if weight is not None:
        font.setWeight(weight)
    return font


def _button(text: str, name: str, tooltip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    button.setToolTip(tooltip)
    return button


def _text_label(parent: QWidget, scale: float = SECTION_TEXT_SCALE) -> QLabel:
    text = QLabel(parent)
    text.setWordWrap(True)
    text.setTextFormat(Qt.TextFormat.PlainText)  # custom notes are the athlete's own text
    text.setFont(_scaled_font(text.font(), scale))
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return text


def _bullets(items: Iterable[str]) -> str:
    rows = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul style="margin: 0px; -qt-list-indent: 1;">{rows}</ul>'


class _Section(QWidget):
    """A titled block of the lower part: Why, Form cues, Sources..."""

    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, SPACING)
        layout.setSpacing(SPACING // 3)
        self.title = QLabel(title, self)
        self.title.setFont(heading_font(self.title.font(), 1.3))
        self.title.setAccessibleName(title)
        layout.addWidget(self.title)
        self.body = layout
        self.text = _text_label(self)
        self.text.setAccessibleName(title)
        layout.addWidget(self.text)

    def set_lines(self, lines: tuple[str, ...] | list[str]) -> None:
        """A bulleted list; a long item wraps under its own first word, not the bullet."""
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setText(_bullets(html.escape(line, quote=False) for line in lines))
        self.setVisible(bool(lines))


class _VariationSection(_Section):
    """Easier or harder options: links to other library exercises, and named
    tweaks with how to do them. ``link_name`` names a link for a screen
    reader, "{name}" standing for the exercise's name."""

    def __init__(self, title: str, link_name: str, parent: QWidget) -> None:
        super().__init__(title, parent)
        self._link_name = link_name
        self.links: list[QPushButton] = []
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self._rows: list[QWidget] = []

    def clear(self) -> None:
        for row in self._rows:
            self.body.removeWidget(row)
            row.deleteLater()
        self._rows = []
        self.links = []

    def add_link(self, exercise: Exercise, how: str | None) -> QPushButton:
        link = QPushButton(f"→ {exercise.name}", self)
        link.setObjectName("variationLink")
        link.setFlat(True)
        link.setAutoDefault(True)  # Enter follows a link, as it does in a browser
        link.setCursor(Qt.CursorShape.PointingHandCursor)
        link.setFont(_scaled_font(link.font(), SECTION_TEXT_SCALE))
        link.setAccessibleName(self._link_name.format(name=exercise.name))
        link.setToolTip(translate("_VariationSection", "Open {name} (Enter or Space when it has the "
                                                       "focus)").format(name=exercise.name))
        link.setProperty("slug", exercise.slug)
        link.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.body.addWidget(link)
        self._rows.append(link)
        self.links.append(link)
        if how:
            note = _text_label(self)
            note.setText(how)
            note.setContentsMargins(SPACING, 0, 0, 0)
            self.body.addWidget(note)
            self._rows.append(note)
        return link

    def set_named(self, named: list[tuple[str, str]]) -> None:
        self.text.setText(_bullets(f"<b>{html.escape(name, quote=False)}</b>: "
                                   f"{html.escape(how, quote=False)}" for name, how in named))
        self.text.setVisible(bool(named))


class _StepColumn(QWidget):
    """The step's column: never narrower than a readable line of the step
    text, nor than its own controls (a minimum width set on the widget
    would replace the controls' minimum, not add to it)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._readable_width = 0

    def set_readable_width(self, width: int) -> None:
        if width != self._readable_width:
            self._readable_width = width
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self._readable_width), hint.height())


class ExerciseDetailView(QWidget):
    """Shows one exercise, built-in or custom; see the module docstring."""

    step_changed = Signal(int)
    variation_activated = Signal(str)  # slug of the linked library exercise

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLESHEET)
        self._exercise: AnyExercise | None = None
        self._catalog: Catalog | None = None
        self._step = 0
        self.player = StepPlayer(clock, self)
        self.player.position_changed.connect(self._on_player_position_changed)
        self.player.playing_changed.connect(self._on_player_playing_changed)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(SPACING // 2)
        outer.addLayout(self._build_header())

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # Page Up / Page Down scroll it (see below); Tab stops on the controls.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget(self.scroll_area)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, SPACING // 2, 0)
        content_layout.setSpacing(SPACING)
        self.hero = self._build_hero(content)
        content_layout.addWidget(self.hero)
        content_layout.addWidget(self._build_info(content))
        content_layout.addStretch(1)
        self.scroll_area.setWidget(content)
        # The step fills the first screenful whatever the window size.
        self.scroll_area.viewport().installEventFilter(self)
        outer.addWidget(self.scroll_area, 1)

        self._hero_fit_timer = QTimer(self)
        self._hero_fit_timer.setSingleShot(True)
        self._hero_fit_timer.setInterval(0)
        self._hero_fit_timer.timeout.connect(self._fit_hero)

        self._build_shortcuts()
        self._set_tab_order()

    # -- building ---------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(SPACING)
        self.back_button = _button(translate("ExerciseDetailView", "← Library"),
                                   translate("ExerciseDetailView", "Back to the exercise list"),
                                   translate("ExerciseDetailView", "Back to the exercise list (Esc)"),
                                   self)
        row.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        # The name and the buttons share a row while the width allows; at a
        # large text size or in a narrow window the buttons go under the
        # name rather than past the window's right edge.
        self.heading_box = QWidget(self)
        heading = SideBySide(self.heading_box)
        heading.setContentsMargins(0, 0, 0, 0)
        heading.setSpacing(SPACING)
        titles_box = QWidget(self.heading_box)
        titles = QVBoxLayout(titles_box)
        titles.setContentsMargins(0, 0, 0, 0)
        titles.setSpacing(0)
        title_row = QHBoxLayout()
        title_row.setSpacing(SPACING)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageHeading")
        self.title_label.setFont(heading_font(self.title_label.font(), 1.8))
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        # A long name at a large text size wraps between its words.
        self.title_label.setWordWrap(True)
        self.custom_tag = QLabel(custom_tag(), self)
        self.custom_tag.setObjectName("customTag")
        self.custom_tag.setAccessibleName(translate("ExerciseDetailView",
                                                    "Custom exercise: one you added"))
        self.custom_tag.setToolTip(translate("ExerciseDetailView", "An exercise you added yourself"))
        # The name takes the row's width (a wrapping label asks for less than
        # its one line, and a stretch beside it broke a name that fitted).
        title_row.addWidget(self.title_label, 1)
        title_row.addWidget(self.custom_tag, 0, Qt.AlignmentFlag.AlignVCenter)
        titles.addLayout(title_row)
        self.details_label = QLabel(self)
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.details_label.setWordWrap(True)
        titles.addWidget(self.details_label)
        # Beside the buttons only with the name on one line: a name broken
        # into three lines beside two buttons took more room than the
        # buttons under it.
        heading.add_widget(titles_box, 1, row_width=self._title_row_width)
        buttons_box = QWidget(self.heading_box)
        buttons = QHBoxLayout(buttons_box)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(SPACING)
        heading.add_widget(buttons_box)
        row.addWidget(self.heading_box, 1)
        self.duplicate_button = _button(
            translate("ExerciseDetailView", "&Duplicate"),
            translate("ExerciseDetailView", "Duplicate this exercise"),
            translate("ExerciseDetailView", "Make your own copy of this exercise to change (Ctrl+D)"),
            self)
        self.edit_button = _button(translate("ExerciseDetailView", "&Edit"),
                                   translate("ExerciseDetailView", "Edit this exercise"),
                                   translate("ExerciseDetailView", "Change this exercise (Ctrl+E)"),
                                   self)
        self.delete_button = _button(
            translate("ExerciseDetailView", "Delete…"),
            translate("ExerciseDetailView", "Delete this exercise"),
            translate("ExerciseDetailView", "Delete this exercise of yours (Delete key in the list)"),
            self)
        # No Alt letter: the list has the same button (Ctrl+Enter on both).
        self.start_button = _button(
            translate("ExerciseDetailView", "Start session"),
            translate("ExerciseDetailView", "Start a session of this exercise"),
            translate("ExerciseDetailView", "A session of this exercise with its usual dose, your "
                      "rest from Settings (Ctrl+Enter)"), self)
        self.start_button.setObjectName("primaryButton")
        for button in (self.start_button, self.duplicate_button, self.edit_button,
                       self.delete_button):
            buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        buttons.addStretch(1)  # under the name: at the left, at their own width
        return row

    def _title_row_width(self) -> int:
        """The exercise's name on one line, with its Custom tag when shown."""
        width = QFontMetrics(self.title_label.font()).horizontalAdvance(self.title_label.text())
        margins = self.title_label.contentsMargins()
        width += margins.left() + margins.right() + 2 * self.title_label.margin() + 1
        if self.custom_tag.isVisibleTo(self):
            width += SPACING + self.custom_tag.sizeHint().width()
        return width

    def _build_hero(self, parent: QWidget) -> QWidget:
        hero = QWidget(parent)
        # Picture and step side by side while the step keeps a readable line
        # beside a picture of some size; else the step goes under the picture.
        layout = SideBySide(hero)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING * 2)

        # Left: the picture, as large as the room allows, and the dose under it.
        self.picture_column = QWidget(hero)
        picture_layout = QVBoxLayout(self.picture_column)
        picture_layout.setContentsMargins(0, 0, 0, 0)
        picture_layout.setSpacing(SPACING // 2)
        self.picture_stack = QStackedWidget(self.picture_column)
        self.figure = StepFigureView(self.picture_stack)
        self.picture = StepPictureView(self.picture_stack)
        self.picture_stack.addWidget(self.figure)
        self.picture_stack.addWidget(self.picture)
        picture_layout.addWidget(self.picture_stack, 1)
        self.prescription_title = QLabel(translate("ExerciseDetailView", "Default dose"),
                                         self.picture_column)
        self.prescription_title.setFont(heading_font(self.prescription_title.font(), 1.1))
        self.prescription_label = QLabel(self.picture_column)
        self.prescription_label.setWordWrap(True)
        self.prescription_label.setTextFormat(Qt.TextFormat.PlainText)
        self.prescription_label.setFont(_scaled_font(self.prescription_label.font(),
                                                     PRESCRIPTION_SCALE))
        self.prescription_label.setAccessibleName(translate("ExerciseDetailView", "Default dose"))
        picture_layout.addWidget(self.prescription_title)
        picture_layout.addWidget(self.prescription_label)
        # Stretch 0: the picture takes all the height it can use; only what the
        # 4:3 drawing cannot use goes below the dose.
        picture_layout.addStretch(0)
        self.picture_stack.installEventFilter(self)
        self.picture_column.setMinimumWidth(MIN_PICTURE_WIDTH)
        layout.add_widget(self.picture_column, 5)

        self.step_column = _StepColumn(hero)
        column = QVBoxLayout(self.step_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING)
        self.step_label = QLabel(hero)
        self.step_label.setFont(heading_font(self.step_label.font(), STEP_COUNTER_SCALE))
        self.step_label.setAccessibleName(translate("ExerciseDetailView", "Step number"))
        column.addWidget(self.step_label)
        self.step_text = QLabel(hero)
        self.step_text.setWordWrap(True)
        self.step_text.setTextFormat(Qt.TextFormat.PlainText)
        self.step_text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.step_text.setAccessibleName(translate("ExerciseDetailView", "Step",
                                                   "noun: one step of an exercise"))
        self._step_width = 0  # the width the step text's size was fitted to
        self._fit_step_font(alone=False)
        column.addWidget(self.step_text)
        self.picture_problem = QLabel(hero)
        self.picture_problem.setObjectName("pictureProblem")
        self.picture_problem.setWordWrap(True)
        self.picture_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.picture_problem.setAccessibleName(translate("ExerciseDetailView", "Picture problem"))
        self.picture_problem.hide()
        column.addWidget(self.picture_problem)
        column.addStretch(1)

        controls = QHBoxLayout()
        controls.setSpacing(SPACING // 2)
        control_font = _scaled_font(self.font(), 1.2)
        self.previous_button = _button(translate("ExerciseDetailView", "← Previous"),
                                       translate("ExerciseDetailView", "Previous step"),
                                       translate("ExerciseDetailView", "Previous step (Left arrow)"),
                                       hero)
        self.play_button = _button(translate("ExerciseDetailView", "Play"),
                                   translate("ExerciseDetailView", "Play the steps"),
                                   translate("ExerciseDetailView", "Play the steps one after another (P)"),
                                   hero)
        self.play_button.setCheckable(True)
        self.next_button = _button(translate("ExerciseDetailView", "Next →"),
                                   translate("ExerciseDetailView", "Next step"),
                                   translate("ExerciseDetailView", "Next step (Right arrow)"), hero)
        for button in (self.previous_button, self.play_button, self.next_button):
            button.setFont(control_font)
            button.setMinimumHeight(44)
            controls.addWidget(button, 1)
        column.addLayout(controls)

        self.more_below = QLabel(hero)
        self.more_below.setWordWrap(True)
        column.addWidget(self.more_below)
        layout.add_widget(self.step_column, 3)

        self.previous_button.clicked.connect(self._on_previous_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.play_button.clicked.connect(self._on_play_button_clicked)
        return hero

    def _build_info(self, parent: QWidget) -> QWidget:
        info = QWidget(parent)
        # Two columns, or the second under the first when a column would be
        # narrower than its longest word or link.
        columns = SideBySide(info)
        columns.setContentsMargins(0, SPACING, 0, 0)
        columns.setSpacing(SPACING * 3)
        left_box = QWidget(info)
        left = QVBoxLayout(left_box)
        left.setContentsMargins(0, 0, 0, 0)
        right_box = QWidget(info)
        right = QVBoxLayout(right_box)
        right.setContentsMargins(0, 0, 0, 0)
        self.why_section = _Section(translate("ExerciseDetailView", "Why runners do it"), info)
        self.notes_section = _Section(translate("ExerciseDetailView", "Your notes"), info)
        self.based_on_section = _Section(translate("ExerciseDetailView", "Based on"), info)
        self.based_on_section.text.hide()
        self.based_on_link = QPushButton(info)
        self.based_on_link.setObjectName("variationLink")
        # Named again with the exercise when shown; never nameless meanwhile.
        self.based_on_link.setAccessibleName(translate("ExerciseDetailView",
                                                       "Open the exercise this one is based on"))
        self.based_on_link.setToolTip(translate("ExerciseDetailView",
                                                "Open the library exercise this one is based on"))
        self.based_on_link.setFlat(True)
        self.based_on_link.setAutoDefault(True)
        self.based_on_link.setFont(_scaled_font(self.based_on_link.font(), SECTION_TEXT_SCALE))
        self.based_on_link.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.based_on_section.body.addWidget(self.based_on_link)
        self.easier_section = _VariationSection(
            translate("ExerciseDetailView", "Easier variations"),
            translate("ExerciseDetailView", "Easier variation: open {name}"), info)
        self.harder_section = _VariationSection(
            translate("ExerciseDetailView", "Harder variations"),
            translate("ExerciseDetailView", "Harder variation: open {name}"), info)
        self.cues_section = _Section(translate("ExerciseDetailView", "Form cues"), info)
        self.mistakes_section = _Section(translate("ExerciseDetailView", "Common mistakes"), info)
        self.dose_section = _Section(translate("ExerciseDetailView", "About the dose"), info)
        self.sources_section = _Section(translate("ExerciseDetailView", "Sources"), info)
        for section in (self.why_section, self.notes_section, self.based_on_section,
                        self.easier_section, self.harder_section):
            left.addWidget(section)
        for section in (self.cues_section, self.mistakes_section, self.dose_section,
                        self.sources_section):
            right.addWidget(section)
        left.addStretch(1)
        right.addStretch(1)
        columns.add_widget(left_box, 1)
        columns.add_widget(right_box, 1)
        self.based_on_link.clicked.connect(self._on_based_on_link_clicked)
        return info

    def _build_shortcuts(self) -> None:
        # Window-wide while this view is shown (a hidden widget's shortcuts
        # are off): the arrows and P work even when the focus was left in the
        # navigation list, which has no use for Left, Right or P.
        window = Qt.ShortcutContext.WindowShortcut
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.shortcuts: dict[str, QShortcut] = {}
        for name, key, slot, context in (
            ("previous", Qt.Key.Key_Left, self.previous_step, window),
            ("next", Qt.Key.Key_Right, self.next_step, window),
            ("play", Qt.Key.Key_P, self.toggle_play, window),
            # Only with the focus in here: the navigation list pages with these.
            ("page_down", Qt.Key.Key_PageDown, self._on_page_down_shortcut_activated, within),
            ("page_up", Qt.Key.Key_PageUp, self._on_page_up_shortcut_activated, within),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
            self.shortcuts[name] = shortcut

    def _set_tab_order(self) -> None:
        chain = [self.back_button, self.start_button, self.duplicate_button, self.edit_button,
                 self.delete_button,
                 self.previous_button, self.play_button, self.next_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _finish_tab_order(self) -> None:
        """The links below come after the step controls, top to bottom, left column first."""
        chain: list[QWidget] = [self.next_button]
        if self.based_on_section.isVisibleTo(self):
            chain.append(self.based_on_link)
        chain += self.easier_section.links + self.harder_section.links
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- showing an exercise ----------------------------------------------

    @property
    def exercise(self) -> AnyExercise | None:
        return self._exercise

    @property
    def step_index(self) -> int:
        return self._step

    @property
    def step_count(self) -> int:
        return len(self._exercise.steps) if self._exercise is not None else 0

    @property
    def is_custom(self) -> bool:
        return isinstance(self._exercise, CustomExercise)

    def set_theme(self, theme: FigureTheme) -> None:
        self.figure.set_theme(theme)

    def show_exercise(self, exercise: AnyExercise, catalog: Catalog | None, step: int = 0) -> None:
        self.player.stop()
        if self._exercise is not None and self._exercise.slug != exercise.slug:
            self.picture.clear_cache()
        self._exercise = exercise
        self._catalog = catalog
        custom = isinstance(exercise, CustomExercise)
        self.title_label.setText(exercise.name)
        self.setAccessibleName(exercise.name)
        self.custom_tag.setVisible(custom)
        details = [label(exercise.category)]
        if exercise.level is not None:
            details.append(label(exercise.level))
        details.append(equipment_text(exercise.equipment))
        if exercise.one_side == "yes":
            details.append(translate("ExerciseDetailView", "one side at a time"))
        elif exercise.one_side == "alternating":
            details.append(translate("ExerciseDetailView", "sides alternate"))
        self.details_label.setText(SEPARATOR.join(details))
        # Any exercise can be copied; only the athlete's own can be changed.
        self.duplicate_button.setVisible(True)
        self.edit_button.setVisible(custom)
        self.delete_button.setVisible(custom)
        if isinstance(exercise, CustomExercise):
            self._show_custom_info(exercise)
        else:
            self._show_catalog_info(exercise)
        self._finish_tab_order()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.show_step(step)

    def _show_catalog_info(self, exercise: Exercise) -> None:
        catalog = self._catalog
        self.picture_stack.setCurrentWidget(self.figure)
        self._fit_picture_height()
        self.prescription_title.show()
        self.prescription_label.show()
        self.prescription_label.setText(describe_prescription(exercise.prescription))
        self.why_section.text.setText(exercise.why)
        self.why_section.show()
        self.notes_section.hide()
        self.based_on_section.hide()
        self.cues_section.set_lines(exercise.cues)
        self.mistakes_section.set_lines(exercise.mistakes)
        note = exercise.prescription.note
        self.dose_section.text.setText(note or "")
        self.dose_section.setVisible(bool(note))
        for section, variations in ((self.easier_section, exercise.easier),
                                    (self.harder_section, exercise.harder)):
            section.clear()
            named: list[tuple[str, str]] = []
            for variation in variations:
                if variation.slug is not None and catalog is not None and variation.slug in catalog:
                    link = section.add_link(catalog.get(variation.slug), variation.how)
                    link.clicked.connect(self._on_variation_link_clicked)
                elif variation.name is not None:
                    named.append((variation.name, variation.how or ""))
            section.set_named(named)
            section.setVisible(bool(variations))
        sources = catalog.sources_for(exercise) if catalog is not None else []
        self.sources_section.set_lines([source.citation for source in sources])
        self.more_below.setText(translate("ExerciseDetailView", "More below: why, form cues, "
                                                                "mistakes, variations, sources "
                                                                "(Page Down)"))
        self.more_below.show()

    def _show_custom_info(self, exercise: CustomExercise) -> None:
        self.prescription_title.hide()
        self.prescription_label.hide()
        self.why_section.hide()
        self.cues_section.hide()
        self.mistakes_section.hide()
        self.dose_section.hide()
        self.sources_section.hide()
        self.easier_section.clear()
        self.easier_section.hide()
        self.harder_section.clear()
        self.harder_section.hide()
        self.notes_section.text.setText(exercise.notes)
        self.notes_section.setVisible(bool(exercise.notes.strip()))
        catalog = self._catalog
        based_on = exercise.based_on
        if based_on is not None and catalog is not None and based_on in catalog:
            original = catalog.get(based_on)
            self.based_on_link.setText(f"→ {original.name}")
            self.based_on_link.setAccessibleName(translate("ExerciseDetailView", "Based on: open {name}")
                                                 .format(name=original.name))
            self.based_on_link.setToolTip(translate(
                "ExerciseDetailView", "Open {name}, the exercise this one copies "
                                      "(Enter or Space when it has the focus)").format(name=original.name))
            self.based_on_link.setProperty("slug", original.slug)
            self.based_on_section.show()
        else:
            self.based_on_section.hide()
        notes = self.notes_section.isVisibleTo(self)
        original_shown = self.based_on_section.isVisibleTo(self)
        if notes and original_shown:
            below = translate("ExerciseDetailView",
                              "More below: your notes and the exercise it is based on (Page Down)")
        elif notes:
            below = translate("ExerciseDetailView", "More below: your notes (Page Down)")
        elif original_shown:
            below = translate("ExerciseDetailView",
                              "More below: the exercise it is based on (Page Down)")
        else:
            below = ""
        self.more_below.setText(below)
        self.more_below.setVisible(bool(below))

    def show_step(self, index: int) -> None:
        """Show step ``index`` (counted from 0), clamped to the steps there are."""
        exercise = self._exercise
        if exercise is None:
            return
        count = len(exercise.steps)
        self._step = max(0, min(index, count - 1)) if count else 0
        if not self.player.is_playing:
            # While playing, both arrows stay usable to take over by hand, and
            # are never disabled under the focus.
            self.previous_button.setEnabled(self._step > 0)
            self.next_button.setEnabled(self._step < count - 1)
        self.play_button.setEnabled(count > 1)
        if not count:
            self.step_label.setText(translate("ExerciseDetailView", "No steps yet"))
            self.step_text.setText(translate("ExerciseDetailView",
                                             "This exercise has no steps written down yet."))
            self.picture_column.hide()
            self.picture_problem.hide()
            self.step_changed.emit(self._step)
            return
        self.step_label.setText(translate("ExerciseDetailView", "Step {number} of {count}").format(
            number=format_integer(self._step + 1), count=format_integer(count)))
        step = exercise.steps[self._step]
        self.step_text.setText(step.text)
        if isinstance(exercise, CustomExercise):
            self._show_custom_picture(exercise, self._step)
        else:
            self.picture_column.show()
            self._fit_step_font(alone=False)
            self.figure.show_step(exercise, self._step)
        self._fit_hero()
        self.step_changed.emit(self._step)

    def _show_custom_picture(self, exercise: CustomExercise, index: int) -> None:
        step = exercise.steps[index]
        description = translate("ExerciseDetailView", "Step {number} of {count}: {text}").format(
            number=format_integer(index + 1), count=format_integer(len(exercise.steps)),
            text=step.text)
        shown = step.picture is not None and self.picture.set_picture(step.picture, description)
        self.picture_problem.setVisible(step.picture is not None and not shown)
        self.picture_problem.setText(translate("ExerciseDetailView", "Picture not shown: {reason}")
                                     .format(reason=self.picture.error))
        if shown:
            self.picture_stack.setCurrentWidget(self.picture)
            self._fit_picture_height()
            self.picture_column.show()
            self._fit_step_font(alone=False)
        else:
            # No picture: the text alone, larger, fills the space.
            self.picture_column.hide()
            self._fit_step_font(alone=True)

    # -- moving through the steps ---------------------------------------

    def next_step(self) -> None:
        self.player.stop()
        if self._step < self.step_count - 1:
            self._keep_focus_off(self.next_button, self._step + 1 == self.step_count - 1)
            self.show_step(self._step + 1)

    def previous_step(self) -> None:
        self.player.stop()
        if self._step > 0:
            self._keep_focus_off(self.previous_button, self._step - 1 == 0)
            self.show_step(self._step - 1)

    def _keep_focus_off(self, button: QPushButton, will_disable: bool) -> None:
        # A button losing the focus as it is disabled would send it somewhere
        # unexpected (the next link down); the Play button is next door.
        if will_disable and button.hasFocus():
            self.play_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def toggle_play(self) -> None:
        if self.player.is_playing:
            self.player.stop()
        elif self.step_count > 1:
            self.player.play(self._step, self.step_count)

    def stop(self) -> None:
        self.player.stop()

    def _on_previous_button_clicked(self) -> None:
        self.previous_step()

    def _on_next_button_clicked(self) -> None:
        self.next_step()

    def _on_play_button_clicked(self) -> None:
        self.toggle_play()

    def _on_player_position_changed(self, index: int, progress: float | None) -> None:
        if index != self._step:
            self.show_step(index)
        if not self.is_custom:
            self.figure.set_progress(progress)

    def _on_player_playing_changed(self, playing: bool) -> None:
        self.play_button.setChecked(playing)
        if playing:
            self.play_button.setText(translate("ExerciseDetailView", "Pause"))
            self.play_button.setAccessibleName(translate("ExerciseDetailView", "Pause the steps"))
            self.play_button.setToolTip(translate("ExerciseDetailView", "Stop on this step (P)"))
        else:
            self.play_button.setText(translate("ExerciseDetailView", "Play"))
            self.play_button.setAccessibleName(translate("ExerciseDetailView", "Play the steps"))
            self.play_button.setToolTip(translate("ExerciseDetailView",
                                                  "Play the steps one after another (P)"))
        if playing:
            self.previous_button.setEnabled(True)
            self.next_button.setEnabled(True)
        else:
            self.figure.set_progress(None)
            self._keep_focus_off(self.previous_button, self._step == 0)
            self._keep_focus_off(self.next_button, self._step == self.step_count - 1)
            self.previous_button.setEnabled(self._step > 0)
            self.next_button.setEnabled(self._step < self.step_count - 1)

    def _on_variation_link_clicked(self) -> None:
        slug = self.sender().property("slug")
        if isinstance(slug, str):
            self.variation_activated.emit(slug)

    def _on_based_on_link_clicked(self) -> None:
        slug = self.based_on_link.property("slug")
        if isinstance(slug, str):
            self.variation_activated.emit(slug)

    def _on_page_down_shortcut_activated(self) -> None:
        self.scroll_area.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)

    def _on_page_up_shortcut_activated(self) -> None:
        self.scroll_area.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)

    # -- Qt ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            if watched is self.scroll_area.viewport():
                viewport = self.scroll_area.viewport()
                self._step_width = viewport.width()
                self._fit_step_font(alone=self.picture_column.isHidden())
                self._fit_picture_height()
                self._fit_hero()
            elif watched is self.picture_stack:
                self._fit_picture_height()
                # The picture's height is part of the hero's (most of it when
                # the step goes under the picture); fitted once this layout
                # pass is over: resizing the hero now would lay out the
                # picture's column again in the middle of laying it out.
                self._hero_fit_timer.start()
                # The picture follows the stack at once: left to the stack's
                # layout, it kept an earlier, taller size past the stack's edge.
                stack_layout = self.picture_stack.layout()
                if stack_layout is not None:
                    stack_layout.setGeometry(self.picture_stack.rect())
        return super().eventFilter(watched, event)

    def _fit_step_font(self, alone: bool) -> None:
        """The step text grows with a big screen (it is read from further away
        there too), never below the size that reads from 2 m on a laptop, and
        with the athlete's text size, as all the app's text does. ``alone``:
        no picture beside it, so it is larger still.

        Worked out each time a step is shown, not kept: the text size may
        have changed since (the look switch scales the font on screen, but
        only this rule knows the size for the next step)."""
        size = min(STEP_TEXT_MAX_POINT_SIZE,
                   max(STEP_TEXT_POINT_SIZE, self._step_width / STEP_TEXT_WIDTH_RATIO))
        size *= style.text_scale() / 100
        if alone:
            size *= STEP_TEXT_ALONE_SCALE
        if size != self.step_text.font().pointSizeF():
            font = QFont(self.step_text.font())
            font.setPointSizeF(size)
            self.step_text.setFont(font)
        # Never wider than the view itself: a line that long would scroll.
        readable = QFontMetrics(self.step_text.font()).averageCharWidth() * STEP_MIN_CHARACTERS
        self.step_column.set_readable_width(min(readable, self._step_width))

    def _hero_width(self) -> int:
        """The width the step and picture get: the visible width less the
        content's margins (its own width may not have followed yet)."""
        content = self.scroll_area.widget()
        layout = content.layout() if content is not None else None
        margins = layout.contentsMargins() if layout is not None else None
        spare = margins.left() + margins.right() if margins is not None else 0
        return self.scroll_area.viewport().width() - spare

    def _fit_hero(self) -> None:
        """The picture and the step fill the visible height, or more when the
        step's text needs it (a long step at a large text size: the page then
        scrolls instead of cutting the text and squeezing the buttons)."""
        viewport = self.scroll_area.viewport()
        layout = self.hero.layout()
        needed = 0
        if layout is not None:
            needed = layout.totalHeightForWidth(self._hero_width()) \
                if layout.hasHeightForWidth() else layout.totalMinimumSize().height()
        height = max(MIN_HERO_HEIGHT, viewport.height(), needed)
        if self.hero.height() != height or self.hero.minimumHeight() != height:
            self.hero.setFixedHeight(height)

    def _fit_picture_height(self) -> None:
        """No taller than the 4:3 drawing at this width, so the drawing starts at
        the top, level with "Step 1 of 5", and the dose sits right under it.
        A custom photo may be any shape, portrait too: it may take the height.
        With the step under it, it keeps to a share of the visible height."""
        if self.picture_stack.currentWidget() is self.figure:
            height = self.figure.heightForWidth(self.picture_stack.width())
        else:
            height = QWIDGETSIZE_MAX
        hero_layout = self.hero.layout()
        if isinstance(hero_layout, SideBySide) and not hero_layout.is_row_at(self._hero_width()):
            share = int(self.scroll_area.viewport().height() * STACKED_PICTURE_SHARE)
            height = min(height, max(share, self.picture_stack.minimumSizeHint().height()))
        if self.picture_stack.maximumHeight() != height:
            self.picture_stack.setMaximumHeight(height)
