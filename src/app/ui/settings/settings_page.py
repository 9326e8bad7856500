"""Settings: how sessions run, where the data lives, and its backups.

A changed setting is announced with ``setting_changed``; the window stores
it off the UI thread and the next session uses it (no restart).
"""

# One module because Settings is one page of independent groups (sessions,
# look, sounds, data and backups) that share its layout and its one
# setting_changed signal; each group is a few lines of form building.

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.kernel.i18n import (
    QT_TRANSLATE_NOOP,
    format_datetime,
    format_decimal,
    format_integer,
    parse_decimal,
    translate,
)
from app.kernel.paths import AppPaths
from app.logbook.settings import (
    BAR_RANGE,
    LOAD_STEP_RANGE,
    LOWERING_RANGE,
    REST_RANGE,
    REST_STEP,
    RETURN_RANGE,
    TEXT_SCALE_RANGE,
    TEXT_SCALE_STEP,
    EffortScale,
    SettingError,
    Settings,
    check,
    load_settings,
)
from app.storage.backup import (
    BackupKind,
    backup_kind,
    backup_reason,
    backup_time,
    list_backups,
    upgrade_version,
)
from app.ui.look.page import Page
from app.ui.look.style import keep_wrapped_height

if TYPE_CHECKING:
    from app.storage.queries import LogReader


THEME_CHOICES = (("system", QT_TRANSLATE_NOOP("SettingsPage", "Follow the system")),
                 ("light", QT_TRANSLATE_NOOP("SettingsPage", "Light")),
                 ("dark", QT_TRANSLATE_NOOP("SettingsPage", "Dark")),
                 ("high-contrast", QT_TRANSLATE_NOOP("SettingsPage", "High contrast")))
EFFORT_CHOICES = ((EffortScale.RPE, QT_TRANSLATE_NOOP("SettingsPage", "RPE: how hard, 1-10")),
                  (EffortScale.RIR, QT_TRANSLATE_NOOP("SettingsPage", "RIR: reps in reserve, 0-10")))
BACKUP_REASONS = {BackupKind.MANUAL: QT_TRANSLATE_NOOP("settings_page", "made by you"),
                  BackupKind.DAILY: QT_TRANSLATE_NOOP("settings_page",
                                                      "daily, before the day's first session"),
                  BackupKind.BEFORE_IMPORT: QT_TRANSLATE_NOOP("settings_page", "before an import"),
                  BackupKind.BEFORE_RESTORE: QT_TRANSLATE_NOOP("settings_page", "before a restore"),
                  BackupKind.BEFORE_UPGRADE: QT_TRANSLATE_NOOP(
                      "settings_page", "before the upgrade to log version {version}")}


