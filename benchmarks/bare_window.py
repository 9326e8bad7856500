"""The floor for start-up figures: a bare PySide6 QMainWindow, nothing else.

Started exactly like the app (same interpreter, same platform plugin), it
prints "window-idle" once shown with an idle event loop, then quits.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("floor")
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: (print("window-idle", flush=True), app.quit()))
sys.exit(app.exec())
