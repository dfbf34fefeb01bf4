"""Exit 0 if the PostgreSQL server in the URL given as the only argument accepts a connection.

Used by `make test` before the PostgreSQL run; needs psycopg2, so it runs with the virtualenv's
Python. Always prints host:port (for messages) on stdout; on failure the reason goes to stderr
and the exit status is 1.
"""

import sys
import time

import psycopg2
import psycopg2.extensions

TIMEOUT_SECONDS = 3


def main(url):
    try:
        params = psycopg2.extensions.parse_dsn(url)
    except psycopg2.Error as error:
        print(f"invalid PostgreSQL URL {url!r}: {error}".strip(), file=sys.stderr)
        return 1
    print(f"{params.get('host', 'localhost')}:{params.get('port', '5432')}", flush=True)
    # Django's test runner connects to the "postgres" maintenance database to create
    # test_<name>, and only falls back to <name> itself; the database named in the URL need not
    # exist, so try the same two.
    started = time.monotonic()
    try:
        psycopg2.connect(url, dbname="postgres", connect_timeout=TIMEOUT_SECONDS).close()
        return 0
    except psycopg2.Error as error:
        first_error = str(error).strip()
    # A quick failure means the server answered (and refused that database or role); a slow one
    # is a timeout, and trying again would only double the wait.
    if time.monotonic() - started < TIMEOUT_SECONDS - 1:
        try:
            psycopg2.connect(url, connect_timeout=TIMEOUT_SECONDS).close()
            return 0
        except psycopg2.Error:
            pass
    print(first_error, file=sys.stderr)
    return 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} postgres://user@host:port/dbname")
    sys.exit(main(sys.argv[1]))
