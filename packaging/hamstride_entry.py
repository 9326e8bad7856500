"""The bundled program's entry point: what `hamstride` (app.cli.main:main) does.

One addition. Spoken counts run in a helper process that the app starts as
``sys.executable -m app.ui.desktop.speech --serve ENGINE`` (see app.ui.desktop.speech). In a
bundle, sys.executable is this program, which has no ``-m``: so the same
arguments are recognised here and handed to the helper's own entry point.
"""

from __future__ import annotations

import sys

SPEECH_HELPER = ["-m", "app.ui.desktop.speech", "--serve"]


def run(argv: list[str]) -> int:
    if argv[:3] == SPEECH_HELPER and len(argv) == 4:
        from app.ui.desktop.speech import serve

        return serve(argv[3])
    from app.cli.main import main

    return main(argv)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
