"""Gunicorn settings: one process (one write lock, one cache), several threads."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# One worker on purpose: the write lock and the cache live in one process.
workers = 1
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "8"))
timeout = 60
graceful_timeout = 10
accesslog = "-"
errorlog = "-"
# No admin socket in the user's home: two instances (a test, a demo) must not collide.
control_socket_disable = True
