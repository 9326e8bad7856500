"""The Programs page's parts: the program text, the follow dialog, the editor."""
