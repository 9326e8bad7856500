"""How things look: themes, styles, icons, the figure painter and shared layout widgets."""
