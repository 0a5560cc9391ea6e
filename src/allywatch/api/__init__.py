"""The REST API (``allywatch serve``): FastAPI over the store, in :mod:`allywatch.api.app`.

Kept free of imports so that ``allywatch`` works without the ``api`` extra; FastAPI is imported only by
``allywatch.api.app``.
"""
