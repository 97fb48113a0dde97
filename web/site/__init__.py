"""The public site of a channel (issue 6), imported as ``gongkai.web.site``.

``app.create_app(channel, Settings(...))`` builds it. It connects only to its channel's store,
read-only, through :mod:`gongkai.publication` (a second, read-write engine is used for nothing
but storing readers' problem reports and hiding a decision reported to leak personal data); it
never imports the internal store's models or the review app. ``views/`` has one module per page
kind, each exposing a ``router``. See ``docs/site.md``.

Nothing is imported here, so ``gongkai --help`` does not load FastAPI.
"""
