"""PlexGeo: where in the world your Plex streams come from."""