class SettingsPage(Page):
    backup_requested = Signal()
    restore_requested = Signal(object)  # the backup's Path
    setting_changed = Signal(str, object)  # key, new value

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(translate("SettingsPage", "Settings"), parent,
                         scrolls=True)  # taller than a small screen
        self._paths = paths
        self._settings = Settings()
        # Changes announced but maybe not yet written (the window writes them
        # off the UI thread): a refresh in between (a new theme redraws every
        # page at once) shows them, not the stored value they replace.
        self._unsaved: dict[str, object] = {}
        self.setting_changed.connect(self._on_setting_changed)
        # First: a text size too big to work with is undone at the top of the page.
        self.body.addWidget(self._build_look_box())
        self.body.addWidget(self._build_session_box())
        self._show_step(self._settings.units)
        self._show_barbell(self._settings.units)

        data_box = QGroupBox(translate("SettingsPage", "Your data"), self)
        form = QFormLayout(data_box)
        self.data_dir_label = _path_label(paths.data_dir, translate("SettingsPage", "Data folder"),
                                          data_box)
        self.open_button = QPushButton(translate("SettingsPage", "&Open data folder"), data_box)
        self.open_button.setToolTip(translate("SettingsPage", "Open the folder with the database, "
                                              "backups and logs in your file manager"))
        self.open_button.setAccessibleName(translate("SettingsPage", "Open data folder"))
        self.open_button.clicked.connect(self._on_open_button_clicked)
        row = QHBoxLayout()
        row.addWidget(self.data_dir_label, 1)
        row.addWidget(self.open_button)
        form.addRow(translate("SettingsPage", "Data folder:"), row)
        form.addRow(translate("SettingsPage", "Logs:"),
                    _path_label(paths.log_dir, translate("SettingsPage", "Log folder"), data_box))
        self.body.addWidget(data_box)

        backup_box = QGroupBox(translate("SettingsPage", "Backups"), self)
        backup_layout = QVBoxLayout(backup_box)
        self.backup_button = QPushButton(translate("SettingsPage", "&Back up now"), backup_box)
        self.backup_button.setToolTip(translate("SettingsPage", "Write a copy of the database into "
                                                "the backups folder (the last 10 are kept) (Ctrl+B)"))
        self.backup_button.setAccessibleName(translate("SettingsPage", "Back up now"))
        self.backup_button.setEnabled(False)
        self.backup_button.clicked.connect(self.backup_requested)
        self.restore_button = QPushButton(translate("SettingsPage", "&Restore selected…"), backup_box)
        self.restore_button.setToolTip(translate(
            "SettingsPage", "Make your log what the selected backup holds; your log as it is now "
            "is backed up first, so this can be undone by restoring that copy"))
        self.restore_button.setAccessibleName(translate("SettingsPage", "Restore selected backup"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        button_row = QHBoxLayout()
        button_row.addWidget(self.backup_button)
        button_row.addWidget(self.restore_button)
        button_row.addWidget(_path_label(paths.backups_dir,
                                         translate("SettingsPage", "Backups folder"), backup_box), 1)
        self.backup_list = QListWidget(backup_box)
        self.backup_list.setAccessibleName(translate("SettingsPage", "Backups, newest first"))
        self.backup_list.setToolTip(translate(
            "SettingsPage", "Backups in the backups folder, newest first: one is made before the "
            "first session of each day, before every import and upgrade, and when you ask; the "
            "last 10 are kept"))
        self.backup_list.setMaximumHeight(180)
        # A long line wraps at the list's width (at a large text size it ran
        # past it, behind a sideways scroll bar); the list scrolls up and down.
        self.backup_list.setWordWrap(True)
        self.backup_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.backup_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.backup_list.currentRowChanged.connect(self._on_backup_list_current_row_changed)
        self.backup_list.itemActivated.connect(lambda _item: self._on_restore_button_clicked())
        backup_layout.addLayout(button_row)
        backup_layout.addWidget(self.backup_list)
        self.body.addWidget(backup_box)
        self.body.addStretch(1)
        self.refresh_backups()

    def focus_target(self) -> QWidget | None:
        return self.theme_box  # the first setting on the page

    @property
    def settings(self) -> Settings:
        """The settings the page shows."""
        return self._settings

    @property
    def unsaved(self) -> Mapping[str, object]:
        """Changes made here that the log does not hold yet (key: value), read-only."""
        return MappingProxyType(self._unsaved)

    def show_log(self, reader: LogReader) -> None:
        self.backup_button.setEnabled(True)
        self.refresh_backups()
        self.show_settings(load_settings(self._reading(reader)))

    def _on_setting_changed(self, key: str, value: object) -> None:
        self._unsaved[key] = value

    def _reading(self, reader: LogReader) -> Callable[[str, Any], Any]:
        """The log's settings, with the changes not yet written over them
        (forgotten once the log holds them)."""
        from app.logbook.settings import SettingError, stored_value

        pending: dict[str, object] = {}
        for key, value in list(self._unsaved.items()):
            try:
                wanted = stored_value(key, value)
            except SettingError:  # never written: the window refused it too
                del self._unsaved[key]
                continue
            if reader.get_setting(key, None) == wanted:
                del self._unsaved[key]
            else:
                pending[key] = wanted

        def get(key: str, default: Any = None) -> Any:
            return pending[key] if key in pending else reader.get_setting(key, default)

        return get

    # -- look -------------------------------------------------------------

    def _build_look_box(self) -> QGroupBox:
        box = QGroupBox(translate("SettingsPage", "Look"), self)
        form = QFormLayout(box)
        self.theme_box = QComboBox(box)
        for value, text in THEME_CHOICES:
            self.theme_box.addItem(translate("SettingsPage", text), value)
        _describe(self.theme_box, translate("SettingsPage", "Theme"),
                  translate("SettingsPage", "Light, dark or high contrast (black and white, thick "
                            "focus outlines); Follow the system changes with your desktop's light "
                            "or dark setting"))
        self.theme_box.currentIndexChanged.connect(
            lambda _i: self.setting_changed.emit("theme", self.theme_box.currentData()))
        form.addRow(translate("SettingsPage", "&Theme:"), self.theme_box)

        self.text_size_box = QComboBox(box)
        low, high = TEXT_SCALE_RANGE
        for percent in range(low, high + 1, TEXT_SCALE_STEP):
            text = (translate("SettingsPage", "{percent}% (standard)") if percent == low
                    else translate("SettingsPage", "{percent}%"))
            self.text_size_box.addItem(text.format(percent=format_integer(percent)), percent)
        _describe(self.text_size_box, translate("SettingsPage", "Text size"),
                  translate("SettingsPage", "Make all text larger, from {low}% to {high}% of the "
                            "standard size; the gym-mode screen sizes its text from the window "
                            "instead").format(low=format_integer(low), high=format_integer(high)))
        self.text_size_box.currentIndexChanged.connect(
            lambda _i: self.setting_changed.emit("text_scale", self.text_size_box.currentData()))
        self.text_size_box.setMaxVisibleItems(self.text_size_box.count())  # every size in sight
        form.addRow(translate("SettingsPage", "Te&xt size:"), self.text_size_box)
        return box

    # -- sessions ---------------------------------------------------------

    def _build_session_box(self) -> QGroupBox:
        box = QGroupBox(translate("SettingsPage", "Sessions"), self)
        form = QFormLayout(box)
        self.units_box = QComboBox(box)
        self.units_box.addItem(translate("SettingsPage", "Kilograms (kg)"), userData="kg")
        self.units_box.addItem(translate("SettingsPage", "Pounds (lb)"), userData="lb")
        _describe(self.units_box, translate("SettingsPage", "Units"),
                  translate("SettingsPage", "The unit loads are entered and shown in"))
        self.units_box.currentIndexChanged.connect(self._on_units_box_current_index_changed)
        form.addRow(translate("SettingsPage", "&Units:"), self.units_box)

        self.step_spin = QDoubleSpinBox(box)
        self.step_spin.setDecimals(2)
        _describe(self.step_spin, translate("SettingsPage", "Load step"),
                  translate("SettingsPage", "The smallest load jump your gym allows (the lightest "
                            "plates or dumbbell steps); suggested loads are rounded to it"))
        self.step_spin.valueChanged.connect(self._on_step_spin_value_changed)
        form.addRow(translate("SettingsPage", "Load &step:"), self.step_spin)
        self._build_log_sheet_rows(box, form)

        self.break_point_edit = QKeySequenceEdit(box)
        self.break_point_edit.setMaximumSequenceLength(1)
        _describe(self.break_point_edit, translate("SettingsPage", "Break-point key"),
                  translate("SettingsPage", "The key that marks the moment you lose control in a "
                            "Nordic; press a new key here (a foot switch or presentation clicker "
                            "works too)"))
        self.break_point_edit.editingFinished.connect(self._on_break_point_edit_editing_finished)
        self.space_too = QCheckBox(translate("SettingsPage", "Space marks it too"), box)
        _describe(self.space_too, translate("SettingsPage", "Space marks the break point too"),
                  translate("SettingsPage", "Also accept Space as the break-point key"))
        self.space_too.toggled.connect(self._on_break_point_edit_editing_finished)
        row = QHBoxLayout()
        row.addWidget(self.break_point_edit, 1)
        row.addWidget(self.space_too)
        # A label of its own: the row's field is a layout, so the mnemonic needs a buddy.
        # K, not B: Alt+B is "Back up now" on this page.
        break_point_label = QLabel(translate("SettingsPage", "Brea&k-point key:"), box)
        break_point_label.setBuddy(self.break_point_edit)
        form.addRow(break_point_label, row)

        self.lowering_spin = _seconds(
            box, LOWERING_RANGE, translate("SettingsPage", "Nordic lowering target"),
            translate("SettingsPage", "Seconds the lowering cue lasts in a Nordic curl (a coaching "
                      "habit, not a research figure: resist the fall as long as you can)"))
        self.lowering_spin.valueChanged.connect(
            lambda v: self.setting_changed.emit("lowering_s", v))
        form.addRow(translate("SettingsPage", "&Lowering target:"), self.lowering_spin)
        self.return_spin = _seconds(box, RETURN_RANGE, translate("SettingsPage", "Return time"),
                                    translate("SettingsPage",
                                              "Seconds to push back up before the next rep"))
        self.return_spin.valueChanged.connect(lambda v: self.setting_changed.emit("return_s", v))
        # E, not R: Alt+R is "Restore selected…" on this page.
        form.addRow(translate("SettingsPage", "R&eturn time:"), self.return_spin)
        self.rest_spin = _seconds(
            box, REST_RANGE, translate("SettingsPage", "Rest between sets"),
            translate("SettingsPage", "The rest between sets of a session you start from the "
                      "Library; a program keeps its own rests. Lowest: each exercise's own"))
        self.rest_spin.setSingleStep(REST_STEP)
        self.rest_spin.setSpecialValueText(translate("SettingsPage", "Each exercise's own"))
        self.rest_spin.valueChanged.connect(self._on_rest_spin_value_changed)
        form.addRow(translate("SettingsPage", "Rest bet&ween sets:"), self.rest_spin)

        self.sounds_check = QCheckBox(translate("SettingsPage", "Play cue sounds"), box)
        _describe(self.sounds_check, translate("SettingsPage", "Cue sounds"),
                  translate("SettingsPage", "Ticks, beeps and the catch signal"))
        self.sounds_check.toggled.connect(lambda on: self.setting_changed.emit("sounds", on))
        self.volume_slider = QSlider(Qt.Orientation.Horizontal, box)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setSingleStep(5)
        self.volume_slider.setPageStep(10)
        _describe(self.volume_slider, translate("SettingsPage", "Cue volume"),
                  translate("SettingsPage", "How loud the cue sounds play (Left / Right, "
                            "Page Up / Page Down)"))
        self.volume_slider.valueChanged.connect(
            lambda v: self.setting_changed.emit("volume", v / 100))
        self.sounds_check.toggled.connect(self.volume_slider.setEnabled)
        # A slider alone does not say where it stands: its value beside it.
        self.volume_value = QLabel(box)
        self.volume_value.setAccessibleName(translate("SettingsPage", "Cue volume, percent"))
        self.volume_slider.valueChanged.connect(self._show_volume)
        self._show_volume(self.volume_slider.value())
        volume_row = QHBoxLayout()
        volume_row.addWidget(self.volume_slider, 1)
        volume_row.addWidget(self.volume_value)
        volume_label = QLabel(translate("SettingsPage", "Volu&me:"), box)
        volume_label.setBuddy(self.volume_slider)
        form.addRow("", self.sounds_check)
        form.addRow(volume_label, volume_row)
        self.spoken_check = QCheckBox(translate("SettingsPage", "Speak the counts"), box)
        _describe(self.spoken_check, translate("SettingsPage", "Spoken counts"),
                  translate("SettingsPage", "Say the counts aloud (lower, two, three, catch) when "
                            "a speech engine exists"))
        self.spoken_check.toggled.connect(lambda on: self.setting_changed.emit("spoken_counts", on))
        self.spoken_reason = QLabel(box)
        self.spoken_reason.setWordWrap(True)
        self.spoken_reason.setAccessibleName(
            translate("SettingsPage", "Why spoken counts are unavailable"))
        self.spoken_reason.hide()
        form.addRow("", self.spoken_check)
        form.addRow("", self.spoken_reason)
        return box

    def _build_log_sheet_rows(self, box: QGroupBox, form: QFormLayout) -> None:
        """What the log sheet asks (RPE or RIR) and the barbell it counts plates for."""
        self.effort_box = QComboBox(box)
        for value, text in EFFORT_CHOICES:
            self.effort_box.addItem(translate("SettingsPage", text), value)
        _describe(self.effort_box, translate("SettingsPage", "Effort asked after each set"),
                  translate("SettingsPage", "The log sheet asks how hard the set was as RPE "
                            "(rate of perceived exertion, 1-10) or as RIR (reps in reserve: how "
                            "many more you could have done, 0-10) (Alt+D)"))
        self.effort_box.currentIndexChanged.connect(
            lambda _i: self.setting_changed.emit("effort_scale", self.effort_box.currentData()))
        form.addRow(translate("SettingsPage", "Effort aske&d:"), self.effort_box)

        self.bar_spin = QDoubleSpinBox(box)
        self.bar_spin.setDecimals(2)
        _describe(self.bar_spin, translate("SettingsPage", "Barbell weight"),
                  translate("SettingsPage", "The bar you load, for the plates per side the log "
                            "sheet shows for a barbell lift; each unit keeps its own (Alt+A)"))
        self.bar_spin.valueChanged.connect(self._on_bar_spin_value_changed)
        form.addRow(translate("SettingsPage", "B&ar:"), self.bar_spin)
        self.plates_edit = QLineEdit(box)
        _describe(self.plates_edit, translate("SettingsPage", "Plates at hand"),
                  translate("SettingsPage", "The plate sizes you have pairs of, separated by "
                            "commas, like 25, 20, 15, 10, 5, 2.5, 1.25; Enter keeps them (Alt+P)"))
        self.plates_edit.editingFinished.connect(self._on_plates_edit_editing_finished)
        self.plates_problem = QLabel(box)
        self.plates_problem.setProperty("role", "error")
        self.plates_problem.setWordWrap(True)
        self.plates_problem.setAccessibleName(translate("SettingsPage", "Problem with the plates"))
        self.plates_problem.hide()
        form.addRow(translate("SettingsPage", "&Plates:"), self.plates_edit)
        form.addRow("", self.plates_problem)

    def _show_barbell(self, units: str) -> None:
        """The bar and plates in ``units``: each unit keeps its own (20 kg, 45 lb)."""
        low, high = BAR_RANGE[f"bar_{units}"]
        self.bar_spin.blockSignals(True)
        self.bar_spin.setRange(low, high)
        self.bar_spin.setSingleStep(2.5 if units == "kg" else 5.0)
        self.bar_spin.setSuffix(f" {units}")
        self.bar_spin.setValue(self._settings.bar(units))
        self.bar_spin.blockSignals(False)
        self.plates_edit.setText(", ".join(format_decimal(p, 2)
                                           for p in self._settings.plates(units)))
        self.plates_problem.hide()

    def _on_bar_spin_value_changed(self, value: float) -> None:
        units = self.units_box.currentData()
        self._settings = (dataclasses.replace(self._settings, bar_lb=value) if units == "lb"
                          else dataclasses.replace(self._settings, bar_kg=value))
        self.setting_changed.emit(f"bar_{units}", value)

    def _on_plates_edit_editing_finished(self) -> None:
        units = self.units_box.currentData()
        key = f"plates_{units}"
        try:
            sizes = [parse_decimal(part) for part in self.plates_edit.text().split(",")
                     if part.strip()]
            plates = check(key, sizes)
        except (ValueError, SettingError) as error:
            reason = error.message if isinstance(error, SettingError) else translate(
                "SettingsPage", "must be numbers separated by commas")
            self.plates_problem.setText(translate("SettingsPage", "Plates: {reason}; the ones "
                                                  "kept are still {plates}").format(
                reason=reason, plates=", ".join(format_decimal(p, 2)
                                                for p in self._settings.plates(units))))
            self.plates_problem.show()
            return
        self.plates_problem.hide()
        if plates != self._settings.plates(units):
            self._settings = (dataclasses.replace(self._settings, plates_lb=plates) if units == "lb"
                              else dataclasses.replace(self._settings, plates_kg=plates))
            self.setting_changed.emit(key, list(plates))

    def show_settings(self, settings: Settings) -> None:
        """Show stored values without announcing them as changes."""
        widgets = (self.units_box, self.break_point_edit, self.space_too, self.lowering_spin,
                   self.return_spin, self.sounds_check, self.spoken_check, self.step_spin,
                   self.theme_box, self.text_size_box, self.rest_spin, self.volume_slider,
                   self.effort_box)
        self._settings = settings
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.units_box.setCurrentIndex(max(0, self.units_box.findData(settings.units)))
            first = next((k for k in settings.break_point_keys if k != "Space"), "")
            self.break_point_edit.setKeySequence(QKeySequence(first))
            self.space_too.setChecked("Space" in settings.break_point_keys)
            self.lowering_spin.setValue(settings.lowering_s)
            self.return_spin.setValue(settings.return_s)
            self.sounds_check.setChecked(settings.sounds)
            self.volume_slider.setValue(round(settings.volume * 100))
            self._show_volume(self.volume_slider.value())
            self.volume_slider.setEnabled(settings.sounds)
            self.rest_spin.setValue(settings.rest_s)
            self.spoken_check.setChecked(settings.spoken_counts)
            self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(settings.theme)))
            self.text_size_box.setCurrentIndex(
                max(0, self.text_size_box.findData(settings.text_scale)))
            self._show_step(settings.units)
            self.effort_box.setCurrentIndex(max(0, self.effort_box.findData(settings.effort_scale)))
            self._show_barbell(settings.units)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def _show_volume(self, percent: int) -> None:
        self.volume_value.setText(translate("SettingsPage", "{percent}%").format(
            percent=format_integer(percent)))

    def _on_rest_spin_value_changed(self, value: int) -> None:
        # Typed values between the steps are taken to the nearest step.
        stepped = round(value / REST_STEP) * REST_STEP
        if stepped != value:
            self.rest_spin.setValue(stepped)
            return
        self.setting_changed.emit("rest_s", value)

    def set_spoken_counts_available(self, available: bool, reason: str) -> None:
        self.spoken_check.setEnabled(available)
        self.spoken_reason.setText(reason)
        self.spoken_reason.setVisible(not available and bool(reason))

    def break_point_keys(self) -> list[str]:
        keys = [self.break_point_edit.keySequence().toString()] if \
            not self.break_point_edit.keySequence().isEmpty() else []
        if self.space_too.isChecked() and "Space" not in keys:
            keys.append("Space")
        return keys

    def _show_step(self, units: str) -> None:
        """The load step in ``units``: each unit keeps its own (2.5 kg, 5 lb)."""
        key = f"load_step_{units}"
        low, high = LOAD_STEP_RANGE[key]
        self.step_spin.blockSignals(True)
        self.step_spin.setRange(low, high)
        self.step_spin.setSingleStep(0.25 if units == "kg" else 0.5)
        self.step_spin.setSuffix(f" {units}")
        self.step_spin.setValue(self._settings.load_step(units))
        self.step_spin.blockSignals(False)

    def _on_step_spin_value_changed(self, value: float) -> None:
        units = self.units_box.currentData()
        self._settings = (dataclasses.replace(self._settings, load_step_lb=value) if units == "lb"
                          else dataclasses.replace(self._settings, load_step_kg=value))
        self.setting_changed.emit(f"load_step_{units}", value)

    def _on_units_box_current_index_changed(self, _index: int) -> None:
        units = self.units_box.currentData()
        self._settings = dataclasses.replace(self._settings, units=units)
        self._show_step(units)
        self._show_barbell(units)
        self.setting_changed.emit("units", units)

    def _on_break_point_edit_editing_finished(self) -> None:
        keys = self.break_point_keys()
        if keys:  # at least one key must mark the break point
            self.setting_changed.emit("break_point_keys", keys)

    def refresh_backups(self) -> None:
        self.backup_list.clear()
        backups = list_backups(self._paths.backups_dir)
        for path in backups:
            item = QListWidgetItem(describe_backup(path), self.backup_list)
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(str(path))
        if not backups:
            self.backup_list.addItem(
                translate("SettingsPage", "No backups yet: use Back up now (Ctrl+B)."))
        self.restore_button.setEnabled(False)

    def selected_backup(self) -> Path | None:
        item = self.backup_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _on_backup_list_current_row_changed(self, _row: int) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None
                                       and self.backup_button.isEnabled())

    def _on_restore_button_clicked(self) -> None:
        path = self.selected_backup()
        if path is not None and self.backup_button.isEnabled():
            # The backup's settings replace them all: the changes queued
            # before it are written first, then overwritten.
            self._unsaved.clear()
            self.restore_requested.emit(path)

    def _on_open_button_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._paths.data_dir)))


