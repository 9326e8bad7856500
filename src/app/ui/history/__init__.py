"""The History page's parts: session and set tables, the set editor, the controller."""
