"""The window's frame: the application's start, the main window, the pages'
base, the app's own dialogs (welcome, about, errors) and background jobs."""
