"""The Library screen's parts: entries and filters, the list model, the
list and detail views. ``app.ui.library.library_page`` puts them together."""
