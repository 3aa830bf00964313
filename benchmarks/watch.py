"""What watching costs: polling N feeds served locally, CPU per cycle and memory.

    python benchmarks/watch.py [--feeds 500] [--entries 3] [--json] [--out quality/watch.json]

A feed server runs in a child process on 127.0.0.1 (so this process's CPU time is the
watcher's alone): `--feeds` RSS feeds of `--entries` full-text entries each, drawn from a pool
of 24 short articles (so the first cycle analyses 24 texts and stores every other entry as an
appearance of one of them, as syndicated copies are). Feeds answer with an ETag and honour
If-None-Match. The watcher polls every feed in each cycle, one after another, with no politeness
delay (all feeds share one host; with the default delay of 1 s a cycle of 500 would take 500 s
of waiting and the same CPU). Three cycles:
1. first: every feed new; the spaCy model loads and the pool is analysed, stored and linked;
2. not_modified: every feed answers 304, nothing is read: the steady state of a watch;
3. unchanged: the server ignores the validators and sends every feed whole again; each entry
   is parsed and found stored already (the cost of servers without ETag or Last-Modified).
For each cycle: wall seconds, CPU seconds of this process (all its threads), CPU milliseconds
per feed, and the resident memory after it; and the peak resident memory of the run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PEOPLE = ["Dana Morrow", "Luke Vale", "Rita Sands", "Omar Kell", "Jules Dorn", "Mae Quill"]
PLACES = ["Malibu", "Cannes", "Aspen", "Miami"]


def pool() -> list[tuple[str, str]]:
    """24 short, distinct articles: (title, text)."""
    found = []
    for i, person in enumerate(PEOPLE):
        for j, place in enumerate(PLACES):
            other = PEOPLE[(i + j + 1) % len(PEOPLE)]
            found.append(
                (
                    f"{person} seen with {other} in {place}",
                    f"{person} and {other} were seen together in {place} on Saturday, a source close to the pair told "
                    f"the magazine. {other} has not commented on the reports, which first appeared on Friday. "
                    f"A representative for {person} said the two were old friends and denied any romance.",
                )
            )
    return found


def rss(n: int, entries: int, articles: list[tuple[str, str]]) -> bytes:
    items = []
    for k in range(entries):
        title, text = articles[(n * entries + k) % len(articles)]
        items.append(
            f"<item><title>{title}</title><link>http://feeds.local/{n}/{k}.html</link><guid>{n}-{k}</guid>"
            f"<pubDate>Sat, 06 Apr 2024 09:00:00 GMT</pubDate><content:encoded>{text}</content:encoded></item>"
        )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Feed {n}</title>{''.join(items)}</channel></rss>"
    ).encode()


def serve(port_out, feeds: int, entries: int, honour) -> None:
    """The feed server (a child process): /N.xml for N < feeds."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    articles = pool()
    bodies = {f"/{n}.xml": rss(n, entries, articles) for n in range(feeds)}
    etags = {path: '"' + hashlib.sha256(body).hexdigest()[:16] + '"' for path, body in bodies.items()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            body = bodies.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if honour.value and self.headers.get("If-None-Match") == etags[self.path]:
                self.send_response(304)
                self.send_header("ETag", etags[self.path])
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etags[self.path])
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_out.put(server.server_address[1])
    server.serve_forever()


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--entries", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args()

    from rumormill.store import open_store
    from rumormill.watch import Watcher, add_source

    ports: multiprocessing.Queue = multiprocessing.Queue()
    honour = multiprocessing.Value("b", 1)
    child = multiprocessing.Process(target=serve, args=(ports, args.feeds, args.entries, honour), daemon=True)
    child.start()
    base = f"http://127.0.0.1:{ports.get(timeout=30)}"
    folder = tempfile.mkdtemp(prefix="rumormill-watch-bench-")
    store = open_store(Path(folder) / "rumormill.db")
    for n in range(args.feeds):
        add_source(store, f"{base}/{n}.xml", interval=900)
    watcher = Watcher(store, allow_private=True, host_delay=0)
    sources = store.table("sources")
    result = {"feeds": args.feeds, "entries_per_feed": args.entries, "rss_mb_before": round(rss_mb(), 1), "cycles": {}}
    for name in ("first", "not_modified", "unchanged"):
        honour.value = 0 if name == "unchanged" else 1
        with store.writing() as conn:
            conn.execute(sources.update().values(next_due=0))  # every feed due: a cycle of all of them
        wall, cpu = time.perf_counter(), time.process_time()
        report = watcher.run_once()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        result["cycles"][name] = {
            "polls": report.polls,
            "outcomes": {
                k: v for k, v in report.to_dict().items() if k in ("new", "unchanged", "not_modified", "errors")
            },
            "new_articles": len(report.new_ids),
            "wall_s": round(wall, 2),
            "cpu_s": round(cpu, 2),
            "cpu_ms_per_feed": round(1000 * cpu / max(report.polls, 1), 2),
            "rss_mb_after": round(rss_mb(), 1),
        }
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result["articles"] = store.count("articles")
    result["appearances"] = store.count("appearances")
    result["cpus"] = os.cpu_count()
    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    store.close()
    child.terminate()
    text = json.dumps(result, indent=2)
    if args.out:
        args.out.write_text(text + "\n")
    if args.json:
        print(text)
        return
    print(f"{args.feeds} feeds of {args.entries} entries, on {result['cpus']} CPUs (load {result['load_average']})")
    for name, cycle in result["cycles"].items():
        print(
            f"  {name:<13} {cycle['polls']} polls  wall {cycle['wall_s']:>7.2f} s  cpu {cycle['cpu_s']:>7.2f} s "
            f"({cycle['cpu_ms_per_feed']:.2f} ms a feed)  rss after {cycle['rss_mb_after']:.0f} MB"
        )
    print(f"  peak rss {result['peak_rss_mb']:.0f} MB (before the first cycle: {result['rss_mb_before']:.0f} MB)")


if __name__ == "__main__":
    main()
