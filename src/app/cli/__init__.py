"""The `hamstride` command line: the entry point above the window.

One module per command group, each imported when its command runs:
main (the parser, the window, dispatch and failures; the console script's
``app.cli.main:main``), exercises (exercises, render-steps), history
(history, export, backup), imports (import), programs, today, session (with
start: the start checks asked on the terminal), and common (what every
command shares). The command line is English by design.

Nothing is re-exported here: importing the package costs nothing, and the
window, below it, imports nothing from it (SessionRequest lives in
app.usecases.session_request).
"""
