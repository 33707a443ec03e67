"""The peer of the webhook ingest benchmark: a minimal MANGO event receiver in Python's standard
library. It does what a receiver must at the least: reads the form, checks `sign =
sha256(vpbx_api_key + json + api_salt)` (manual 2.1.1) in constant time, parses the JSON and
appends the event to SQLite (WAL, synchronous=NORMAL, as Obzvon's database), then answers 200.
It folds nothing. Usage: webhook_receiver.py PORT DATABASE KEY SALT"""
import hashlib, hmac, json, sqlite3, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

PORT, DATABASE, KEY, SALT = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
db = sqlite3.connect(DATABASE, check_same_thread=False, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=NORMAL")
db.execute("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, kind TEXT, raw_json TEXT)")
lock = threading.Lock()


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        form = parse_qs(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode())
        key, sign, raw = (form.get(name, [""])[0] for name in ("vpbx_api_key", "sign", "json"))
        expected = hashlib.sha256((key + raw + SALT).encode()).hexdigest()
        if key != KEY or not hmac.compare_digest(sign, expected):
            return self.answer(401, b'{"error":"sign"}')
        try:
            json.loads(raw)
        except ValueError:
            return self.answer(400, b'{"error":"json"}')
        with lock:
            db.execute("INSERT INTO events (kind, raw_json) VALUES (?, ?)", (self.path, raw))
        self.answer(200, b"{}")

    def answer(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Receiver).serve_forever()
