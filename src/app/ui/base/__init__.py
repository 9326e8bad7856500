"""What every feature folder of the window builds on, importing nothing else of
the window: background jobs (BackgroundJob), the log writer (LogWriter, WriteJob) and
alerts (message boxes, and the recording ones tests use)."""
