#!/usr/bin/env python3
"""Startup-to-READY and idle CPU of the feedwatch daemon with many feeds in its store.

Usage: Benchmarks/startup.py BINARY [FEEDS]

Writes a configuration with FEEDS (default 10,000) feeds pointing at a closed loopback port, starts the daemon
once to register them, then starts it again (the measured start) with $NOTIFY_SOCKET pointing at a datagram socket
this script listens on. It reports the time from exec to READY=1, then waits for the first poll cycle to end
(the first WATCHDOG=1) and measures the CPU the process uses over the following idle seconds.
"""
import os
import socket
import subprocess
import sys
import tempfile
import time

IDLE_SECONDS = 20


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def run(binary, config, sock_path, timeout):
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(sock_path)
    receiver.settimeout(timeout)
    env = dict(os.environ, NOTIFY_SOCKET=sock_path, WATCHDOG_USEC="600000000")
    started = time.monotonic()
    process = subprocess.Popen([binary, "run", "--config", config, "--log-level", "error"], env=env,
                               stdout=subprocess.DEVNULL)
    ready_at = None
    first_cycle_at = None
    try:
        while first_cycle_at is None:
            message = receiver.recv(4096).decode()
            if message.startswith("READY=1") and ready_at is None:
                ready_at = time.monotonic()
            if message.startswith("WATCHDOG=1"):
                first_cycle_at = time.monotonic()
        return process, started, ready_at, first_cycle_at
    finally:
        receiver.close()
        os.unlink(sock_path)


def main():
    binary = os.path.abspath(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    with tempfile.TemporaryDirectory() as folder:
        config = os.path.join(folder, "config.yml")
        with open(config, "w") as out:
            out.write("database: feedwatch.sqlite\npoll:\n  interval: 1h\n  connect_timeout: 2s\n  concurrency: 64\n")
            out.write("sinks: []\nfeeds:\n")
            for index in range(count):
                out.write(f"  - http://127.0.0.1:9/feeds/{index}.xml\n")
        sock_path = os.path.join(folder, "notify.sock")
        process, _, _, _ = run(binary, config, sock_path, 300)
        process.terminate()
        process.wait()
        process, started, ready_at, first_cycle_at = run(binary, config, sock_path, 300)
        before = cpu_seconds(process.pid)
        time.sleep(IDLE_SECONDS)
        idle_cpu = cpu_seconds(process.pid) - before
        rss_kb = int([line for line in open(f"/proc/{process.pid}/status") if line.startswith("VmHWM")][0].split()[1])
        process.terminate()
        code = process.wait()
    print(f"| feeds in the store | {count} |")
    print(f"| exec to READY=1 | {(ready_at - started) * 1000:.0f} ms |")
    print(f"| READY=1 to the first WATCHDOG=1 (first poll loop done) | {(first_cycle_at - ready_at):.1f} s |")
    print(f"| CPU while idle, over {IDLE_SECONDS} s | {idle_cpu:.2f} s ({idle_cpu / IDLE_SECONDS * 100:.1f} %) |")
    print(f"| peak RSS | {rss_kb / 1024:.0f} MB |")
    print(f"| exit status after SIGTERM | {code} |")


if __name__ == "__main__":
    main()
