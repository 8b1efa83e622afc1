#!/usr/bin/env python3
"""A webhook receiver for bench/alerting.sh: logs, per alert in each POST, the receive time
(epoch ns), the alert's `probe` label (or "-") and the body's status, one line each, to argv[2].
Listens on 127.0.0.1:argv[1]."""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, LOG = int(sys.argv[1]), sys.argv[2]
out = open(LOG, "a", buffering=1)


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        now = time.time_ns()
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        summary = body.get("commonAnnotations", {}).get("summary", "")
        kind = "digest" if "held back" in summary else body.get("status")
        for alert in body.get("alerts", []):
            out.write(f"{now} {alert.get('labels', {}).get('probe', '-')} {kind}\n")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
