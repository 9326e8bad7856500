"""Qt widgets. The only package of the app that imports PySide6."""
