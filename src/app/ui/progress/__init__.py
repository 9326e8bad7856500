"""Progress widgets: the records table and the charts.

Nothing is imported here on purpose: the charts pull in QtCharts (~0.1 s),
so only the page that shows them, built on demand, imports
``app.ui.progress.charts_view``; nothing at start-up does.
"""