def describe_backup(path: Path) -> str:
    """"Sun 22 Nov 2026 18:05 · daily, before the day's first session · 1.2 MB"."""
    made = backup_time(path)
    kind = backup_kind(path)
    parts = [format_datetime(made.astimezone()) if made is not None else path.name,
             translate("settings_page", BACKUP_REASONS[kind]).format(
                 version=format_integer(upgrade_version(path) or 0)) if kind is not None
             else backup_reason(path).replace("-", " ")]
    with contextlib.suppress(OSError):  # gone since it was listed: the list is refreshed soon
        parts.append(translate("settings_page", "{size} MB").format(
            size=format_decimal(path.stat().st_size / 1e6, 1)))
    return " · ".join(p for p in parts if p)


def _describe(widget: QWidget, name: str, tip: str) -> None:
    widget.setAccessibleName(name)
    widget.setToolTip(tip)


def _seconds(parent: QWidget, bounds: tuple[int, int], name: str, tip: str) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(*bounds)
    spin.setSuffix(translate("settings_page", " s", "suffix of a number of seconds"))
    _describe(spin, name, translate("settings_page", "{tip} ({low}-{high} s)").format(
        tip=tip, low=format_integer(bounds[0]), high=format_integer(bounds[1])))
    return spin


def _path_label(path: Path, name: str, parent: QWidget) -> QLabel:
    label = QLabel(str(path), parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setAccessibleName(name)
    label.setToolTip(f"{name}: {path}")
    label.setWordWrap(True)
    keep_wrapped_height(label)  # a long path on two lines, in a row the form sizes
    return label
