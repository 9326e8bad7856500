"""Use cases: what the athlete asks for (Today, an import, an export, a
correction, a start), built from the layers below and shared by the window
and the command line."""
