"""The rostering domain: plain Python, no frameworks."""
