"""``python -m presence_service``: run the service until interrupted."""

from __future__ import annotations

import argparse

from aiohttp import web

from .app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description="Who's-online HTTP service (presence-engine)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument(
        "--tick-ms", type=int, default=100, help="period of the engine's ticker (ms)"
    )
    args = parser.parse_args()
    web.run_app(create_app(tick_interval_ms=args.tick_ms), host=args.host, port=args.port)


if __name__ == "__main__":
    main()
