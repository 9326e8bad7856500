"""Library: the exercises the app can coach.

A first, plain table of the catalog; the step-by-step pages with pictures
build on this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QWidget

from app.resources import resources_dir
from app.ui.pages.page import Page

if TYPE_CHECKING:
    from app.catalog import Catalog

COLUMNS = ("Exercise", "Kind", "Level", "Equipment")


class LibraryPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Library", parent)
        self.catalog: Catalog | None = None
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Catalog problems")
        self.problems.hide()
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Exercises")
        self.table.setToolTip("Every exercise Hamstride can coach; hover a row for why runners do it")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.body.addWidget(self.problems)
        self.body.addWidget(self.table, 1)

    def showEvent(self, event: QShowEvent) -> None:
        # Loaded on first view, not at start-up: nothing on the first screen needs it.
        if self.catalog is None:
            self.load_catalog()
        super().showEvent(event)

    def load_catalog(self) -> None:
        from app.catalog import load_catalog
        from app.catalog.model import EQUIPMENT

        result = load_catalog(resources_dir())
        self.catalog = result.catalog
        if result.problems:
            self.problems.setText("Some exercise files could not be read and were left out:\n"
                                  + "\n".join(result.problems))
            self.problems.show()
        exercises = self.catalog.exercises
        self.table.setRowCount(len(exercises))
        for row, exercise in enumerate(exercises):
            equipment = ", ".join(EQUIPMENT[e].name for e in exercise.equipment)
            cells = (exercise.name, exercise.category.capitalize(), exercise.level.capitalize(),
                     equipment)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(exercise.why)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
