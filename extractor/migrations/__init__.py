"""The store's schema history: Alembic migrations, shipped inside the package so a wheel carries them.

`extractor.store.Store` brings every database it opens to the newest revision (`upgrade head`); a
store made before migrations existed (tables made by create-all, no `alembic_version`) is the
initial revision and is stamped as such first. A new schema change is a new file in `versions/`.
"""
