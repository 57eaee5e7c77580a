"""The panel in a real browser against a real Home Assistant."""
