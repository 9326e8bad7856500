"""Reading other apps' exports (and our own) into one neutral shape.

Pure Python and no database: ``read_import`` parses and checks a file and
returns an ``ImportedLog``; writing it is the storage layer's job, in one
transaction.
"""
