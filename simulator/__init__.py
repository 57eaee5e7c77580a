"""A Plex Media Server and ip-api.com simulator on loopback, for tests and the demo."""
