# Preferences live in the session only: no models.
