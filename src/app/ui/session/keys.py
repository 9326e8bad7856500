"""The session's keyboard: what each key asks for, in one table.

The screen turns key presses (and clicks on its buttons) into *actions*, the
names below; the controller decides what an action means for the engine at
that instant. The table ``KEY_HELP`` is the shortcut sheet (? key) and the
source of every tooltip, so the two never disagree.
"""

from __future__ import annotations

from app.kernel.i18n import QT_TRANSLATE_NOOP

# Actions the screen sends to the controller (SessionScreen.action_requested).
PRIMARY = "primary"                  # Space: start the set / finish it / start after a rest
PRIMARY_OR_BREAK = "primary_or_break"  # Space when Space is also a break-point key, in a cued set
BREAK_POINT = "break_point"          # B (or a configured key) during the lowering
FINISH_SET = "finish_set"            # the "Finish set" button: a click is never a late break point
CONFIRM = "confirm"                  # Enter on the log sheet: save the set
QUICK_LOG = "quick_log"              # Enter before a set of reps: log it at once, as planned
DISCARD = "discard"                  # Ctrl+D on the log sheet: do not log this set, redo it
REST_LONGER = "rest_longer"          # +
REST_SHORTER = "rest_shorter"        # -
SKIP_REST = "skip_rest"              # S
NEXT_EXERCISE = "next_exercise"      # N
PREVIOUS_EXERCISE = "previous_exercise"  # P
PAUSE = "pause"                      # Esc
RESUME = "resume"                    # Esc (or Space, Enter) while paused
END_SESSION = "end_session"          # E while paused
UNDO = "undo"                        # Ctrl+Z
CLOSE_SUMMARY = "close_summary"      # Enter or Esc on the summary
ADD_EXERCISE = "add_exercise"        # A between sets: pick an exercise from the Library to add
SWAP_EXERCISE = "swap_exercise"      # W between sets: pick one to do instead of the one at hand

ACTIONS = (PRIMARY, PRIMARY_OR_BREAK, BREAK_POINT, FINISH_SET, CONFIRM, DISCARD, REST_LONGER,
           REST_SHORTER, SKIP_REST, NEXT_EXERCISE, PREVIOUS_EXERCISE, PAUSE, RESUME, END_SESSION,
           UNDO, CLOSE_SUMMARY, ADD_EXERCISE, SWAP_EXERCISE, QUICK_LOG)

DEFAULT_BREAK_POINT_KEYS = ("B", "Space")

# (keys as shown, what they do). The first column is also what tooltips quote.
# Marked for translation here and translated where the sheet shows them; the
# key names too, where a keyboard may print them otherwise ("Strg+Z"), but
# not the letters: S is S in every language. "B" stands for the break point
# keys, which are the athlete's choice.
KEY_HELP: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("session_keys", "Space"),
     QT_TRANSLATE_NOOP("session_keys", "Start the set; finish it; after a rest, start the next set "
                                       "now; on the log sheet, save the set")),
    ("B", QT_TRANSLATE_NOOP("session_keys", "Break point: you lost control of the lowering (Nordic "
                                            "curl); on the log sheet, save the set")),
    (QT_TRANSLATE_NOOP("session_keys", "Enter"),
     QT_TRANSLATE_NOOP("session_keys", "Before a set of reps: log it at once, as planned (quick "
                                       "log, no set timer). On the log sheet: save the set (again "
                                       "to retry a failed save)")),
    (QT_TRANSLATE_NOOP("session_keys", "Up / Down"),
     QT_TRANSLATE_NOOP("session_keys", "Log sheet: one rep more / fewer")),
    (QT_TRANSLATE_NOOP("session_keys", "Shift+Up / Shift+Down"),
     QT_TRANSLATE_NOOP("session_keys", "Log sheet: load up / down (2.5 kg or 5 lb)")),
    (QT_TRANSLATE_NOOP("session_keys", "Left / Right"),
     QT_TRANSLATE_NOOP("session_keys", "Log sheet, on Set type: change the type")),
    (QT_TRANSLATE_NOOP("session_keys", "Tab"),
     QT_TRANSLATE_NOOP("session_keys", "Log sheet: next field (reps, load, RPE or RIR, set "
                                       "type, notes); digits typed go to the load of a loaded "
                                       "exercise")),
    (QT_TRANSLATE_NOOP("session_keys", "Ctrl+D"),
     QT_TRANSLATE_NOOP("session_keys", "Log sheet: do not log this set, do it again")),
    ("+ / -", QT_TRANSLATE_NOOP("session_keys", "Rest 15 s longer / shorter")),
    ("S", QT_TRANSLATE_NOOP("session_keys", "Skip the rest (or the side switch)")),
    ("N / P", QT_TRANSLATE_NOOP("session_keys", "Next / previous exercise")),
    ("A", QT_TRANSLATE_NOOP("session_keys", "Between sets: add an exercise from the Library "
                                            "(it comes after this one)")),
    ("W", QT_TRANSLATE_NOOP("session_keys", "Between sets: swap this exercise for another from "
                                            "the Library (sets logged stay)")),
    (QT_TRANSLATE_NOOP("session_keys", "Esc"),
     QT_TRANSLATE_NOOP("session_keys", "Pause; while paused, resume")),
    ("E", QT_TRANSLATE_NOOP("session_keys", "While paused: end the session")),
    (QT_TRANSLATE_NOOP("session_keys", "Ctrl+Z"),
     QT_TRANSLATE_NOOP("session_keys", "Undo the last logged set (it comes back on the log sheet)")),
    ("?", QT_TRANSLATE_NOOP("session_keys", "Show or hide this list of keys")),
    ("F11", QT_TRANSLATE_NOOP("session_keys", "Full screen on and off")),
)
