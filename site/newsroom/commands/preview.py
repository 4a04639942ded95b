"""`make serve`: the editors' preview on http://127.0.0.1:5000/, with one plain line to say so.

The development server's own banner (a red warning about production, a debugger PIN) is not
for editors, and neither is its line per request: the server is made without them. The app is
the preview (`create_app()` without a configuration, see web/preview.py), which follows the
files from a watcher thread (web/following.py); Ctrl-C stops both.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys

from newsroom.content.editor_texts import _


def main(argv: list[str] | None = None) -> int:
    from newsroom.commands.library_texts import speak_editors_language

    speak_editors_language()  # argparse's own texts ("usage:", "options:")
    parser = argparse.ArgumentParser(prog="python -m newsroom.commands.preview")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args(argv)

    from werkzeug.serving import make_server

    from newsroom.web.app import create_app

    # Requests are logged at "info": only warnings and errors reach the terminal.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = create_app()
    try:
        server = make_server(args.host, args.port, app, threaded=True)
    except OSError as exc:
        print(
            _(
                "The preview cannot start: port %(port)s is in use (%(problem)s). Is the "
                "preview running in another window already? Stop that one with Ctrl-C, or "
                "choose another port: make serve PORT=5001",
                port=args.port,
                problem=exc.strerror or exc,
            ),
            file=sys.stderr,
        )
        return 1
    url = f"http://{args.host}:{server.port}/"
    print(_("Preview: %(url)s — stop with Ctrl-C", url=url), flush=True)
    # Ctrl-C stops the preview however it was started: a process started in the background by
    # a shell without job control (a script, a CI job) inherits SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        app.extensions["newsroom.preview"].stop()  # the watcher, and the open events streams
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
