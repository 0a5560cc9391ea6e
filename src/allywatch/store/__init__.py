"""The store: tables, migrations and the repository that is the only way in."""
