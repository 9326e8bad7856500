"""Adding, editing, duplicating and deleting custom exercises from the Library.

Binds the Library page's *_requested signals to the form and to the
background writer, and refreshes the page when a change is stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.kernel.i18n import translate
from app.logbook.custom_exercises import CustomExercise, CustomExerciseError, CustomStep
from app.ui.base.alerts import Alerts
from app.ui.base.log_writer import LogWriter
from app.ui.library.custom_exercise_dialog import CustomExerciseDialog, CustomExerciseForm

if TYPE_CHECKING:
    from app.catalog import Catalog, Exercise
    from app.storage.queries import LogReader
    from app.storage.store import Store
    from app.ui.library.library_page import LibraryPage


def as_custom_draft(exercise: Exercise) -> CustomExercise:
    """A built-in exercise as the starting point of the athlete's own version."""
    # The name is only a suggestion in the form: the athlete's language is right for it.
    name = translate("custom_exercise_controller", "{name} (my version)").format(name=exercise.name)
    return CustomExercise(
        slug="", name=name, equipment=exercise.equipment,
        one_side=exercise.one_side, category=exercise.category, level=exercise.level,
        steps=tuple(CustomStep(step.text) for step in exercise.steps), based_on=exercise.slug)


class CustomExerciseController(QObject):
    changed = Signal(str)  # a status line: what was stored

    def __init__(self, page: LibraryPage, writer: LogWriter, alerts: Alerts,
                 parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._page = page
        self._writer = writer
        self._alerts = alerts
        self._parent_widget = parent_widget
        self._reader: LogReader | None = None
        self.dialog: CustomExerciseDialog | None = None
        page.add_requested.connect(self._on_page_add_requested)
        page.edit_requested.connect(self._on_page_edit_requested)
        page.duplicate_requested.connect(self._on_page_duplicate_requested)
        page.delete_requested.connect(self._on_page_delete_requested)

    def show_log(self, reader: LogReader) -> None:
        self._reader = reader
        self.refresh()

    def refresh(self) -> None:
        if self._reader is not None:
            self._page.set_custom_exercises(self._reader.custom_exercises())

    def _custom(self, slug: str) -> CustomExercise | None:
        if self._reader is None:
            return None
        return next((e for e in self._reader.custom_exercises() if e.slug == slug), None)

    def _built_in(self, slug: str) -> Exercise | None:
        catalog: Catalog | None = self._page.catalog
        if catalog is None:
            return None
        try:
            return catalog.get(slug)
        except KeyError:
            return None

    # -- the page's requests ------------------------------------------------

    def _on_page_add_requested(self) -> None:
        self._open(CustomExerciseDialog(translate("CustomExerciseController", "Add exercise"),
                                        parent=self._parent_widget))

    def _on_page_edit_requested(self, slug: str) -> None:
        exercise = self._custom(slug)
        if exercise is not None:  # built-ins are read-only: duplicate them instead
            title = translate("CustomExerciseController", "Edit {name}").format(name=exercise.name)
            self._open(CustomExerciseDialog(title, exercise, parent=self._parent_widget))

    def _on_page_duplicate_requested(self, slug: str) -> None:
        custom = self._custom(slug)
        if custom is not None:
            copy_name = translate("CustomExerciseController", "{name} (copy)").format(name=custom.name)
            draft = CustomExercise(**{**custom.__dict__, "name": copy_name})
            self._open(CustomExerciseDialog(self._duplicate_title(custom.name), draft, as_copy=True,
                                            parent=self._parent_widget))
            return
        built_in = self._built_in(slug)
        if built_in is not None:
            self._open(CustomExerciseDialog(self._duplicate_title(built_in.name),
                                            as_custom_draft(built_in), as_copy=True,
                                            parent=self._parent_widget))

    @staticmethod
    def _duplicate_title(name: str) -> str:
        return translate("CustomExerciseController", "Duplicate {name}").format(name=name)

    def _on_page_delete_requested(self, slug: str) -> None:
        exercise = self._custom(slug)
        if exercise is None:
            return
        if not self._alerts.confirm(
                translate("CustomExerciseController", "Delete exercise"),
                translate("CustomExerciseController", "Delete “{name}” and its pictures? Sets you "
                          "logged with it stay in your history.").format(name=exercise.name),
                translate("CustomExerciseController", "Delete")):
            return
        message = translate("CustomExerciseController", "Deleted {name}").format(name=exercise.name)
        self._writer.submit(lambda store: store.delete_custom_exercise(slug),
                            lambda _result: self._on_written(None, message),
                            lambda error: self._on_write_failed(None, error), receiver=self)

    # -- the form and the writer --------------------------------------------

    def _open(self, dialog: CustomExerciseDialog) -> None:
        self.dialog = dialog
        dialog.save_requested.connect(self._on_dialog_save_requested)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None

    def _on_dialog_save_requested(self, form: CustomExerciseForm) -> None:
        dialog = self.dialog

        def save(store: Store) -> CustomExercise:
            return store.save_custom_exercise(
                slug=form.slug, name=form.name, equipment=form.equipment, one_side=form.one_side,
                category=form.category, level=form.level, steps=form.steps, notes=form.notes,
                based_on=form.based_on)

        message = translate("CustomExerciseController", "Saved {name}").format(name=form.name)
        self._writer.submit(save, lambda _result: self._on_written(dialog, message),
                            lambda error: self._on_write_failed(dialog, error), receiver=self)

    def _on_written(self, dialog: CustomExerciseDialog | None, message: str) -> None:
        if dialog is not None:
            dialog.saved()
        self.refresh()
        self.changed.emit(message)

    def _on_write_failed(self, dialog: CustomExerciseDialog | None, error: Exception) -> None:
        if dialog is not None and isinstance(error, CustomExerciseError):
            dialog.show_error(error.field, error.message)
        elif dialog is not None:
            dialog.show_error("saving", translate(
                "CustomExerciseController", "could not be saved: {error}").format(error=error))
        else:
            self._alerts.error(
                translate("CustomExerciseController", "Not deleted"),
                translate("CustomExerciseController",
                          "The exercise could not be deleted: {error}").format(error=error))
