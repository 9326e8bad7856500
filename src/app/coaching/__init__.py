"""Training programs: what to do on which day, how to progress, when to ease off.

Pure Python. ``model`` is the shape of a program; ``loader`` reads and checks
the built-in ones (resources/programs) and the athlete's own; ``schedule``
places a program's sessions on the calendar; ``progression``, ``readiness``
and ``watch`` hold the coaching rules.
"""
