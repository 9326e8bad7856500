"""The kernel: clock, paths, words (i18n), atomic files, logging; imports nothing of the app."""
