"""Progress: personal records and the series the charts draw, as pure rules.

No Qt and no database here: ``app.progress.queries`` reads the log
and hands these modules plain values, and ``app.ui.history`` draws them.
"""
