"""The desktop around the window: sound, speech, keeping the screen awake."""
