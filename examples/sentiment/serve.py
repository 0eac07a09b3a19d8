"""A small inference server."""
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")


def serve(port: int = 8080) -> None:
    HTTPServer(("0.0.0.0", port), Handler).serve_forever()
