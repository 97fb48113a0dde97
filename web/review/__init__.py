"""The review and approval app for legal staff (issue 5), imported as ``gongkai.web.review``.

``app.create_app(Settings(...))`` builds it; ``deps`` holds what every route uses (database
session, signed-in user, roles, CSRF, rendering); ``views/`` has one module per page kind,
each exposing a ``router`` that the app includes automatically. See ``docs/review.md``.

Nothing is imported here, so ``gongkai --help`` does not load FastAPI.
"""
