"""The Today page: what is due, the week, quick notes."""
